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
