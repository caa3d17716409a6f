package dev.ridgeline.fairness;

import java.util.List;

/**
 * {@link GroupMetrics} of a bootstrap resample given as counts: how many times each row was drawn, rather than
 * the drawn rows in draw order. The sums then run over the rows in order, each row's terms times its count,
 * so that a resample of a million rows reads y and p forward instead of at a million random places (a model
 * card's metric intervals, 1,000 resamples, took most of a training run on ten million rows). The metrics
 * are those of the drawn rows, up to rounding (the terms are added in another order).
 *
 * <p>Shapes: rows.get(s) (n_s) row indices into y and p, counts.get(s) (n_s) draws of each, for each part s
 * (one part per group; the parts of several groups together are their union).
 */
final class ResampledMetrics {
    private ResampledMetrics() {
    }

    /**
     * Metrics of the rows drawn: row rows.get(s)[k] counted counts.get(s)[k] times; at least one draw. Shapes: y (m),
     * p (m); rows and counts as the class comment says.
     */
    static GroupMetrics of(String group, double[] y, double[] p, List<int[]> rows, List<int[]> counts) {
        return of(group, y, p, null, rows, counts);
    }

    /**
     * {@link #of(String, double[], double[], List, List)} with row weights (null: each row once): a drawn row
     * brings its weight, as {@link GroupMetrics#of(String, double[], double[], double[], int[])} weighs the rows.
     * A resample whose drawn rows all weigh 0 has no metric (NaN). Shapes: y (m), p (m), w (m) or null.
     */
    static GroupMetrics of(String group, double[] y, double[] p, double[] w, List<int[]> rows, List<int[]> counts) {
        long m = 0;
        double total = 0;
        double sumY = 0;
        double sumP = 0;
        double sumRes = 0;
        double sumSq = 0;
        double sumAbs = 0;
        for (int s = 0; s < rows.size(); s++) {
            int[] part = rows.get(s);
            int[] count = counts.get(s);
            // No test for undrawn rows: a third of the rows are drawn no time, at random, and the mispredicted
            // branch cost more than their terms, which add zero (every value is finite).
            for (int k = 0; k < part.length; k++) {
                int c = count[k];
                int i = part[k];
                double cw = w == null ? c : c * w[i];
                double r = p[i] - y[i];
                m += c;
                total += cw;
                sumY += cw * y[i];
                sumP += cw * p[i];
                sumRes += cw * r;
                sumSq += cw * (r * r);
                sumAbs += cw * Math.abs(r);
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("group '" + group + "' has no rows drawn");
        }
        if (!(total > 0)) {
            return new GroupMetrics(group, (int) m, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        double meanY = sumY / total;
        double ssTot = 0;
        for (int s = 0; s < rows.size(); s++) {
            int[] part = rows.get(s);
            int[] count = counts.get(s);
            for (int k = 0; k < part.length; k++) {
                double d = y[part[k]] - meanY;
                ssTot += (w == null ? count[k] : count[k] * w[part[k]]) * (d * d);
            }
        }
        double mse = sumSq / total;
        double r2 = ssTot > 0 && varies(y, w, rows, counts) ? 1 - sumSq / ssTot : Double.NaN;
        return new GroupMetrics(group, (int) m, mse, Math.sqrt(mse), sumAbs / total, r2, sumP / total,
                sumRes / total);
    }

    /**
     * Whether two drawn targets of weight above 0 differ, on the values themselves (see GroupMetrics.of); stops at
     * the first pair. Shapes: y (m), w (m) or null; rows and counts as the class comment says.
     */
    private static boolean varies(double[] y, double[] w, List<int[]> rows, List<int[]> counts) {
        double first = Double.NaN;
        for (int s = 0; s < rows.size(); s++) {
            int[] part = rows.get(s);
            int[] count = counts.get(s);
            for (int k = 0; k < part.length; k++) {
                if (count[k] == 0 || w != null && !(w[part[k]] > 0)) {
                    continue;
                }
                double v = y[part[k]];
                if (Double.isNaN(first)) {
                    first = v;
                } else if (v != first) {
                    return true;
                }
            }
        }
        return false;
    }
}
