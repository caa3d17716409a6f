package dev.ridgeline.data;

/**
 * A value of a column of row weights that cannot weigh its row (missing, negative, or below float32's smallest
 * normal value), named by file, line and column: its own type so that a caller that reads the weights for a purpose
 * of its own (explain's background) can add the remedy that fits it, without reading the message.
 */
public final class RowWeightException extends DataException {
    private static final long serialVersionUID = 1L;

    RowWeightException(String message) {
        super(message);
    }
}
