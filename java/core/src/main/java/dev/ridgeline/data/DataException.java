package dev.ridgeline.data;

/**
 * A problem with the user's data: the message names what is wrong and where (file, row, column, value),
 * so that the command line can print it as one line without a stack trace.
 */
public class DataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Longest value quoted whole in a message; a longer one is cut, with its length. */
    static final int SHOWN_CHARACTERS = 80;

    /**
     * Whether an OutOfMemoryError is the heap's (what a larger -Xmx or less data remedies), not a thread that
     * could not start, the metaspace or direct memory: only the heap's become the DataException naming -Xmx.
     */
    public static boolean heapExhausted(OutOfMemoryError e) {
        String m = e.getMessage();
        return m != null && (m.startsWith("Java heap space") || m.startsWith("GC overhead limit exceeded")
                || m.startsWith("Requested array size exceeds VM limit"));
    }

    /**
     * {@code v} with a comma between thousands ("1,024"), as {@code %,d} writes it, without the formatter: the
     * messages for an exhausted heap are built where the JVM has just run out, and the formatter's first use loads
     * and initialises locale classes, which can fail there (an OutOfMemoryError, then "NoClassDefFoundError: Could
     * not initialize class sun.util.locale.provider.LocaleProviderAdapter" in place of the message).
     */
    public static String thousands(long v) {
        String digits = Long.toString(Math.abs(v));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (v < 0) {
            out.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, lead);
        for (int at = lead; at < digits.length(); at += 3) {
            out.append(',').append(digits, at, at + 3);
        }
        return out.toString();
    }

    /**
     * A value as a message quotes it: whole up to {@value #SHOWN_CHARACTERS} characters, else its start and
     * its length (a 100,001-digit field had made a 100 KB error line); invisible characters written out
     * ({@link #visible}).
     */
    public static String shown(String value) {
        if (value == null || value.length() <= SHOWN_CHARACTERS) {
            return visible(value);
        }
        return visible(value.substring(0, SHOWN_CHARACTERS)) + "... (" + value.length() + " characters)";
    }

    /**
     * The text with each invisible format character (a byte-order mark U+FEFF left mid-file by joining two
     * files, a zero-width space U+200B, direction marks) written as its escape: quoted as it is, 'U+FEFF a'
     * looked like the valid value 'a' the error refused. A backslash is written doubled, so that an escape is
     * always one: the name {@code a\nb} (a backslash, then n) reads {@code a\\nb}, and a name holding a line
     * break (which the command line writes {@code \n}) or a byte-order mark cannot be mistaken for it. Line
     * breaks are the command line's to write.
     */
    static String visible(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean escaped = c == '\\' || Character.getType(c) == Character.FORMAT;
            if (escaped && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                if (c == '\\') {
                    out.append("\\\\");
                } else if (escaped) {
                    out.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }
}
