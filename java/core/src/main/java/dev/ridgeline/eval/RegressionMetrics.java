package dev.ridgeline.eval;

import java.util.Objects;

/**
 * Regression quality of predictions against targets: MSE, RMSE, MAE, R^2 and explained variance,
 * all accumulated in double. R^2 = 1 - SS_res / SS_tot; explained variance = 1 - Var(y - p) / Var(y).
 * With row weights w every sum and mean is weighted (MSE = sum w e^2 / sum w, the mean of y is sum w y /
 * sum w, ...), as scikit-learn's metrics with {@code sample_weight}; {@code count} stays the number of rows.
 * R^2 and the explained variance are NaN when the targets (of positive weight) are all equal.
 */
public record RegressionMetrics(int count, double mse, double rmse, double mae, double r2, double explainedVariance) {
    public RegressionMetrics {
        if (count < 0) {
            throw new IllegalArgumentException("a row count must be >= 0, got " + count);
        }
    }

    /** Metrics of predictions {@code predicted} (m) against targets {@code actual} (m). */
    public static RegressionMetrics of(float[] actual, double[] predicted) {
        return of(actual, predicted, null);
    }

    /**
     * Weighted metrics: {@code weights} (m, each finite and >= 0, else refused naming the row) or null for unit
     * weights (then the arithmetic is that of the unweighted sums, bit for bit). All NaN when there are no rows
     * or the weights sum to 0. Shapes: actual (m), predicted (m).
     */
    public static RegressionMetrics of(float[] actual, double[] predicted, float[] weights) {
        Objects.requireNonNull(actual, "actual");
        double[] y = new double[actual.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = actual[i];
        }
        return of(y, predicted, weights);
    }

    /**
     * {@link #of(float[], double[], float[])} with the targets in double, as read: targets far from 0 (1e8 + a
     * spread of 40) keep their digits, which float32 would round away. Shapes: actual (m), predicted (m),
     * weights (m) or null.
     */
    public static RegressionMetrics of(double[] actual, double[] predicted, float[] weights) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        int m = actual.length;
        if (m != predicted.length) {
            throw new IllegalArgumentException(m + " targets but " + predicted.length + " predictions");
        }
        if (weights != null && weights.length != m) {
            throw new IllegalArgumentException(m + " targets but " + weights.length + " weights");
        }
        requireWeights(weights);
        requireFinite(actual, predicted);
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
        boolean explainable = ssTot > 0 && varies(actual, weights);
        double r2 = explainable ? 1 - ssRes / ssTot : Double.NaN;
        double ev = explainable ? 1 - errVar / ssTot : Double.NaN;
        return new RegressionMetrics(m, mse, Math.sqrt(mse), absSum / total, r2, ev);
    }

    /**
     * Whether the targets of positive weight take two values or more. Tested on the values themselves: the mean
     * of ten targets of 0.01 is not 0.01 in binary, so SS_tot came out near 1e-35 and R^2 near -3e31. Shapes:
     * actual (m), weights (m) or null.
     */
    private static boolean varies(double[] actual, float[] weights) {
        double first = Double.NaN;
        for (int i = 0; i < actual.length; i++) {
            if (weights == null || weights[i] > 0) {
                if (Double.isNaN(first)) {
                    first = actual[i];
                } else if (actual[i] != first) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Refuses a NaN or infinite target or prediction, naming its row: one made every metric NaN with no error
     * (a NaN prediction is what the ONNX graph gives a row it refuses). Shapes: actual (m), predicted (m).
     */
    public static void requireFinite(double[] actual, double[] predicted) {
        for (int i = 0; i < actual.length; i++) {
            if (!Double.isFinite(actual[i])) {
                throw new IllegalArgumentException("row " + i + ": target " + actual[i] + " is not a finite number");
            }
            if (!Double.isFinite(predicted[i])) {
                throw new IllegalArgumentException("row " + i + ": prediction " + predicted[i]
                        + " is not a finite number");
            }
        }
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
