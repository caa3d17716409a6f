package dev.ridgeline.model;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.UnicodeText;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.preprocess.EncodedFeature;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.Standardizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A trained ridge model, immutable and thread-safe: the fitted preprocessing, the coefficients theta (n) and
 * bias b in the scaled feature space it was trained in, the same model in original (unscaled) units, and its
 * metadata. {@code predict(x) = b + theta . z(x)} with {@code z_f = (encode(x)_f - shift_f) / scale_f}.
 *
 * <p>Original units: beta_f = theta_f / scale_f and beta_0 = b - sum_f theta_f shift_f / scale_f, so that
 * {@code predict(x) = beta_0 + beta . encode(x)}.
 *
 * <p>The coefficients and bias must be finite: a model with a NaN or infinite one predicts NaN or infinity
 * for every row, so it is refused here rather than saved and found out later. Finite ones can still give an
 * infinite prediction for a row whose terms overflow a double (a coefficient of 1e308 times a value of 10).
 */
public final class LinearModel {
    private final Preprocessing preprocessing;
    private final String targetName;
    private final double[] thetaScaled;
    private final double biasScaled;
    private final double[] coefficients;
    private final double intercept;
    private final ModelMetadata metadata;

    /**
     * A numeric model: prediction = b + theta . z, with z the inputs z-scored by {@code scaler} (null: the inputs
     * as they are); target named "y", no metadata.
     *
     * @throws NullPointerException when featureNames, one of its names, or thetaStandardized is null
     * @throws IllegalArgumentException when a name appears twice, the scaler is not of one column per name, theta's
     *     length is not the feature count, there are no features, or a coefficient or the bias is not finite
     */
    public LinearModel(List<String> featureNames, Standardizer scaler, double[] thetaStandardized,
            double biasStandardized) {
        this(Preprocessing.of(Objects.requireNonNull(featureNames, "featureNames"), scaler), "y", thetaStandardized,
                biasStandardized, ModelMetadata.empty());
    }

