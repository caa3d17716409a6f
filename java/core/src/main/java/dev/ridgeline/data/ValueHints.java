package dev.ridgeline.data;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a field that Ridgeline does not read as its author meant most likely is, so that messages can say
 * so: other tools' spellings of a missing value (only an empty field and {@code NA} are missing here), and
 * numbers written with a decimal comma, thousands separators or a currency or percent sign (only a plain
 * number with a decimal point reads as one).
 */
public final class ValueHints {
    /** Lower-cased. */
    private static final Set<String> OTHER_TOOLS = Set.of("null", "none", "nan", "na", "n/a", "#n/a", "?", "-", "--",
            "missing", "nil", "undefined");
    /**
     * A number written with a decimal comma (12,78; -1.234,5 or 1 234,5 with the thousands grouped) or with
     * its thousands grouped (1,000; 12,345.5; 1 000; 1'000). Thousands are grouped by points (with a decimal
     * comma), commas (with a decimal point), or, in either, spaces (plain, no-break U+00A0, narrow no-break
     * U+202F as French exports write them, thin U+2009) or apostrophes (' and U+2019, Swiss).
     */
    private static final Pattern COMMA_NUMBER = Pattern.compile(
            "\\s*[+-]?((\\d{1,3}([. \u00a0\u202f\u2009'\u2019]\\d{3})+|\\d+),\\d+"
            + "|\\d{1,3}([, \u00a0\u202f\u2009'\u2019]\\d{3})+(\\.\\d+)?)\\s*");
    /** What to do about a {@link #commaNumber}, for messages. */
    public static final String COMMA_ADVICE = "numbers are read with neither decimal commas nor thousands"
            + " separators: write 1234.5, not 1234,5, 1,234.5 or 1 234.5";

    /**
     * A number with a currency sign before or after it, or a percent sign after it, its thousands grouped by
     * commas or not: $3,118.28, -$12, 45%, 12.5 €, £1,000.
     */
    private static final Pattern DECORATED_NUMBER = Pattern.compile(
            "\\s*[+-]?([$€£¥]\\s*[+-]?)?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?\\s*[%$€£¥]?\\s*");
    /** What to do about a {@link #decoratedNumber}, for messages. */
    public static final String DECORATION_ADVICE = "numbers are read plain: write 3118.28 or 0.45, without currency"
            + " or percent signs or thousands separators";

    private ValueHints() {
    }

    /** True when {@code field} reads as a number with a currency or percent sign ({@code $3,118.28}, {@code 45%}). */
    public static boolean decoratedNumber(String field) {
        return field.length() <= 64 && field.chars().anyMatch(ch -> "%$€£¥".indexOf(ch) >= 0)
                && DECORATED_NUMBER.matcher(field).matches();
    }

    /**
     * True when every name of a header reads as a finite number: the file most likely has no header row, and
     * its first row of data was taken for the names (and is missing from the data).
     */
    public static boolean headerOfNumbers(List<String> names) {
        return !names.isEmpty() && names.stream().allMatch(n -> Double.isFinite(NumberSyntax.parse(n, 0, n.length())));
    }

    /** A number that Ridgeline reads as text: {@link #commaNumber} or {@link #decoratedNumber}. */
    public static boolean numberAsText(String field) {
        return commaNumber(field) || decoratedNumber(field);
    }

    /** True when {@code field}, spaces and case aside, is how another tool writes a missing value. */
    public static boolean looksMissing(String field) {
        return OTHER_TOOLS.contains(field.strip().toLowerCase(Locale.ROOT));
    }

    /** True when {@code field} reads as a number written with a decimal comma or thousands separators ({@link #COMMA_NUMBER}). */
    public static boolean commaNumber(String field) {
        return field.length() <= 64 && COMMA_NUMBER.matcher(field).matches();
    }
}
