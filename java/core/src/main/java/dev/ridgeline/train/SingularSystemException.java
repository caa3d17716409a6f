package dev.ridgeline.train;

/** The normal equations have no unique solution; the message names the column and suggests lambda > 0. */
public class SingularSystemException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SingularSystemException(String message) {
        super(message);
    }
}
