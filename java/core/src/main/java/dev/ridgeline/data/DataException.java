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
     * A value as a message quotes it: whole up to {@value #SHOWN_CHARACTERS} characters, else its start and
     * its length (a 100,001-digit field had made a 100 KB error line).
     */
    public static String shown(String value) {
        if (value == null || value.length() <= SHOWN_CHARACTERS) {
            return value;
        }
        return value.substring(0, SHOWN_CHARACTERS) + "... (" + value.length() + " characters)";
    }
}
