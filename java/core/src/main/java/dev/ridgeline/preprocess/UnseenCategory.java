package dev.ridgeline.preprocess;

import java.util.Locale;

/**
 * What prediction does with a category never seen in training: {@code ERROR} (the default) refuses the row
 * naming the file, line, column and value; {@code ZEROS} encodes it as all zeros in that column's one-hot
 * block, so the column contributes as if it were at the scaled position of "none of the known categories".
 */
public enum UnseenCategory {
    ERROR, ZEROS;

    public static UnseenCategory parse(String text) {
        java.util.Objects.requireNonNull(text, "text");
        for (UnseenCategory u : values()) {
            if (u.name().equalsIgnoreCase(text.trim())) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown unseen-category policy '" + text + "'; choose error or zeros");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
