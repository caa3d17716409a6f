package dev.ridgeline.preprocess;

import java.util.Locale;

/**
 * Feature scaling fitted on training rows: {@code ZSCORE} (x - mean) / sd with the population sd,
 * {@code MINMAX} (x - min) / (max - min) onto [0, 1], {@code NONE} leaves values as they are.
 */
public enum ScaleKind {
    ZSCORE, MINMAX, NONE;

    public static ScaleKind parse(String text) {
        java.util.Objects.requireNonNull(text, "text");
        for (ScaleKind s : values()) {
            if (s.name().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scaling '" + text + "'; choose one of zscore, minmax, none");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What the model's own coefficients are per, for column headers: a standard deviation (zscore), the
     * training range (minmax), or the raw unit (none, where they equal the original-unit coefficients).
     */
    public String coefficientSpace() {
        return switch (this) {
            case ZSCORE -> "standardised";
            case MINMAX -> "min-max scaled";
            case NONE -> "unscaled";
        };
    }
}
