package dev.ridgeline.explain;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.model.LinearModel;

/**
 * Exact interventional SHAP values for a linear model f(x) = beta_0 + beta . x in its input space: the encoded
 * features before scaling (numeric columns as they are, after imputation; one-hot columns as 0/1), where
 * beta and beta_0 are {@link LinearModel#coefficients()} and {@link LinearModel#intercept()}.
 * {@code phi_j(x) = beta_j (x_j - E[x_j])} with E over a background dataset (usually the training rows), and
 * base value E[f(x)], the mean prediction. For a linear model with independent interventions this is the
 * Shapley value exactly, and {@code base + sum_j phi_j(x) = f(x)} holds identically; {@link #explain(double[],
 * double)} checks it against a prediction computed by the model's own (scaled) path.
 *
 * <p>Both are computed from the model's scaled-space parameters (bias b, coefficients theta, feature shift and
 * scale): {@code base = b + sum_j theta_j (E[x_j] - shift_j) / scale_j} and {@code phi_j = theta_j (x_j -
 * E[x_j]) / scale_j} (= beta_j (x_j - E[x_j])). The original-units form {@code beta_0 + beta . E[x]} cancels
 * catastrophically for inputs far from zero (x near 1e12 with a spread of 10 has beta_0 near -2e11), which
 * lost the digits of the base value.
 * Shapes: background (m, n); means (n).
 */
public final class LinearShap {
    /**
     * Tolerance of the additivity check, relative to the magnitudes summed: max(1, |prediction|, |base| + sum_j
     * |phi_j|).
     */
    public static final double ADDITIVITY_TOLERANCE = 1e-6;

    private final LinearModel model;
    private final double[] theta;
    private final double[] shift;
    private final double[] scale;
    private final double[] means;
    private final double base;

    private LinearShap(LinearModel model, double[] means, double base) {
        this.model = model;
        this.theta = model.coefficientsStandardized();
        this.shift = model.preprocessing().features().stream().mapToDouble(f -> f.shift()).toArray();
        this.scale = model.preprocessing().features().stream().mapToDouble(f -> f.scale()).toArray();
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

    /**
     * Fits E[x_j] and the base value on the rows of a frame (at least one), each taken into the input space in
     * turn: the result of {@link #fit(LinearModel, double[][])} on {@link InputSpace#rows}, without holding
     * those m x n doubles (a million training rows of 20 features took 176 MB). A frame with row weights
     * weighs its rows by them, as training does: a row of weight w counts as w copies of itself (the card of a
     * weighted model had given another base value than that of the same data written out row by row).
     */
    public static LinearShap fit(LinearModel model, Frame background) {
        int n = model.features();
        if (background.rows() == 0) {
            throw new IllegalArgumentException("the background data has no rows");
        }
        double total = totalWeight(background);
        double[] means = new double[n];
        InputSpace.eachRow(model, background, (i, row) -> {
            double w = background.weight(i);
            for (int j = 0; j < n; j++) {
                means[j] += w * row[j];
            }
        });
        for (int j = 0; j < n; j++) {
            means[j] /= total;
        }
        return new LinearShap(model, means, scaledLinear(model, means));
    }

    /** The rows' total weight (the row count without weights); an error when it is not above 0. */
    private static double totalWeight(Frame rows) {
        double total = 0;
        for (int i = 0; i < rows.rows(); i++) {
            total += rows.weight(i);
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the rows' weights sum to " + total + ": no mean to take");
        }
        return total;
    }

    /**
     * The explainer for background means E[x_j] (n, input space) found elsewhere, such as summed over the chunks
     * of a file read a part at a time.
     */
    public static LinearShap fromMeans(LinearModel model, double[] means) {
        double[] m = checkedRow(model, means, "the background means").clone();
        return new LinearShap(model, m, scaledLinear(model, m));
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
        for (int i = 0; i < background.length; i++) {
            double[] row = checkedRow(model, background[i], "background row " + i);
            for (int j = 0; j < n; j++) {
                means[j] += row[j];
            }
        }
        for (int j = 0; j < n; j++) {
            means[j] /= background.length;
        }
        // The mean of a linear function is the function of the means.
        return new LinearShap(model, means, scaledLinear(model, means));
    }

    /** The mean prediction over the background: the value every explanation starts from. */
    public double base() {
        return base;
    }

    /** E[x_j] over the background (n). */
    public double[] means() {
        return means.clone();
    }

    /** SHAP values of one row (n, input space); the prediction is f(x), computed through the scaled space. */
    public RowExplanation explain(double[] row) {
        checkedRow(model, row, "row");
        return explain(row, scaledLinear(model, row));
    }

    /**
     * SHAP values of one row (n, input space), checked for additivity against {@code prediction}, the model's
     * prediction of that row computed independently (e.g. through the stored preprocessing).
     */
    public RowExplanation explain(double[] row, double prediction) {
        checkedRow(model, row, "row");
        double[] phi = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            // + 0.0: a value at the background's mean gets 0, not -0 (a negative theta times +0), which the
            // reports printed as "-0.00000" and JSON as -0.0. Every other value is unchanged.
            phi[j] = theta[j] * (row[j] - means[j]) / scale[j] + 0.0;
        }
        RowExplanation e = new RowExplanation(model.featureNames(), row, phi, base, prediction);  // it copies both
        double magnitude = Math.abs(base);
        for (double v : phi) {
            magnitude += Math.abs(v);
        }
        magnitude = Math.max(1, Math.max(magnitude, Math.abs(prediction)));
        if (!(e.additivityError() <= ADDITIVITY_TOLERANCE * magnitude)) {
            throw new IllegalStateException("SHAP additivity violated: base + sum phi differs from the prediction by "
                    + e.additivityError() + " (tolerance " + ADDITIVITY_TOLERANCE * magnitude + ")");
        }
        return e;
    }

