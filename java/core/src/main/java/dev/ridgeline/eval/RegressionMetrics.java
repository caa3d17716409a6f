package dev.ridgeline.eval;

/**
 * Regression quality of predictions against targets: MSE, RMSE, MAE, R^2 and explained variance,
 * all accumulated in double. R^2 = 1 - SS_res / SS_tot; explained variance = 1 - Var(y - p) / Var(y).
 * With row weights w every sum and mean is weighted (MSE = sum w e^2 / sum w, the mean of y is sum w y /
 * sum w, ...), as scikit-learn's metrics with {@code sample_weight}; {@code count} stays the number of rows.
 */
public record RegressionMetrics(int count, double mse, double rmse, double mae, double r2, double explainedVariance) {

    /** Metrics of predictions {@code predicted} (m) against targets {@code actual} (m). */
    public static RegressionMetrics of(float[] actual, double[] predicted) {
        return of(actual, predicted, null);
    }

    /**
     * Weighted metrics: {@code weights} (m, each finite and >= 0, else refused naming the row) or null for unit
     * weights (then the arithmetic is that of the unweighted sums, bit for bit). All NaN when there are no rows
     * or the weights sum to 0.
     */
    public static RegressionMetrics of(float[] actual, double[] predicted, float[] weights) {
        double[] y = new double[actual.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = actual[i];
        }
        return of(y, predicted, weights);
    }

    /**
     * {@link #of(float[], double[], float[])} with the targets in double, as read: targets far from 0 (1e8 + a
     * spread of 40) keep their digits, which float32 would round away.
     */
    public static RegressionMetrics of(double[] actual, double[] predicted, float[] weights) {
        int m = actual.length;
        if (m != predicted.length) {
            throw new IllegalArgumentException(m + " targets but " + predicted.length + " predictions");
        }
        if (weights != null && weights.length != m) {
            throw new IllegalArgumentException(m + " targets but " + weights.length + " weights");
        }
        requireWeights(weights);
        double total = 0;
        double meanY = 0;
        double meanErr = 0;
        for (int i = 0; i < m; i++) {
            double w = weights == null ? 1.0 : weights[i];
            total += w;
            meanY += w * actual[i];
            meanErr += w * (predicted[i] - actual[i]);
        }
        if (m == 0 || !(total > 0)) {
            return new RegressionMetrics(m, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        meanY /= total;
        meanErr /= total;
        double ssRes = 0;
        double ssTot = 0;
        double absSum = 0;
        double errVar = 0;
        for (int i = 0; i < m; i++) {
            double w = weights == null ? 1.0 : weights[i];
            double e = predicted[i] - actual[i];
            ssRes += w * (e * e);
            absSum += w * Math.abs(e);
            double d = actual[i] - meanY;
            ssTot += w * (d * d);
            errVar += w * ((e - meanErr) * (e - meanErr));
        }
        double mse = ssRes / total;
        double r2 = ssTot > 0 ? 1 - ssRes / ssTot : Double.NaN;
        double ev = ssTot > 0 ? 1 - errVar / ssTot : Double.NaN;
        return new RegressionMetrics(m, mse, Math.sqrt(mse), absSum / total, r2, ev);
    }

    /** A negative weight would subtract its row (weights {1, -1, 1} gave an R2 of 0.5 for no reason). */
    private static void requireWeights(float[] weights) {
        if (weights == null) {
            return;
        }
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Float.isInfinite(weights[i])) {
                throw new IllegalArgumentException("row " + i + ": weight " + weights[i]
                        + " must be a finite number >= 0");
            }
        }
    }
}
