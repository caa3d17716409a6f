package dev.ridgeline.explain;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.model.LinearModel;

/**
 * Exact interventional SHAP values for a linear model f(x) = beta_0 + beta . x in its input space: the encoded
 * features before scaling (numeric columns as they are, after imputation; one-hot columns as 0/1), where
 * beta and beta_0 are {@link LinearModel#coefficients()} and {@link LinearModel#intercept()}.
 * {@code phi_j(x) = beta_j (x_j - E[x_j])} with E over a background dataset (usually the training rows), and
 * base value E[f(x)], the mean prediction. For a linear model with independent interventions this is the
 * Shapley value exactly, and {@code base + sum_j phi_j(x) = f(x)} holds identically; {@link #explain(double[],
 * double)} checks it against a prediction computed by the model's own (scaled) path.
 * Shapes: background (m, n); means (n).
 */
public final class LinearShap {
    /** Tolerance of the additivity check, relative to max(1, |prediction|). */
    public static final double ADDITIVITY_TOLERANCE = 1e-6;

    private final LinearModel model;
    private final double[] beta;
    private final double[] means;
    private final double base;

    private LinearShap(LinearModel model, double[] means, double base) {
        this.model = model;
        this.beta = model.coefficients();
        this.means = means;
        this.base = base;
    }

    /** Fits E[x_j] and the base value on the background rows (input space, n columns), float32 storage. */
    public static LinearShap fit(LinearModel model, DenseMatrix background) {
        double[][] rows = new double[background.rows()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(background, i);
        }
        return fit(model, rows, background.cols());
    }

    /** Fits E[x_j] and the base value on background rows (m, n) in the model's input space. */
    public static LinearShap fit(LinearModel model, double[][] background) {
        return fit(model, background, background.length == 0 ? model.features() : background[0].length);
    }

    private static LinearShap fit(LinearModel model, double[][] background, int cols) {
        int n = model.features();
        if (cols != n) {
            throw new IllegalArgumentException("background data has " + cols + " features, the model expects " + n);
        }
        if (background.length == 0) {
            throw new IllegalArgumentException("the background data has no rows");
        }
        double[] means = new double[n];
        for (double[] row : background) {
            for (int j = 0; j < n; j++) {
                means[j] += row[j];
            }
        }
        for (int j = 0; j < n; j++) {
            means[j] /= background.length;
        }
        // The mean of a linear function is the function of the means.
        return new LinearShap(model, means, linear(model.intercept(), model.coefficients(), means));
    }

    /** The mean prediction over the background: the value every explanation starts from. */
    public double base() {
        return base;
    }

    /** E[x_j] over the background (n). */
    public double[] means() {
        return means.clone();
    }

    /** SHAP values of one row (n, input space); the prediction is beta_0 + beta . x. */
    public RowExplanation explain(double[] row) {
        checkLength(row);
        return explain(row, linear(model.intercept(), beta, row));
    }

    /**
     * SHAP values of one row (n, input space), checked for additivity against {@code prediction}, the model's
     * prediction of that row computed independently (e.g. through the stored preprocessing).
     */
    public RowExplanation explain(double[] row, double prediction) {
        checkLength(row);
        double[] phi = new double[beta.length];
        for (int j = 0; j < beta.length; j++) {
            phi[j] = beta[j] * (row[j] - means[j]);
        }
        RowExplanation e = new RowExplanation(model.featureNames(), row.clone(), phi, base, prediction);
        if (!(e.additivityError() <= ADDITIVITY_TOLERANCE * Math.max(1, Math.abs(e.prediction())))) {
            throw new IllegalStateException("SHAP additivity violated: base + sum phi differs from the prediction by "
                    + e.additivityError());
        }
        return e;
    }

    /** SHAP values of row i of {@code x}. */
    public RowExplanation explain(DenseMatrix x, int i) {
        return explain(row(x, i));
    }

    /** Global importance: mean |phi_j| over the rows of x (n). */
    public double[] meanAbsolutePhi(DenseMatrix x) {
        double[][] rows = new double[x.rows()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(x, i);
        }
        return meanAbsolutePhi(rows);
    }

    /** Global importance: mean |phi_j| over rows (m, n). */
    public double[] meanAbsolutePhi(double[][] rows) {
        double[] out = new double[beta.length];
        for (double[] row : rows) {
            for (int j = 0; j < beta.length; j++) {
                out[j] += Math.abs(beta[j] * (row[j] - means[j]));
            }
        }
        for (int j = 0; j < beta.length; j++) {
            out[j] /= Math.max(1, rows.length);
        }
        return out;
    }

    private void checkLength(double[] row) {
        if (row.length != beta.length) {
            throw new IllegalArgumentException("row has " + row.length + " features, the model expects " + beta.length);
        }
    }

    private static double linear(double intercept, double[] beta, double[] x) {
        double s = intercept;
        for (int j = 0; j < beta.length; j++) {
            s += beta[j] * x[j];
        }
        return s;
    }

    private static double[] row(DenseMatrix x, int i) {
        double[] row = new double[x.cols()];
        float[] a = x.rowArray(i);
        int off = x.rowOffset(i);
        for (int j = 0; j < row.length; j++) {
            row[j] = a[off + j];
        }
        return row;
    }
}
