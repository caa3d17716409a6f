package dev.ridgeline.data;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a field that Ridgeline does not read as its author meant most likely is, so that messages can say
 * so: other tools' spellings of a missing value (only an empty field and {@code NA} are missing here), and
 * numbers written with a decimal comma (only a decimal point makes a number).
 */
public final class ValueHints {
    /** Lower-cased. */
    private static final Set<String> OTHER_TOOLS = Set.of("null", "none", "nan", "na", "n/a", "#n/a", "?", "-", "--",
            "missing", "nil", "undefined");
    /** 12,78 or -1.234,5: digits, a comma, digits (thousands grouped by points allowed before the comma). */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("\\s*[+-]?(\\d{1,3}(\\.\\d{3})+|\\d+),\\d+\\s*");

    private ValueHints() {
    }

    /** True when {@code field}, spaces and case aside, is how another tool writes a missing value. */
    public static boolean looksMissing(String field) {
        return OTHER_TOOLS.contains(field.strip().toLowerCase(Locale.ROOT));
    }

    /** True when {@code field} reads as a number written with a decimal comma (or a thousands comma). */
    public static boolean decimalComma(String field) {
        return field.length() <= 64 && DECIMAL_COMMA.matcher(field).matches();
    }
}
