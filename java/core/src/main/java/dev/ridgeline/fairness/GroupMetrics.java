package dev.ridgeline.fairness;

/**
 * Regression quality on the rows of one group (or all rows): count, MSE, RMSE, MAE, R^2, mean prediction
 * and mean residual (prediction - target; positive means the model over-predicts the group).
 * R^2 is NaN when the group's targets are constant (no variance to explain).
 */
public record GroupMetrics(String group, int count, double mse, double rmse, double mae, double r2,
        double meanPrediction, double meanResidual) {

    /**
     * A group with fewer rows than this is small: its metrics are noisy, it can become the highest or lowest group
     * of a disparity by chance, and its percentile bootstrap intervals are too narrow. With normal errors the
     * "95%" interval of a group's MSE covers the true MSE about 90% of the time at 30 rows, 88% at 20, 82% at 10
     * and 74% at 5 (simulated, 2000 groups of each size, 1000 resamples each); heavier tails cover less.
     */
    public static final int SMALL_GROUP_ROWS = 30;

    /**
     * Some rows, but fewer than {@link #SMALL_GROUP_ROWS} (of weight above 0): a group with none has no figure to be
     * noisy (n/a everywhere), so it is not marked small.
     */
    public boolean small() {
        return count > 0 && count < SMALL_GROUP_ROWS;
    }

    /**
     * Metrics of predictions {@code p} against targets {@code y} over {@code rows} (indices, length >= 1). Shapes:
     * y (m), p (m), rows (r) indices into them.
     */
    public static GroupMetrics of(String group, float[] y, double[] p, int[] rows) {
        return of(group, widen(y), p, rows);
    }

    /** {@link #of(String, float[], double[], int[])} with the targets in double. Shapes: y (m), p (m), rows (r). */
    public static GroupMetrics of(String group, double[] y, double[] p, int[] rows) {
        return of(group, y, p, null, rows);
    }

    /**
     * The metrics with row weights {@code w} (null: each row once), as the report's overall metrics weigh them:
     * MSE = sum w r^2 / sum w, R^2 = 1 - sum w r^2 / sum w (y - mean_w y)^2, the means weighted alike. The count is
     * the rows of weight above 0 (every row without weights): a row of weight 0 is no evidence, so a group of one
     * such row beside 39 of weight 0 is a one-row group, whose intervals would claim certainty. A group whose rows
     * all weigh 0 has count 0 and no metric (NaN). Shapes: y (m), p (m), w (m) or null, rows (r).
     */
    public static GroupMetrics of(String group, double[] y, double[] p, double[] w, int[] rows) {
        java.util.Objects.requireNonNull(y, "y");
        java.util.Objects.requireNonNull(p, "p");
        java.util.Objects.requireNonNull(rows, "rows");
        int m = rows.length;
        if (m == 0) {
            throw new IllegalArgumentException("group '" + group + "' has no rows");
        }
        double total = 0;
        int weighing = 0;
        double sumY = 0;
        double sumP = 0;
        double sumRes = 0;
        double sumSq = 0;
        double sumAbs = 0;
        for (int i : rows) {
            double wi = w == null ? 1 : w[i];
            double r = p[i] - y[i];
            weighing += wi > 0 ? 1 : 0;
            total += wi;
            sumY += wi * y[i];
            sumP += wi * p[i];
            sumRes += wi * r;
            sumSq += wi * (r * r);
            sumAbs += wi * Math.abs(r);
        }
        if (!(total > 0)) {
            return new GroupMetrics(group, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double meanY = sumY / total;
        double ssTot = 0;
        for (int i : rows) {
            double d = y[i] - meanY;
            ssTot += (w == null ? 1 : w[i]) * (d * d);
        }
        double mse = sumSq / total;
        double r2 = ssTot > 0 && varies(y, w, rows) ? 1 - sumSq / ssTot : Double.NaN;
        return new GroupMetrics(group, weighing, mse, Math.sqrt(mse), sumAbs / total, r2, sumP / total,
                sumRes / total);
    }

    /**
     * Whether the group's targets of weight above 0 take two values or more. Tested on the values themselves: the
     * mean of targets that are all 0.01 is not 0.01 in binary, which left SS_tot near 1e-35 and R^2 near -3e31.
     * Shapes: y (m), w (m) or null, rows (r) indices into them.
     */
    private static boolean varies(double[] y, double[] w, int[] rows) {
        double first = Double.NaN;
        for (int i : rows) {
            if (w != null && !(w[i] > 0)) {
                continue;
            }
            if (Double.isNaN(first)) {
                first = y[i];
            } else if (y[i] != first) {
                return true;
            }
        }
        return false;
    }

    public double value(FairnessMetric metric) {
        return metric.of(this);
    }

    /** The float32 values in double (exactly); null for null. Shape: y (m), returns (m). */
    static double[] widen(float[] y) {
        if (y == null) {
            return null;
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i];
        }
        return out;
    }
}
