package dev.ridgeline.data;

import java.util.Locale;

/**
 * What to do with missing values (an empty field or {@code NA}). {@code FAIL} (the default) stops with the
 * count of affected rows; {@code DROP} removes every row with a missing value; {@code MEAN} and
 * {@code MEDIAN} fill a numeric feature with its training-row mean or median and a categorical feature
 * with its most frequent training-row category. A missing target is never filled: only DROP accepts it.
 */
public enum MissingPolicy {
    FAIL, DROP, MEAN, MEDIAN;

    /** Parses {@code fail|drop|mean|median}, or fails listing the choices. */
    public static MissingPolicy parse(String text) {
        java.util.Objects.requireNonNull(text, "text");
        for (MissingPolicy p : values()) {
            if (p.name().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown missing-value policy '" + text + "'; choose one of fail, drop, mean, median");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the policy fills missing feature values instead of refusing or dropping the row. */
    public boolean imputes() {
        return this == MEAN || this == MEDIAN;
    }
}