    /**
     * prediction = bias + theta . z, with z = {@code preprocessing}'s encoded, scaled features (n = theta's length,
     * one per feature); the coefficients in original units follow from the features' shifts and scales.
     *
     * @throws NullPointerException when preprocessing, targetName, theta or metadata is null
     * @throws IllegalArgumentException when theta's length is not the feature count, there are no features, a value
     *     is not finite, the target name is empty or not well-formed Unicode (an unpaired surrogate), or a column of
     *     {@code metadata.ignoredColumns()} is also an input, the target, or listed twice
     */
    public LinearModel(Preprocessing preprocessing, String targetName, double[] theta, double bias,
            ModelMetadata metadata) {
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(targetName, "targetName");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(theta, "theta");
        List<EncodedFeature> features = preprocessing.features();
        if (features.size() != theta.length) {
            throw new IllegalArgumentException(features.size() + " features for " + theta.length + " coefficients");
        }
        // What the model file refuses on load, refused before a model can be saved.
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one feature");
        }
        if (targetName.isEmpty()) {
            throw new IllegalArgumentException("the target name is empty: a model names the column it predicts");
        }
        UnicodeText.requireWellFormed(targetName, "target");
        // Composed (NFC) as every other name in the library and as the file stores it: a decomposed "ý" had
        // matched no header before a save and matched after the load, and slipped past the check below.
        this.targetName = UnicodeText.composed(targetName);
        requireFinite(features, theta, bias);
        requireIgnoredApart(preprocessing, this.targetName, metadata.ignoredColumns());
        this.thetaScaled = theta.clone();
        this.biasScaled = bias;
        this.coefficients = new double[theta.length];
        double b = bias;
        for (int f = 0; f < theta.length; f++) {
            coefficients[f] = theta[f] / features.get(f).scale();
            b -= theta[f] * features.get(f).shift() / features.get(f).scale();
        }
        this.intercept = b;
    }

    /**
     * Columns left out of the features are neither an input nor the target, each listed once: the model file
     * refuses such a list on load, so the model refuses it here, before it can be saved.
     */
    private static void requireIgnoredApart(Preprocessing preprocessing, String targetName, List<String> ignored) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<String> inputs = preprocessing.inputSchema().keySet();
        for (String name : ignored) {
            String composed = dev.ridgeline.data.UnicodeText.composed(name);
            if (!seen.add(composed) || inputs.contains(composed) || composed.equals(targetName)) {
                throw new IllegalArgumentException("ignored column '" + name + "' is "
                        + (inputs.contains(composed) ? "also an input" : composed.equals(targetName) ? "also the target"
                        : "listed twice") + "; a column left out of the features is neither, and is listed once");
            }
        }
    }

    private static void requireFinite(List<EncodedFeature> features, double[] theta, double bias) {
        for (int f = 0; f < theta.length; f++) {
            if (!Double.isFinite(theta[f])) {
                throw new IllegalArgumentException("the coefficient of feature '" + features.get(f).name() + "' is "
                        + theta[f] + ": a model needs finite coefficients and bias");
            }
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("the bias is " + bias + ": a model needs finite coefficients and bias");
        }
    }

    /**
     * Model k of trained parameters, with the standardiser used on its inputs (null: none).
     *
     * @throws NullPointerException when p or featureNames is null
     * @throws IndexOutOfBoundsException when p has no model k (naming k and p's model count)
     * @throws IllegalArgumentException as {@link #LinearModel(List, Standardizer, double[], double)}
     */
    public static LinearModel of(List<String> featureNames, Standardizer scaler, Parameters p, int k) {
        Objects.requireNonNull(p, "parameters");
        return new LinearModel(featureNames, scaler, p.theta(k), p.bias(k));
    }

    /**
     * Model k of trained parameters, trained on {@code preprocessing.transform(...)} features.
     *
     * @throws NullPointerException when p, preprocessing, targetName or metadata is null
     * @throws IndexOutOfBoundsException when p has no model k (naming k and p's model count)
     * @throws IllegalArgumentException as {@link #LinearModel(Preprocessing, String, double[], double, ModelMetadata)}
     */
    public static LinearModel of(Preprocessing preprocessing, String targetName, Parameters p, int k,
            ModelMetadata metadata) {
        Objects.requireNonNull(p, "parameters");
        return new LinearModel(preprocessing, targetName, p.theta(k), p.bias(k), metadata);
    }

    /**
     * Reads a model file written by {@link #save}, verifying its format version and checksum.
     *
     * @throws NullPointerException when file is null
     * @throws ModelFileException when the file is missing, a folder, unreadable, larger than 1 GiB, not a Ridgeline
     *     model file, of another format version, or edited or corrupted after it was written (its checksum); the
     *     message names the file
     */
    public static LinearModel load(Path file) {
        return ModelFile.read(Objects.requireNonNull(file, "file"));
    }

    /**
     * Writes the model file atomically (see {@link ModelFile}).
     *
     * @throws NullPointerException when file is null
     * @throws java.io.UncheckedIOException when the file cannot be written (a folder on its path is a file, no
     *     permission, a full disk); a file already there is left as it was
     */
    public void save(Path file) {
        ModelFile.write(this, Objects.requireNonNull(file, "file"));
    }

    /**
     * The same model with other metadata (lambda, metrics, provenance).
     *
     * @throws NullPointerException when m is null
     * @throws IllegalArgumentException when a column of {@code m.ignoredColumns()} is also an input, the target, or
     *     listed twice
     */
    public LinearModel withMetadata(ModelMetadata m) {
        return new LinearModel(preprocessing, targetName, thetaScaled, biasScaled, m);
    }

    /** How raw input columns become the model's features: imputation, one-hot encoding, scaling. */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** Lambda, metrics and provenance recorded with the model ({@link ModelMetadata#empty()} when none). */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** The name of the column the model predicts. */
    public String targetName() {
        return targetName;
    }

    /** Names of the encoded features (n), e.g. {@code bmi} or {@code sex=female}. */
    public List<String> featureNames() {
        return preprocessing.featureNames();
    }

    /** n, the number of encoded features. */
    public int features() {
        return coefficients.length;
    }

    /** Coefficients in original units (n), one per encoded feature. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** The intercept in original units: the prediction when every encoded feature is 0. */
    public double intercept() {
        return intercept;
    }

    /** Coefficients in the scaled space (n). */
    public double[] coefficientsStandardized() {
        return thetaScaled.clone();
    }

    /** The intercept in the scaled space: the prediction when every scaled feature is 0. */
    public double interceptStandardized() {
        return biasScaled;
    }

    /** The z-score scaler when every input is numeric, z-scored and kept; null otherwise. */
    public Standardizer scaler() {
        List<EncodedFeature> f = preprocessing.features();
        if (preprocessing.scale() != ScaleKind.ZSCORE || !preprocessing.numericOnly()
                || f.size() != preprocessing.inputs().size()) {
            return null;
        }
        return new Standardizer(f.stream().mapToDouble(EncodedFeature::shift).toArray(),
                f.stream().mapToDouble(EncodedFeature::scale).toArray());
    }

    /**
     * Prediction for one row of raw numeric inputs (n_in, in input order; NaN = missing), in double. An input
     * beyond float32's range (an infinity, 1e39) is refused ({@link dev.ridgeline.data.DataException} naming it),
     * as a file holding one is.
     *
     * @throws NullPointerException when row is null
     * @throws IllegalArgumentException when the row's length is not the input count, or the model has categorical
     *     inputs (use {@link #predict(double[], String[])} or {@link #predict(Frame)})
     * @throws DataException when a value is beyond float32's range, or missing (NaN) for an input the model was trained
     *     without imputation for
     */
    public double predict(double[] row) {
        Objects.requireNonNull(row, "row");
        double[] z = new double[thetaScaled.length];
        preprocessing.encode(row, z);
        return dot(z);
    }

    /**
     * Prediction for one row of raw inputs of any kind, in double, as a file's row of the same values predicts:
     * input i in {@code preprocessing().inputSchema()} order reads {@code numbers[i]} when numeric (NaN = missing)
     * and {@code labels[i]} when categorical (null, empty or NA = missing); the other array's entry is not read
     * ({@link Preprocessing#encode(double[], String[], double[])}). The one-row call of a service whose model has
     * categorical inputs: no Frame, no text to parse.
     *
     * @throws NullPointerException when numbers is null
     * @throws IllegalArgumentException when numbers or labels is not of the input count, or labels is null while the
     *     model has categorical inputs
     * @throws DataException when a number is beyond float32's range, a value is missing for an input the model was
     *     trained without imputation for, or a label was not seen in training and the model refuses unseen categories
     *     ({@link Preprocessing#unseen()})
     */
    public double predict(double[] numbers, String[] labels) {
        double[] z = new double[thetaScaled.length];
        preprocessing.encode(numbers, labels, z);
        return dot(z);
    }

    /**
     * Prediction for one row of raw float inputs (each widened to double exactly).
     *
     * @throws NullPointerException when row is null
     * @throws IllegalArgumentException as {@link #predict(double[])}
     * @throws DataException as {@link #predict(double[])}
     */
    public double predict(float[] row) {
        Objects.requireNonNull(row, "row");
        double[] d = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            d[j] = row[j];
        }
        return predict(d);
    }

    /**
     * Predictions for every row of a raw numeric matrix (rows, n_in). A value {@link #predict(double[])} refuses is
     * refused naming its row. A DenseMatrix holds float32, so its inputs are the doubles of the other predict
     * methods rounded to float: on the diabetes rows the predictions differ from theirs by up to 2.1e-5
     * (predict(double[]), predict(Frame) and the command line agree bit for bit).
     *
     * @throws NullPointerException when raw is null
     * @throws IllegalArgumentException when the matrix does not have one column per input, or the model has categorical
     *     inputs
     * @throws DataException as {@link #predict(double[])}, the message starting with the row ("row 1: ...")
     */
    public double[] predict(DenseMatrix raw) {
        Objects.requireNonNull(raw, "raw");
        int inputs = preprocessing.inputs().size();
        if (raw.cols() != inputs) {
            // Named once, for the matrix, before any row: a matrix of 0 columns had failed inside copyRow.
            throw new IllegalArgumentException("the matrix has " + raw.cols() + " columns, the model expects "
                    + inputs + " " + preprocessing.inputSchema().keySet());
        }
        double[] out = new double[raw.rows()];
        float[] row = new float[raw.cols()];
        // One row buffer and one feature buffer for the whole matrix: a million rows made two arrays each.
        double[] d = new double[raw.cols()];
        double[] z = new double[thetaScaled.length];
        for (int i = 0; i < out.length; i++) {
            raw.copyRow(i, row);
            for (int j = 0; j < row.length; j++) {
                d[j] = row[j];
            }
            try {
                preprocessing.encode(d, z);
            } catch (DataException e) {
                throw new DataException("row " + i + ": " + e.getMessage(), e);
            }
            out[i] = dot(z);
        }
        return out;
    }

    /**
     * Predictions for every row of a frame, columns found by name.
     *
     * @throws NullPointerException when frame is null
     * @throws DataException when the frame lacks a column the model reads or holds it of the other kind (numeric,
     *     categorical), or a row has a missing value the model has no imputation for or a category it was not trained
     *     on and refuses (a value named by its line and column)
     */
    public double[] predict(Frame frame) {
        int[] cols = preprocessing.bind(Objects.requireNonNull(frame, "frame"));
        int n = thetaScaled.length;
        // A block, or the frame when smaller: a one-row frame (a service's request) had taken 256 rows' room.
        double[] z = new double[Math.min(Preprocessing.BLOCK_ROWS, frame.rows()) * n];
        double[] out = new double[frame.rows()];
        for (int from = 0; from < out.length; from += Preprocessing.BLOCK_ROWS) {
            int to = Math.min(out.length, from + Preprocessing.BLOCK_ROWS);
            preprocessing.encodeRows(frame, cols, from, to, z);
            for (int i = from; i < to; i++) {
                out[i] = dot(z, (i - from) * n);
            }
        }
        return out;
    }

    /** True when every input column is numeric: only then do the number-array predictions apply. */
    public boolean numericInputs() {
        return preprocessing.numericOnly();
    }

    private double dot(double[] z) {
        return dot(z, 0);
    }

    /** b + theta . z[at, at + n). */
    private double dot(double[] z, int at) {
        double s = biasScaled;
        for (int f = 0; f < thetaScaled.length; f++) {
            s += thetaScaled[f] * z[at + f];
        }
        return s;
    }

    /** For logs: the target, how many inputs and encoded features, the intercept and lambda (not the coefficients). */
    @Override
    public String toString() {
        return "LinearModel[target=" + targetName + ", inputs=" + preprocessing.inputs().size() + ", features="
                + features() + ", intercept=" + intercept + ", lambda=" + metadata.lambda() + "]";
    }
}
