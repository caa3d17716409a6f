package dev.ridgeline.cli;

import dev.ridgeline.data.ThreeWaySplit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The warning for a stratified or grouped split whose parts came out far from the sizes asked for. In a
 * stratified split each group's share of a part is rounded on its own, so a column of many small groups (a
 * continuous one: diabetes' bmi has 163 values in 442 rows) gave 75 validation rows for --holdout 0.2 instead
 * of 88, with no word; a grouped split moves whole groups, so a few large ones miss by up to a group.
 */
final class SplitSizes {
    private SplitSizes() {
    }

    /** A part may miss its rounded size by this share of it (or by one row) before the split is warned about. */
    static final double TOLERANCE = 0.05;

    /** For --stratify {@code column}, whose {@code labels} (one per row) shaped {@code split}. */
    static Optional<String> stratified(String column, String[] labels, ThreeWaySplit split, double validation,
            double test) {
        long groups = Arrays.stream(labels).distinct().count();
        return offBy(labels.length, split, validation, test).map(off -> String.format(Locale.ROOT, "--stratify %s: its"
                + " %d values split each group's rows in proportion, rounded group by group, so %s: stratify by a column"
                + " of few values (or bin it), or leave --stratify out", column, groups, off));
    }

    /** For --group {@code column}, whose {@code labels} (one per row) shaped {@code split}. */
    static Optional<String> grouped(String column, String[] labels, ThreeWaySplit split, double validation,
            double test) {
        long groups = Arrays.stream(labels).distinct().count();
        return offBy(labels.length, split, validation, test).map(off -> String.format(Locale.ROOT, "--group %s: each "
                + "part takes whole groups of its %d values, so %s: with more, smaller groups the parts come nearer "
                + "their sizes", column, groups, off));
    }

    /** "the validation rows are 75 where --holdout 0.2 asks for 88" for each part off its size, or empty. */
    private static Optional<String> offBy(int rows, ThreeWaySplit split, double validation, double test) {
        StringBuilder off = new StringBuilder();
        appendIfOff(off, "validation", split.validation().length, Math.round(validation * rows), "--holdout", validation);
        appendIfOff(off, "test", split.test().length, Math.round(test * rows), "--test", test);
        return off.length() == 0 ? Optional.empty() : Optional.of(off.toString());
    }

    private static void appendIfOff(StringBuilder off, String part, int got, long asked, String option, double fraction) {
        // A part that got no row has its own warning, which names the stratification as the cause (EmptyHeldOutPart).
        if (got == 0 || Math.abs(got - asked) <= Math.max(1, TOLERANCE * asked)) {
            return;
        }
        off.append(off.length() == 0 ? "" : ", and ").append(String.format(Locale.ROOT, "the %s rows are %d where %s %s "
                + "asks for %d", part, got, option, TrainPipeline.plain(fraction), asked));
    }
}
