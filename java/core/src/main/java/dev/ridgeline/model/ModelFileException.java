package dev.ridgeline.model;

/** A model file that cannot be used: unreadable, not a model, a newer format, edited or corrupted. */
public class ModelFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
