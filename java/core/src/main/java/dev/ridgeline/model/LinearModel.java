package dev.ridgeline.model;

import dev.ridgeline.engine.Parameters;
import dev.ridgeline.preprocess.Standardizer;
import java.util.List;

/**
 * A trained ridge model, immutable and thread-safe: coefficients in the standardised space the model was
 * trained in, the standardiser that maps raw features there, and the same model in original units.
 *
 * <p>Original units: beta_j = theta_j / s_j and beta_0 = b - sum_j theta_j mu_j / s_j, so that
 * {@code predict(x) = beta_0 + beta . x = b + theta . ((x - mu) / s)}.
 */
public final class LinearModel {
    private final List<String> featureNames;
    private final Standardizer scaler;
    private final double[] thetaStandardized;
    private final double biasStandardized;
    private final double[] coefficients;
    private final double intercept;

    public LinearModel(List<String> featureNames, Standardizer scaler, double[] thetaStandardized,
            double biasStandardized) {
        if (featureNames.size() != thetaStandardized.length) {
            throw new IllegalArgumentException(featureNames.size() + " names for " + thetaStandardized.length + " coefficients");
        }
        this.featureNames = List.copyOf(featureNames);
        this.scaler = scaler;
        this.thetaStandardized = thetaStandardized.clone();
        this.biasStandardized = biasStandardized;
        int n = thetaStandardized.length;
        this.coefficients = new double[n];
        double b = biasStandardized;
        for (int j = 0; j < n; j++) {
            double s = scaler == null ? 1.0 : scaler.scale(j);
            double mu = scaler == null ? 0.0 : scaler.mean(j);
            coefficients[j] = thetaStandardized[j] / s;
            b -= thetaStandardized[j] * mu / s;
        }
        this.intercept = b;
    }

    /** Model k of trained parameters, with the standardiser used on its inputs (null: none). */
    public static LinearModel of(List<String> featureNames, Standardizer scaler, Parameters p, int k) {
        return new LinearModel(featureNames, scaler, p.theta(k), p.bias(k));
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public int features() {
        return coefficients.length;
    }

    /** Coefficients in original units (n). */
    public double[] coefficients() {
        return coefficients.clone();
    }

    public double intercept() {
        return intercept;
    }

    /** Coefficients in the standardised space (n). */
    public double[] coefficientsStandardized() {
        return thetaStandardized.clone();
    }

    public double interceptStandardized() {
        return biasStandardized;
    }

    public Standardizer scaler() {
        return scaler;
    }

    /** Prediction for one row of raw features (n), computed in the standardised space in double. */
    public double predict(double[] row) {
        if (row.length != coefficients.length) {
            throw new IllegalArgumentException("row has " + row.length + " features, the model expects " + coefficients.length);
        }
        double s = biasStandardized;
        for (int j = 0; j < row.length; j++) {
            double z = scaler == null ? row[j] : (row[j] - scaler.mean(j)) / scaler.scale(j);
            s += thetaStandardized[j] * z;
        }
        return s;
    }

    /** Prediction for one row of raw float features (n). */
    public double predict(float[] row) {
        double[] d = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            d[j] = row[j];
        }
        return predict(d);
    }
}
