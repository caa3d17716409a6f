package dev.ridgeline.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * The warning for a held-out part that was asked for (a fraction above 0) and got no row: its share of the
 * rows rounded to 0, so the run has no metrics for it although the settings name it.
 */
final class EmptyHeldOutPart {
    private EmptyHeldOutPart() {
    }

    /** Empty unless {@code fraction} > 0 held out none of {@code rows} rows for {@code part}. */
    static Optional<String> warning(String option, double fraction, String part, int rows, int heldOut) {
        if (!(fraction > 0) || heldOut > 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s %s holds out no row of %s: its share rounds to 0, so there are"
                + " no %s rows and no %s metrics; hold out a larger share, or set %s 0", option,
                TrainPipeline.plain(fraction), RowCount.of(rows), part, part, option));
    }
}
