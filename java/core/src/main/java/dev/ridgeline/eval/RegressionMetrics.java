package dev.ridgeline.eval;

/**
 * Regression quality of predictions against targets: MSE, RMSE, MAE, R^2 and explained variance,
 * all accumulated in double. R^2 = 1 - SS_res / SS_tot; explained variance = 1 - Var(y - p) / Var(y).
 */
public record RegressionMetrics(int count, double mse, double rmse, double mae, double r2, double explainedVariance) {

    /** Metrics of predictions {@code predicted} (m) against targets {@code actual} (m). */
    public static RegressionMetrics of(float[] actual, double[] predicted) {
        int m = actual.length;
        if (m != predicted.length) {
            throw new IllegalArgumentException(m + " targets but " + predicted.length + " predictions");
        }
        if (m == 0) {
            return new RegressionMetrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double meanY = 0;
        double meanErr = 0;
        for (int i = 0; i < m; i++) {
            meanY += actual[i];
            meanErr += predicted[i] - actual[i];
        }
        meanY /= m;
        meanErr /= m;
        double ssRes = 0;
        double ssTot = 0;
        double absSum = 0;
        double errVar = 0;
        for (int i = 0; i < m; i++) {
            double e = predicted[i] - actual[i];
            ssRes += e * e;
            absSum += Math.abs(e);
            double d = actual[i] - meanY;
            ssTot += d * d;
            errVar += (e - meanErr) * (e - meanErr);
        }
        double mse = ssRes / m;
        double r2 = ssTot > 0 ? 1 - ssRes / ssTot : Double.NaN;
        double ev = ssTot > 0 ? 1 - errVar / ssTot : Double.NaN;
        return new RegressionMetrics(m, mse, Math.sqrt(mse), absSum / m, r2, ev);
    }
}
