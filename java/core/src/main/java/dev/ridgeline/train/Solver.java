package dev.ridgeline.train;

import java.util.Locale;

/** How parameters are found: full-batch gradient descent, mini-batch SGD, or the exact normal equations. */
public enum Solver {
    GD, SGD, EXACT;

    /** Parses {@code gd}, {@code sgd} or {@code exact}, case-insensitively. */
    public static Solver parse(String text) {
        java.util.Objects.requireNonNull(text, "text");
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown solver '" + text + "'; choose gd, sgd or exact", e);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
