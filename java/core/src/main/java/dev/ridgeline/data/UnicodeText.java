package dev.ridgeline.data;

import java.text.Normalizer;

/**
 * One spelling per text: column names and category labels are read in Unicode's composed form (NFC), as
 * are names asked for. The same letters can be stored composed ("ü", one code point) or decomposed ("u"
 * and a combining diaeresis, as some macOS exports write them); compared as stored, a decomposed file's
 * 'Zürich' was a category never seen in training, and its column 'größe' no column of the model.
 */
public final class UnicodeText {
    /** Below the first combining mark (U+0300) every character is its own composed form. */
    private static final char FIRST_COMBINING = '\u0300';

    private UnicodeText() {
    }

    /**
     * A category label as read: without the spaces around it, those {@link String#trim} removes (control
     * characters and the space), Unicode's other spaces, and the no-break spaces U+00A0, U+2007 and U+202F,
     * which cells exported from spreadsheets and web pages often end with ('Paris\u00a0' had been a category
     * of its own beside 'Paris').
     */
    public static String trimmed(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == text.length() ? text : text.substring(start, end);
    }

    /**
     * Whether c is white space around a label or a number: a control character or the space (those {@link
     * String#trim} removes), or a Unicode space or no-break space. Digits and letters below U+0080 are
     * answered by the first two comparisons.
     */
    static boolean isSpace(char c) {
        return c <= ' ' || (c >= '\u0080' && (Character.isWhitespace(c) || Character.isSpaceChar(c)));
    }

    /**
     * Refuses text with an unpaired surrogate (half of a character beyond U+FFFF, as Java strings can hold but
     * no file can): written as UTF-8 it became '?', so a model file so written failed its checksum on load.
     *
     * @param what names the text in the message, e.g. "input column"
     */
    public static void requireWellFormed(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s '%s' holds an unpaired"
                        + " surrogate (\\u%04X at %d), which is not Unicode text: no file can hold it", what,
                        text.substring(0, i) + "?" + text.substring(i + 1), (int) c, i));
            }
        }
    }

    /** {@code text} in NFC; the same String when it already is (all text below U+0300 is). */
    public static String composed(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= FIRST_COMBINING) {
                return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text
                        : Normalizer.normalize(text, Normalizer.Form.NFC);
            }
        }
        return text;
    }
}
