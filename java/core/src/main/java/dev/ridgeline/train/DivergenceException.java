package dev.ridgeline.train;

/** Training diverged: the message says when, the loss seen, and suggests a smaller learning rate. */
public class DivergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DivergenceException(String message) {
        super(message);
    }
}
