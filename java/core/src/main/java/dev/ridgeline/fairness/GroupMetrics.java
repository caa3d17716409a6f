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

    /** Fewer than {@link #SMALL_GROUP_ROWS} rows. */
    public boolean small() {
        return count < SMALL_GROUP_ROWS;
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
        int m = rows.length;
        if (m == 0) {
            throw new IllegalArgumentException("group '" + group + "' has no rows");
        }
        double sumY = 0;
        double sumP = 0;
        double sumRes = 0;
        double sumSq = 0;
        double sumAbs = 0;
        for (int i : rows) {
            double r = p[i] - y[i];
            sumY += y[i];
            sumP += p[i];
            sumRes += r;
            sumSq += r * r;
            sumAbs += Math.abs(r);
        }
        double meanY = sumY / m;
        double ssTot = 0;
        for (int i : rows) {
            double d = y[i] - meanY;
            ssTot += d * d;
        }
        double mse = sumSq / m;
        double r2 = ssTot > 0 && varies(y, rows) ? 1 - sumSq / ssTot : Double.NaN;
        return new GroupMetrics(group, m, mse, Math.sqrt(mse), sumAbs / m, r2, sumP / m, sumRes / m);
    }

    /**
     * Whether the group's targets take two values or more. Tested on the values themselves: the mean of
     * targets that are all 0.01 is not 0.01 in binary, which left SS_tot near 1e-35 and R^2 near -3e31. Shapes:
     * y (m), rows (r) indices into it.
     */
    private static boolean varies(double[] y, int[] rows) {
        for (int i : rows) {
            if (y[i] != y[rows[0]]) {
                return true;
            }
        }
        return false;
    }

    public double value(FairnessMetric metric) {
        return metric.of(this);
    }

    /** The float32 values in double (exactly). Shape: y (m), returns (m). */
    static double[] widen(float[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i];
        }
        return out;
    }
}
