package dev.ridgeline.data;

import java.util.Locale;
import java.util.Set;

/**
 * Spellings of a missing value in other tools that Ridgeline does not take as missing: only an empty field
 * and {@code NA} are. Messages use them to say why a value that looks missing was read as text or as a
 * number that is not finite.
 */
public final class MissingSpellings {
    /** Lower-cased. */
    private static final Set<String> OTHER_TOOLS = Set.of("null", "none", "nan", "na", "n/a", "#n/a", "?", "-", "--",
            "missing", "nil", "undefined");

    private MissingSpellings() {
    }

    /** True when {@code field}, spaces and case aside, is how another tool writes a missing value. */
    public static boolean looksMissing(String field) {
        return OTHER_TOOLS.contains(field.strip().toLowerCase(Locale.ROOT));
    }
}
