package dev.ridgeline.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Applies a {@link MissingPolicy} to a frame before it is split: FAIL refuses a frame with any missing value
 * (giving the count of affected rows and the first place), DROP removes such rows, MEAN and MEDIAN keep them
 * for the fitted imputer but still refuse a missing target or row weight (neither is ever imputed).
 */
public final class MissingValues {
    private MissingValues() {
    }

    /** The frame to train on under {@code policy}; the input frame is not modified. */
    public static Frame apply(Frame frame, MissingPolicy policy) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(policy, "policy");
        int m = frame.rows();
        boolean[] featureMissing = new boolean[m];
        boolean[] targetOrWeightMissing = new boolean[m];
        int affected = 0;
        int missingTargets = 0;
        int missingWeights = 0;
        String first = null;
        String firstTarget = null;
        String firstWeight = null;
        // Column by column (each column read in order): the first missing feature in row order is in the
        // lowest row with one, and in the leftmost column of that row.
        int firstRow = m;
        int firstColumn = -1;
        List<String> empty = new ArrayList<>();
        for (int c = 0; c < frame.columns(); c++) {
            int missing = 0;
            for (int i = 0; i < m; i++) {
                if (frame.isMissing(c, i)) {
                    missing++;
                    featureMissing[i] = true;
                    if (i < firstRow) {
                        firstRow = i;
                        firstColumn = c;
                    }
                }
            }
            // Numeric: an empty column reads as one, and only numeric columns are dropped by the imputer.
            if (missing == m && m > 0 && frame.kind(c) == ColumnKind.NUMERIC) {
                empty.add(frame.name(c));
            }
        }
        for (int i = 0; i < m; i++) {
            if (i == firstRow && first == null) {
                first = frame.where(firstColumn, i);
            }
            if (frame.hasTarget() && Double.isNaN(frame.target(i))) {
                String where = frame.source() + ", line " + frame.line(i) + ", target '" + frame.targetName() + "'";
                first = first == null ? where : first;
                firstTarget = firstTarget == null ? where : firstTarget;
                missingTargets++;
                targetOrWeightMissing[i] = true;
            }
            if (Double.isNaN(frame.weight(i))) {
                String where = frame.source() + ", line " + frame.line(i) + ", column '" + frame.weightName()
                        + "' (row weights)";
                first = first == null ? where : first;
                firstWeight = firstWeight == null ? where : firstWeight;
                missingWeights++;
                targetOrWeightMissing[i] = true;
            }
            affected += featureMissing[i] || targetOrWeightMissing[i] ? 1 : 0;
        }
        if (affected == 0) {
            return frame;
        }
        // A column with no value at all is the cause to name: dropping rows cannot help, and with mean or
        // median imputation it is dropped with a warning (which cannot help a missing target or weight).
        String emptyColumns = "";
        if (!empty.isEmpty()) {
            String them = empty.size() == 1 ? "it" : "them";
            emptyColumns = (empty.size() == 1 ? "; column '" + DataException.shown(empty.get(0)) + "' has" : "; columns "
                    + ColumnNames.listed(empty) + " have") + " no value in any row: leave " + them + " out of the file"
                    + (missingTargets + missingWeights > 0 ? "" : ", or choose --missing mean or median, which drop "
                    + them + " with a warning");
        }
        // A target or weight column with no value at all is the cause under every policy: no row can be kept.
        if (m > 0 && missingTargets == m) {
            throw new DataException(frame.source() + ": the target '" + DataException.shown(frame.targetName())
                    + "' has no value in any of the " + m + " rows, so no row can train (a target is never imputed);"
                    + " check --target");
        }
        if (m > 0 && missingWeights == m) {
            throw new DataException(frame.source() + ": the row weights column '" + DataException.shown(frame.weightName())
                    + "' has no value in any of the " + m + " rows, so no row can train (a weight is never imputed);"
                    + " check --weights");
        }
        switch (policy) {
            case FAIL:
                // A missing target or weight is never imputed, so only drop can save those rows.
                String choices = missingTargets + missingWeights > 0 ? "choose --missing drop (a missing target or"
                        + " row weight is never imputed)" : "choose --missing drop, mean or median";
                throw new DataException(String.format(java.util.Locale.ROOT, "%s: %d of %d rows have missing values (first at %s); %s%s",
                        frame.source(), affected, m, withinSource(frame, first), choices, emptyColumns));
            case DROP:
                return keep(frame, featureMissing, targetOrWeightMissing, affected, emptyColumns);
            default:
                if (missingTargets > 0) {
                    throw new DataException(String.format(java.util.Locale.ROOT, "%s: %s no target value (first at %s); a target "
                            + "is never imputed: use --missing drop", frame.source(), rowsHave(missingTargets),
                            withinSource(frame, firstTarget)));
                }
                if (missingWeights > 0) {
                    throw new DataException(String.format(java.util.Locale.ROOT, "%s: %s no row weight (first at %s); a weight is "
                            + "never imputed: use --missing drop", frame.source(), rowsHave(missingWeights),
                            withinSource(frame, firstWeight)));
                }
                return frame;
        }
    }

    /**
     * A place in the frame without its source, which the message names first already ("t.csv: 3 of 4 rows ...
     * (first at line 2, column 'b')"; it had read "(first at t.csv, line 2, ...)").
     */
    private static String withinSource(Frame frame, String where) {
        String prefix = frame.source() + ", ";
        return where.startsWith(prefix) ? where.substring(prefix.length()) : where;
    }

    private static Frame keep(Frame frame, boolean[] featureMissing, boolean[] targetOrWeightMissing, int affected,
                              String emptyColumns) {
        int m = frame.rows();
        if (affected == m) {
            throw new DataException(frame.source() + ": every one of the " + m + " rows has a missing value; nothing is"
                    + " left after --missing drop" + emptyColumns);
        }
        int[] rows = new int[m - affected];
        int r = 0;
        for (int i = 0; i < m; i++) {
            if (!featureMissing[i] && !targetOrWeightMissing[i]) {
                rows[r++] = i;
            }
        }
        // A view: a copy would hold the kept rows' numbers a second time while the frame is still in use.
        return frame.viewRows(Arrays.copyOf(rows, r));
    }

    /** "1 row has", "2 rows have". */
    private static String rowsHave(long rows) {
        return rows == 1 ? "1 row has" : rows + " rows have";
    }
}
