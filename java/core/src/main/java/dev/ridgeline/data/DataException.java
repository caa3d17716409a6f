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
}
