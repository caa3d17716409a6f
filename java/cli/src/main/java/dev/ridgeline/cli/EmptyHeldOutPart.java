package dev.ridgeline.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * The warning for a held-out part that was asked for (a fraction above 0) and got no row: its share of the
 * rows rounded to 0, or, in a stratified split, every group's share did (100 rows of 100 distinct values: 0.2 of
 * each group is 0 rows), so the run has no metrics for it although the settings name it.
 */
final class EmptyHeldOutPart {
    private EmptyHeldOutPart() {
    }

    /**
     * Empty unless {@code fraction} > 0 held out none of {@code rows} rows for {@code part}; {@code stratify} is the
     * column the split was stratified by, or null.
     */
    static Optional<String> warning(String option, double fraction, String part, int rows, int heldOut,
            String stratify) {
        if (!(fraction > 0) || heldOut > 0) {
            return Optional.empty();
        }
        String head = String.format(Locale.ROOT, "%s %s holds out no row of %s: ", option,
                TrainPipeline.plain(fraction), RowCount.of(rows));
        String tail = String.format(Locale.ROOT, ", so there are no %s rows and no %s metrics; ", part, part);
        if (stratify != null && Math.round(fraction * rows) > 0) {
            return Optional.of(head + "with --stratify " + stratify + " each group's share of it rounds to 0" + tail
                    + "stratify by a column of few values (or bin it), leave --stratify out, or set " + option + " 0");
        }
        return Optional.of(head + "its share rounds to 0" + tail + "hold out a larger share, or set " + option + " 0");
    }
}
