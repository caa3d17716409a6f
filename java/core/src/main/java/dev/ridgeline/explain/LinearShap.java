package dev.ridgeline.explain;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.model.LinearModel;
import java.util.Objects;

/**
 * Exact interventional SHAP values for a linear model f(x) = beta_0 + beta . x in its input space: the encoded
 * features before scaling (numeric columns as they are, after imputation; one-hot columns as 0/1), where
 * beta and beta_0 are {@link LinearModel#coefficients()} and {@link LinearModel#intercept()}.
 * {@code phi_j(x) = beta_j (x_j - E[x_j])} with E over a background dataset (usually the training rows), and
 * base value E[f(x)], the mean prediction. For a linear model with independent interventions this is the
 * Shapley value exactly, and {@code base + sum_j phi_j(x) = f(x)} holds identically; {@link #explain(double[],
 * double)} checks it against a prediction the caller computed independently (the command line passes
 * {@link LinearModel#predict(double[])}'s); {@link #explain(double[])} against f(x) from the same scaled-space
 * parameters, which catches rounding only.
 *
 * <p>Both are computed from the model's scaled-space parameters (bias b, coefficients theta, feature shift and
 * scale): {@code base = b + sum_j theta_j c_j / scale_j} and {@code phi_j = theta_j ((x_j - shift_j) - c_j) /
 * scale_j} (= beta_j (x_j - E[x_j])), where c_j = E[x_j] - shift_j is summed as such ({@link BackgroundMeans}),
 * so that a mean far from 0 for its spread keeps its digits. The original-units form {@code beta_0 + beta . E[x]} cancels
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
    /**
     * E[x_j] - shift_j (n): the background means as offsets from the model's shift, so that a mean far from 0
     * for its spread (1e14 +- 1) is not rounded at its own magnitude.
     */
    private final double[] centered;
    private final double base;

    /** Shapes: centered (n), as theta, shift and scale. */
    private LinearShap(LinearModel model, double[] centered) {
        this.model = model;
        this.theta = model.coefficientsStandardized();
        this.shift = shifts(model);
        this.scale = model.preprocessing().features().stream().mapToDouble(f -> f.scale()).toArray();
        this.centered = centered;
        // The mean of a linear function is the function of the means: b + sum_j theta_j (E[x_j] - shift_j) / scale_j.
        double b = model.interceptStandardized();
        for (int j = 0; j < theta.length; j++) {
            b += theta[j] * centered[j] / scale[j];
        }
        this.base = b;
    }

    private static double[] shifts(LinearModel model) {
        return model.preprocessing().features().stream().mapToDouble(f -> f.shift()).toArray();
    }

    /**
     * Sums for the background means of {@code model}'s inputs, taken from its feature shifts ({@link #fromBackground}).
     *
     * @throws NullPointerException when model is null
     */
    public static BackgroundMeans backgroundMeans(LinearModel model) {
        Objects.requireNonNull(model, "model");
        return new BackgroundMeans(shifts(model));
    }

    /**
     * The explainer for background rows summed elsewhere (a file read a chunk at a time). Shapes: the sums'
     * offsets and reference (n), as the model's shifts.
     *
     * @throws NullPointerException when model or sums is null
     * @throws IllegalArgumentException when no row was added to the sums, their weights sum to 0, or they are not of
     *     the model's n features
     */
    public static LinearShap fromBackground(LinearModel model, BackgroundMeans sums) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sums, "sums");
        double[] offsets = sums.offsets();
        double[] reference = sums.reference();
        double[] shift = shifts(model);
        if (offsets.length != shift.length) {
            throw new IllegalArgumentException("background means of " + offsets.length + " features, the model expects "
                    + shift.length);
        }
        double[] centered = new double[offsets.length];
        for (int j = 0; j < centered.length; j++) {
            centered[j] = (reference[j] - shift[j]) + offsets[j];  // the first term is 0 from backgroundMeans(model)
        }
        return new LinearShap(model, centered);
    }

    /**
     * Fits E[x_j] and the base value on the background rows (input space, n columns), float32 storage. Shape:
     * background (m, n).
     *
     * @throws NullPointerException when model or background is null
     * @throws IllegalArgumentException when the background has no rows, is not of the model's n features, or holds a
     *     value that is not finite (naming the background row and feature)
     */
    public static LinearShap fit(LinearModel model, DenseMatrix background) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(background, "background");
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
     * weighted model had given another base value than that of the same data written out row by row). Shapes:
     * the frame's m rows, each taken to (n) in turn.
     *
     * @throws NullPointerException when model or background is null
     * @throws IllegalArgumentException when the frame has no rows, or its row weights sum to 0
     * @throws dev.ridgeline.data.DataException when the frame lacks a column the model reads or holds it of the other
     *     kind, or a row has a missing value the model has no fill for or a category it has not seen (as {@link
     *     LinearModel#predict(Frame)})
     */
    public static LinearShap fit(LinearModel model, Frame background) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(background, "background");
        int n = model.features();
        if (background.rows() == 0) {
            throw new IllegalArgumentException("the background data has no rows");
        }
        BackgroundMeans sums = backgroundMeans(model);
        InputSpace.eachRow(model, background, (i, row) -> sums.add(row, background.weight(i)));
        return fromBackground(model, sums);
    }

    /**
     * The explainer for background means E[x_j] (n, input space) found elsewhere (rounded at their magnitude:
     * {@link #fromBackground} keeps more digits of a mean far from 0), such as summed over the chunks
     * of a file read a part at a time.
     *
     * @throws NullPointerException when model or means is null
     * @throws IllegalArgumentException when means is not of the model's n features or holds a value that is not finite
     */
    public static LinearShap fromMeans(LinearModel model, double[] means) {
        Objects.requireNonNull(model, "model");
        double[] m = checkedRow(model, means, "the background means");
        double[] shift = shifts(model);
        double[] centered = new double[m.length];
        for (int j = 0; j < m.length; j++) {
            centered[j] = m[j] - shift[j];
        }
        return new LinearShap(model, centered);
    }

    /**
     * Fits E[x_j] and the base value on background rows (m, n) in the model's input space.
     *
     * @throws NullPointerException when model, background or one of its rows is null
     * @throws IllegalArgumentException when there are no rows, a row is not of the model's n features, or a value is
     *     not finite (naming the background row and feature)
     */
    public static LinearShap fit(LinearModel model, double[][] background) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(background, "background");
        return fit(model, background, background.length == 0 ? model.features() : background[0].length);
    }

    /** Shapes: background (m, cols), cols = n required, m at least 1. */
    private static LinearShap fit(LinearModel model, double[][] background, int cols) {
        int n = model.features();
        if (cols != n) {
            throw new IllegalArgumentException("background data has " + cols + " features, the model expects " + n);
        }
        if (background.length == 0) {
            throw new IllegalArgumentException("the background data has no rows");
        }
        BackgroundMeans sums = backgroundMeans(model);
        for (int i = 0; i < background.length; i++) {
            sums.add(checkedRow(model, background[i], "background row " + i));
        }
        return fromBackground(model, sums);
    }

    /** The mean prediction over the background: the value every explanation starts from. */
    public double base() {
        return base;
    }

    /** E[x_j] over the background (n), rounded to a double at its own magnitude. */
    public double[] means() {
        double[] out = new double[centered.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = shift[j] + centered[j];
        }
        return out;
    }

    /**
     * SHAP values of one row (n, input space); the prediction is f(x), computed through the scaled space.
     *
     * @throws NullPointerException when row is null
     * @throws IllegalArgumentException when the row is not of the model's n features, holds a value that is not finite,
     *     or its prediction overflows a double
     * @throws IllegalStateException when base + sum phi misses f(x) by more than {@link #ADDITIVITY_TOLERANCE} of the
     *     magnitudes summed
     */
    public RowExplanation explain(double[] row) {
        checkedRow(model, row, "row");
        double f = scaledLinear(model, row);
        if (!Double.isFinite(f)) {
            throw new IllegalArgumentException("the row's prediction is " + f + ": its values times the model's"
                    + " coefficients overflow a double");
        }
        return explain(row, f);
    }

    /**
     * SHAP values of one row (n, input space), checked for additivity against {@code prediction}, the model's
     * prediction of that row computed independently (e.g. through the stored preprocessing).
     *
     * @throws NullPointerException when row is null
     * @throws IllegalArgumentException for a row of the wrong width or with a value that is not finite, or a
     *     prediction that is not finite
     * @throws IllegalStateException when base + sum phi misses the prediction by more than {@link
     *     #ADDITIVITY_TOLERANCE} of the magnitudes summed
     */
    public RowExplanation explain(double[] row, double prediction) {
        double[] phi = phi(row, prediction, new double[theta.length]);
        return new RowExplanation(model.featureNames(), row, phi, base, prediction);  // it copies both
    }

    /**
     * The SHAP values of one row (n, input space) written into {@code phi} (n) and returned, checked for
     * additivity against {@code prediction} as {@link #explain(double[], double)} checks them: for a caller that
     * explains row after row (explain --out) without an explanation object per row.
     *
     * @throws NullPointerException when row or phi is null
     * @throws IllegalArgumentException when row or phi is not of the model's n features, a value of the row is not
     *     finite, or the prediction is not finite
     * @throws IllegalStateException when base + sum phi misses the prediction by more than {@link
     *     #ADDITIVITY_TOLERANCE} of the magnitudes summed
     */
    public double[] phi(double[] row, double prediction, double[] phi) {
        checkedRow(model, row, "row");
        Objects.requireNonNull(phi, "phi");
        // The caller's value, not the explanation's: a NaN had been reported as a violated additivity check.
        if (!Double.isFinite(prediction)) {
            throw new IllegalArgumentException("the prediction to check the explanation against is " + prediction
                    + ", not a finite number");
        }
        if (phi.length != theta.length) {
            throw new IllegalArgumentException(phi.length + " SHAP values for " + theta.length + " features");
        }
        double sum = base;
        double magnitude = Math.abs(base);
        for (int j = 0; j < theta.length; j++) {
            // + 0.0: a value at the background's mean gets 0, not -0 (a negative theta times +0), which the
            // reports printed as "-0.00000" and JSON as -0.0. Every other value is unchanged.
            phi[j] = theta[j] * ((row[j] - shift[j]) - centered[j]) / scale[j] + 0.0;
            sum += phi[j];
            magnitude += Math.abs(phi[j]);
        }
        magnitude = Math.max(1, Math.max(magnitude, Math.abs(prediction)));
        double error = Math.abs(sum - prediction);
        if (!(error <= ADDITIVITY_TOLERANCE * magnitude)) {
            throw new IllegalStateException("SHAP additivity violated: base + sum phi differs from the prediction by "
                    + error + " (tolerance " + ADDITIVITY_TOLERANCE * magnitude + ")");
        }
        return phi;
    }

    /**
     * SHAP values of row i of {@code x}. Shape: x (m, n), in the input space.
     *
     * @throws NullPointerException when x is null
     * @throws IllegalArgumentException when x has no row i, or as {@link #explain(double[])}
     * @throws IllegalStateException as {@link #explain(double[])}
     */
    public RowExplanation explain(DenseMatrix x, int i) {
        Objects.requireNonNull(x, "x");
        if (i < 0 || i >= x.rows()) {
            throw new IllegalArgumentException("row " + i + " is outside the matrix's " + x.rows() + " rows");
        }
        return explain(row(x, i));
    }

    /**
     * Global importance: mean |phi_j| over the rows of x (n). Shapes: x (m, n); returns (n).
     *
     * @throws NullPointerException when x is null
     * @throws IllegalArgumentException when x has no rows (there is no mean to take), is not as wide as the model's
     *     input space, or holds a value that is not finite (naming the row, feature and value)
     */
    public double[] meanAbsolutePhi(DenseMatrix x) {
        Objects.requireNonNull(x, "x");
        double[][] rows = new double[x.rows()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(x, i);
        }
        return meanAbsolutePhi(rows);
    }

    /**
     * The rows' total weight (the row count without weights); an error when it is not above 0. Shape: the frame's
     * m row weights.
     */
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
     * Global importance: mean |phi_j| over the rows of a frame, each taken into the input space in turn; weighted
     * by the frame's row weights when it has them, as {@link #fit(LinearModel, Frame)}. Shapes: the frame's m
     * rows, each taken to (n); returns (n).
     *
     * @throws NullPointerException when rows is null
     * @throws IllegalArgumentException when the frame has no rows, or its row weights sum to 0 (there is no mean to
     *     take)
     * @throws dev.ridgeline.data.DataException when the frame lacks a column the model reads or holds it of the
     *     other kind, or a row has a missing value the model has no fill for or a category it has not seen (as
     *     {@link LinearModel#predict(Frame)})
     */
    public double[] meanAbsolutePhi(Frame rows) {
        Objects.requireNonNull(rows, "rows");
        requireRows(rows.rows());
        double[] out = new double[theta.length];
        double total = totalWeight(rows);
        InputSpace.eachRow(model, rows, (i, row) -> {
            double w = rows.weight(i);
            for (int j = 0; j < theta.length; j++) {
                out[j] += w * Math.abs(theta[j] * ((row[j] - shift[j]) - centered[j]) / scale[j]);
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
     *
     * @throws NullPointerException when rows or sums is null
     * @throws IllegalArgumentException when sums is not of the model's n features
     * @throws dev.ridgeline.data.DataException as {@link #meanAbsolutePhi(Frame)}
     */
    public void addAbsolutePhi(Frame rows, double[] sums) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(sums, "sums");
        if (sums.length != theta.length) {
            throw new IllegalArgumentException(sums.length + " sums for " + theta.length + " features");
        }
        InputSpace.eachRow(model, rows, (i, row) -> {
            for (int j = 0; j < theta.length; j++) {
                sums[j] += Math.abs(theta[j] * ((row[j] - shift[j]) - centered[j]) / scale[j]);
            }
        });
    }

    /**
     * Adds w_i |phi_j| of each row of the frame, in row order, to {@code sums} (n), w_i the frame's row weights
     * (1 each when it has none): over the chunks of a file in order, then divided by the weights' sum taken row
     * by row, it is {@link #meanAbsolutePhi(Frame)} of all of them, bit for bit (explain's importance, weighted
     * as the model card's). A row of weight 0 adds nothing. Shapes: the frame's m rows, each taken to (n); sums
     * (n).
     *
     * @throws NullPointerException when rows or sums is null
     * @throws IllegalArgumentException when sums is not of the model's n features
     * @throws dev.ridgeline.data.DataException as {@link #meanAbsolutePhi(Frame)}
     */
    public void addWeightedAbsolutePhi(Frame rows, double[] sums) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(sums, "sums");
        if (sums.length != theta.length) {
            throw new IllegalArgumentException(sums.length + " sums for " + theta.length + " features");
        }
        InputSpace.eachRow(model, rows, (i, row) -> {
            double w = rows.weight(i);
            for (int j = 0; j < theta.length; j++) {
                sums[j] += w * Math.abs(theta[j] * ((row[j] - shift[j]) - centered[j]) / scale[j]);
            }
        });
    }

    /**
     * Global importance weighted by row: sum_i w_i |phi_j(x_i)| / sum_i w_i over rows (m, n), as {@link
     * #meanAbsolutePhi(Frame)} weighs a frame's rows (a row of weight w counts as w copies of itself, one of
     * weight 0 not at all); weights all 1 give {@link #meanAbsolutePhi(double[][])}, bit for bit. Shapes: rows
     * (m, n), weights (m); returns (n).
     *
     * @throws NullPointerException when rows, one of them or weights is null
     * @throws IllegalArgumentException when there are no rows, weights is not of the rows' length, a weight is
     *     negative or not finite (naming the row and weight), the weights sum to 0 (there is no mean to take), or
     *     a row is not as wide as the model's input space or holds a value that is not finite (naming the row,
     *     feature and value)
     */
    public double[] meanAbsolutePhi(double[][] rows, double[] weights) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(weights, "weights");
        requireRows(rows.length);
        if (weights.length != rows.length) {
            throw new IllegalArgumentException(weights.length + " weights for " + rows.length + " rows");
        }
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(Double.isFinite(weights[i]) && weights[i] >= 0)) {
                throw new IllegalArgumentException("row " + i + ": weight " + weights[i] + " is not a finite"
                        + " number >= 0");
            }
            total += weights[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the rows' weights sum to " + total + ": no mean to take");
        }
        double[] out = new double[theta.length];
        for (int i = 0; i < rows.length; i++) {
            double[] row = checkedRow(model, rows[i], "row " + i);
            for (int j = 0; j < theta.length; j++) {
                out[j] += weights[i] * Math.abs(theta[j] * ((row[j] - shift[j]) - centered[j]) / scale[j]);
            }
        }
        for (int j = 0; j < theta.length; j++) {
            out[j] /= total;
        }
        return out;
    }

    /**
     * Global importance: mean |phi_j| over rows (m, n). Shape: returns (n).
     *
     * @throws NullPointerException when rows or one of them is null
     * @throws IllegalArgumentException when there are no rows (there is no mean to take), or a row is not as wide
     *     as the model's input space or holds a value that is not finite (naming the row, feature and value)
     */
    public double[] meanAbsolutePhi(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        requireRows(rows.length);
        double[] out = new double[theta.length];
        for (int i = 0; i < rows.length; i++) {
            double[] row = checkedRow(model, rows[i], "row " + i);
            for (int j = 0; j < theta.length; j++) {
                out[j] += Math.abs(theta[j] * ((row[j] - shift[j]) - centered[j]) / scale[j]);
            }
        }
        for (int j = 0; j < theta.length; j++) {
            out[j] /= rows.length;
        }
        return out;
    }

    /**
     * Fails on no rows: their mean |phi| had read as 0 for every feature (every feature unimportant), where
     * {@link #fit} refuses no rows and metrics over none are NaN.
     */
    private static void requireRows(int rows) {
        if (rows == 0) {
            throw new IllegalArgumentException("no rows to average over: the importance of no rows is undefined");
        }
    }

    /**
     * {@code row} when it has the model's width and finite values; else an error naming {@code what}, the
     * feature and the value (a NaN row was reported as a failed additivity check, a short one as an index
     * out of bounds, a long one was cut without a word).
     */
    private static double[] checkedRow(LinearModel model, double[] row, String what) {
        Objects.requireNonNull(row, what);
        int n = model.features();
        if (row.length != n) {
            throw new IllegalArgumentException(what + " has " + row.length + " features, the model expects " + n);
        }
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException(what + ", feature " + j + " ('" + model.featureNames().get(j)
                        + "'): value " + row[j] + " is not a finite number" + (Double.isNaN(row[j])
                        ? " (rows are in the input space, imputed: InputSpace.row(model, raw) imputes a raw row as"
                        + " predict does)" : ""));
            }
        }
        return row;
    }

    /**
     * b + sum_j theta_j (x_j - shift_j) / scale_j: f(x) through the scaled space, which cancels nothing. Shapes:
     * x (n), theta (n).
     */
    private static double scaledLinear(LinearModel model, double[] x) {
        double[] theta = model.coefficientsStandardized();
        var features = model.preprocessing().features();
        double s = model.interceptStandardized();
        for (int j = 0; j < theta.length; j++) {
            s += theta[j] * (x[j] - features.get(j).shift()) / features.get(j).scale();
        }
        return s;
    }

    /** Row i of x in double. Shapes: x (m, n); returns (n). */
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
