package dev.ridgeline.data;

import java.util.List;

/**
 * A file whose columns do not match a model's: the message names what is missing and what is extra, and the
 * lists travel with it so that a caller with options to offer (the command line's --ignore) can say which.
 */
public final class ColumnMismatchException extends DataException {
    private static final long serialVersionUID = 1L;

    private final List<String> missing;
    private final List<String> extra;

    ColumnMismatchException(String message, List<String> missing, List<String> extra) {
        super(message);
        this.missing = List.copyOf(missing);
        this.extra = List.copyOf(extra);
    }

    /** The model's columns the file lacks, in the model's order. */
    public List<String> missing() {
        return missing;
    }

    /** The file's columns the model does not use, in the file's order. */
    public List<String> extra() {
        return extra;
    }
}