    /** SHAP values of row i of {@code x}. */
    public RowExplanation explain(DenseMatrix x, int i) {
        if (i < 0 || i >= x.rows()) {
            throw new IllegalArgumentException("row " + i + " is outside the matrix's " + x.rows() + " rows");
        }
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

    /**
     * Global importance: mean |phi_j| over the rows of a frame, each taken into the input space in turn; weighted
     * by the frame's row weights when it has them, as {@link #fit(LinearModel, Frame)}.
     */
    public double[] meanAbsolutePhi(Frame rows) {
        double[] out = new double[theta.length];
        if (rows.rows() == 0) {
            return out;
        }
        double total = totalWeight(rows);
        InputSpace.eachRow(model, rows, (i, row) -> {
            double w = rows.weight(i);
            for (int j = 0; j < theta.length; j++) {
                out[j] += w * Math.abs(theta[j] * (row[j] - means[j]) / scale[j]);
            }
        });
        for (int j = 0; j < theta.length; j++) {
            out[j] /= total;
        }
        return out;
    }

    /**
     * Adds |phi_j| of each row of the frame, in row order, to {@code sums} (n), unweighted: over the chunks of a
     * file in order, then divided by the rows, it is {@link #meanAbsolutePhi(double[][])} of all of them, bit
     * for bit.
     */
    public void addAbsolutePhi(Frame rows, double[] sums) {
        if (sums.length != theta.length) {
            throw new IllegalArgumentException(sums.length + " sums for " + theta.length + " features");
        }
        InputSpace.eachRow(model, rows, (i, row) -> {
            for (int j = 0; j < theta.length; j++) {
                sums[j] += Math.abs(theta[j] * (row[j] - means[j]) / scale[j]);
            }
        });
    }

    /** Global importance: mean |phi_j| over rows (m, n). */
    public double[] meanAbsolutePhi(double[][] rows) {
        double[] out = new double[theta.length];
        for (int i = 0; i < rows.length; i++) {
            double[] row = checkedRow(model, rows[i], "row " + i);
            for (int j = 0; j < theta.length; j++) {
                out[j] += Math.abs(theta[j] * (row[j] - means[j]) / scale[j]);
            }
        }
        for (int j = 0; j < theta.length; j++) {
            out[j] /= Math.max(1, rows.length);
        }
        return out;
    }

    /**
     * {@code row} when it has the model's width and finite values; else an error naming {@code what}, the
     * feature and the value (a NaN row was reported as a failed additivity check, a short one as an index
     * out of bounds, a long one was cut without a word).
     */
    private static double[] checkedRow(LinearModel model, double[] row, String what) {
        int n = model.features();
        if (row.length != n) {
            throw new IllegalArgumentException(what + " has " + row.length + " features, the model expects " + n);
        }
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException(what + ", feature " + j + " ('" + model.featureNames().get(j)
                        + "'): value " + row[j] + " is not a finite number");
            }
        }
        return row;
    }

    /** b + sum_j theta_j (x_j - shift_j) / scale_j: f(x) through the scaled space, which cancels nothing. */
    private static double scaledLinear(LinearModel model, double[] x) {
        double[] theta = model.coefficientsStandardized();
        var features = model.preprocessing().features();
        double s = model.interceptStandardized();
        for (int j = 0; j < theta.length; j++) {
            s += theta[j] * (x[j] - features.get(j).shift()) / features.get(j).scale();
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
