package dev.ridgeline.preprocess;

import dev.ridgeline.data.DataException;
import java.util.HashMap;
import java.util.Map;

/**
 * The feature names given out while fitting, each with the column it came from. A one-hot feature is named
 * {@code column=category}, which a real column can also be called ({@code color=red} next to a text column
 * {@code color} holding {@code red}); the outputs are keyed by feature name, so a clash would silently lose
 * a coefficient and is refused instead.
 */
final class FeatureNames {
    private record Source(String column, String category) {
        String describe() {
            return category == null ? "column '" + column + "'" : "category '" + category + "' of column '" + column + "'";
        }
    }

    private final String file;
    private final Map<String, Source> given = new HashMap<>();

    FeatureNames(String file) {
        this.file = file;
    }

    /** Records feature {@code name} made from {@code column} (and {@code category}, null for a numeric column). */
    void claim(String name, String column, String category) {
        Source mine = new Source(column, category);
        Source earlier = given.putIfAbsent(name, mine);
        if (earlier != null) {
            // The column whose own name holds '=' is the one that imitates a one-hot name.
            String rename = mine.column().contains("=") ? mine.column() : earlier.column();
            throw new DataException(file + ": two features would be named '" + name + "': " + earlier.describe()
                    + " and " + mine.describe() + "; rename the column '" + rename + "'");
        }
    }
}
