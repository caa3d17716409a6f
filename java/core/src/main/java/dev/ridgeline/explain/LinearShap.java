package dev.ridgeline.explain;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.model.LinearModel;

/**
 * Exact interventional SHAP values for a linear model f(x) = beta_0 + beta . x in its input space (raw
 * features): {@code phi_j(x) = beta_j (x_j - E[x_j])} with E over a background dataset (usually the training
 * rows), and base value E[f(x)], the mean prediction. For a linear model with independent interventions this
 * is the Shapley value exactly, and {@code base + sum_j phi_j(x) = f(x)} holds identically.
 * Shapes: background (m, n); means (n).
 */
public final class LinearShap {
    /** Tolerance of the additivity check, absolute on the prediction scale. */
    public static final double ADDITIVITY_TOLERANCE = 1e-6;

    private final LinearModel model;
    private final double[] means;
    private final double base;

    private LinearShap(LinearModel model, double[] means, double base) {
        this.model = model;
        this.means = means;
        this.base = base;
    }

    /** Fits E[x_j] and the base value on the background rows (raw features, n columns). */
    public static LinearShap fit(LinearModel model, DenseMatrix background) {
        int n = model.features();
        if (background.cols() != n) {
            throw new IllegalArgumentException("background data has " + background.cols()
                    + " features, the model expects " + n);
        }
        if (background.rows() == 0) {
            throw new IllegalArgumentException("the background data has no rows");
        }
        double[] means = new double[n];
        double predictionSum = 0;
        double[] row = new double[n];
        for (int i = 0; i < background.rows(); i++) {
            float[] a = background.rowArray(i);
            int off = background.rowOffset(i);
            for (int j = 0; j < n; j++) {
                row[j] = a[off + j];
                means[j] += row[j];
            }
            predictionSum += model.predict(row);
        }
        for (int j = 0; j < n; j++) {
            means[j] /= background.rows();
        }
        return new LinearShap(model, means, predictionSum / background.rows());
    }

    /** The mean prediction over the background: the value every explanation starts from. */
    public double base() {
        return base;
    }

    /** E[x_j] over the background (n). */
    public double[] means() {
        return means.clone();
    }

    /** SHAP values of one raw row (n), with the additivity check enforced. */
    public RowExplanation explain(double[] row) {
        double[] beta = model.coefficients();
        if (row.length != beta.length) {
            throw new IllegalArgumentException("row has " + row.length + " features, the model expects " + beta.length);
        }
        double[] phi = new double[beta.length];
        for (int j = 0; j < beta.length; j++) {
            phi[j] = beta[j] * (row[j] - means[j]);
        }
        RowExplanation e = new RowExplanation(model.featureNames(), row.clone(), phi, base, model.predict(row));
        if (!(e.additivityError() <= ADDITIVITY_TOLERANCE * Math.max(1, Math.abs(e.prediction())))) {
            throw new IllegalStateException("SHAP additivity violated: base + sum phi differs from the prediction by "
                    + e.additivityError());
        }
        return e;
    }

    /** SHAP values of row i of {@code x}. */
    public RowExplanation explain(DenseMatrix x, int i) {
        double[] row = new double[x.cols()];
        float[] a = x.rowArray(i);
        int off = x.rowOffset(i);
        for (int j = 0; j < row.length; j++) {
            row[j] = a[off + j];
        }
        return explain(row);
    }

    /** Global importance: mean |phi_j| over the rows of x (n). */
    public double[] meanAbsolutePhi(DenseMatrix x) {
        double[] beta = model.coefficients();
        double[] out = new double[beta.length];
        for (int i = 0; i < x.rows(); i++) {
            float[] a = x.rowArray(i);
            int off = x.rowOffset(i);
            for (int j = 0; j < beta.length; j++) {
                out[j] += Math.abs(beta[j] * (a[off + j] - means[j]));
            }
        }
        for (int j = 0; j < beta.length; j++) {
            out[j] /= Math.max(1, x.rows());
        }
        return out;
    }
}
