package dev.ridgeline.train;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import java.util.Arrays;
import java.util.Locale;

/**
 * Every solver takes the targets as float32, less their shift (and scaled by its power of two), which keeps
 * about 7 digits of each. A target far from the others (a typo, 3e18 among values from 0 to 4) drags the mean
 * to where the other targets sit far from it, and float32 then rounds away what tells them apart: the fit
 * learns nothing from them (at 3e8 among the same values, it sees them rounded by a tenth of their spread).
 * Refused, naming the farthest row, when float32's rounding of the typical target exceeds a thousandth of the
 * targets' typical spread (their median absolute deviation, over the targets off the median when more than half
 * sit on it: counts, mostly-zero targets); ordinary data rounds some ten thousand times finer than that.
 */
public final class TargetPrecision {
    /** The largest typical rounding, as a share of the median absolute deviation. */
    static final double SHARE = 1e-3;

    private TargetPrecision() {
    }

    /**
     * Fails with a {@link DataException} naming the row farthest from the shift when float32 loses the spread of
     * the targets of {@code part}'s rows of positive weight ({@code shift}: the one the fit applies). Shapes: the
     * frame's targets (m); rows, y, deviation and rounding (r), over its r rows of positive weight.
     */
    public static void require(Frame part, TargetShift shift) {
        java.util.Objects.requireNonNull(part, "part");
        java.util.Objects.requireNonNull(shift, "shift");
        // The rows the fit weighs (all without weights), as TargetShift.meanOf takes them.
        int[] rows = java.util.stream.IntStream.range(0, part.rows())
                .filter(i -> !part.hasWeights() || part.weight(i) > 0).toArray();
        int m = rows.length;
        if (m == 0) {
            return;
        }
        double[] targets = part.targetValues();
        double[] y = new double[m];
        double[] deviation = new double[m];
        double[] rounding = new double[m];
        int farthest = 0;
        for (int r = 0; r < m; r++) {
            y[r] = targets[rows[r]];
            double d = y[r] - shift.value();
            // The target as training sees it, back in its units: (float) (d f) / f.
            rounding[r] = Math.abs((double) (float) (d * shift.factor()) / shift.factor() - d);
            if (Math.abs(d) > Math.abs(y[farthest] - shift.value())) {
                farthest = r;
            }
            deviation[r] = y[r];
        }
        double median = median(deviation);
        for (int r = 0; r < m; r++) {
            deviation[r] = Math.abs(y[r] - median);
        }
        double spread = median(deviation);
        String spreadName = "median absolute deviation";
        if (spread == 0) {
            // More than half the targets on the median (0/1 or count targets): the spread of the others.
            int first = 0;
            while (first < m && deviation[first] == 0) {
                first++;
            }
            spread = first == m ? 0 : median(Arrays.copyOfRange(deviation, first, m));
            spreadName = "median absolute deviation of the targets off the median";
        }
        double typicalRounding = median(rounding);
        if (spread > 0 && typicalRounding > SHARE * spread) {
            throw new DataException(String.format(Locale.ROOT, "%s, line %d, column '%s': target %s lies %.3g from"
                    + " the training mean %.6g, where float32, in which training holds the targets, rounds the"
                    + " typical target by %.2g, more than a thousandth of their spread (%s %.3g), so the fit would"
                    + " see them blurred; check or drop the row, or rescale the target so that it lies nearer the"
                    + " others", part.source(), part.line(rows[farthest]), part.targetName(),
                    Double.toString(y[farthest]), Math.abs(y[farthest] - shift.value()), shift.value(),
                    typicalRounding, spreadName, spread));
        }
    }

    /** The median of {@code values} (sorted in place). Shape: values (p), p at least 1. */
    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
