package dev.ridgeline.cli;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.DataException;
import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.Preprocessing;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Categorical columns whose categories are all dates or times (2024-01-05, 2024-01-05T10:30:00Z, 05/01/2024):
 * read as text, each date becomes a one-hot feature of its own, so the model learns nothing about order or
 * trend and cannot place a later date. A warning says so and what to do instead.
 */
final class DateColumns {
    /** ISO 8601 dates and date-times, and day/month/year or month/day/year with slashes, dots or dashes. */
    private static final Pattern DATE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?"
                    + "|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{4}( \\d{1,2}:\\d{2}(:\\d{2})?)?");
    /** Categories looked at per column: enough to tell, bounded for a column of 100,000. */
    private static final int SAMPLE = 200;

    private DateColumns() {
    }

    static boolean holdsDates(InputColumn in) {
        if (in.kind() != ColumnKind.CATEGORICAL || in.categories().size() < 2) {
            return false;
        }
        List<String> categories = in.categories();
        int step = Math.max(1, categories.size() / SAMPLE);
        for (int i = 0; i < categories.size(); i += step) {
            if (!DATE.matcher(categories.get(i).strip()).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A warning naming the first categorical input whose categories are dates, if any. */
    static Optional<String> warning(Preprocessing pre) {
        return pre.inputs().stream().filter(DateColumns::holdsDates).findFirst().map(DateColumns::hint);
    }

    /** What encoding the date column {@code in} does and what to do instead, for a warning or an error. */
    static String hint(InputColumn in) {
        return String.format(Locale.ROOT,
                "column '%s' holds dates (%s, ...): it is one-hot encoded as %,d categories, which know nothing of"
                        + " their order and cannot place a date not seen in training; give it as a number (days since a"
                        + " start, a year) or leave it out with --ignore %s", DataException.shown(in.name()),
                DataException.shown(in.categories().get(0)), in.categories().size(), ColumnNameText.forList(in.name()));
    }
}
