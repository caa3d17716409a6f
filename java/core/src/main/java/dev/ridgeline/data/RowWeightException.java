package dev.ridgeline.data;

/**
 * A value of a column of row weights that cannot weigh its row (missing, text, not a finite float32 number,
 * negative, or below float32's smallest normal value), named by file, line and column: its own type so that a caller that reads the weights for a purpose
 * of its own (explain's background) can add the remedy that fits it, without reading the message. The message is
 * the {@link #problem} and, where the reader knows one that fits every caller of its method, a remedy after it.
 */
public final class RowWeightException extends DataException {
    private static final long serialVersionUID = 1L;

    private final String problem;

    RowWeightException(String problem) {
        this(problem, "");
    }

    /** {@code problem}, found by {@code cause} (the number parsing's error, whose message it is). */
    RowWeightException(String problem, Throwable cause) {
        super(problem, cause);
        this.problem = problem;
    }

    /** {@code problem}, then "; " and {@code remedy} where it is not empty. */
    RowWeightException(String problem, String remedy) {
        super(remedy.isEmpty() ? problem : problem + "; " + remedy);
        this.problem = problem;
    }

    /**
     * The value and what is wrong with it (file, line, column), without the remedy of the message: a caller
     * that weighs the rows for a purpose of its own adds the remedy that fits it.
     */
    public String problem() {
        return problem;
    }
}
