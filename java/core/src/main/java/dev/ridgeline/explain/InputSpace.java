package dev.ridgeline.explain;

import dev.ridgeline.data.Frame;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.preprocess.EncodedFeature;
import dev.ridgeline.preprocess.Preprocessing;
import java.util.List;
import java.util.Objects;

/**
 * Rows of a frame in a model's input space, where {@link LinearShap} works: the model's stored preprocessing
 * applied by column name (imputation, one-hot encoding, dropped columns) but not its scaling, so that
 * {@code prediction = intercept + coefficients . x} in original units.
 */
public final class InputSpace {
    private InputSpace() {
    }

    /** Shape (frame.rows(), model.features()), in double. */
    public static double[][] rows(LinearModel model, Frame frame) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(frame, "frame");
        double[][] out = new double[frame.rows()][];
        eachRow(model, frame, (i, x) -> out[i] = x.clone());
        return out;
    }

    /**
     * A row of raw numeric inputs (as {@link LinearModel#predict(double[])} takes it: NaN for a missing value)
     * in the input space (model.features()): missing values imputed as predict imputes them (an error naming the
     * input when the model was trained without imputation), inputs dropped in training left out.
     */
    public static double[] row(LinearModel model, double[] raw) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(raw, "raw");
        double[] x = new double[model.features()];
        model.preprocessing().encodeUnscaled(raw, x);
        return x;
    }

    /**
     * A row of raw inputs of any kind (as {@link LinearModel#predict(double[], String[])} takes it: numbers for the
     * numeric inputs, labels for the categorical ones) in the input space (model.features()), as a file's row of
     * the same values.
     */
    public static double[] row(LinearModel model, double[] numbers, String[] labels) {
        Objects.requireNonNull(model, "model");
        double[] x = new double[model.features()];
        model.preprocessing().encodeUnscaled(numbers, labels, x);
        return x;
    }

    /** Receives row i of a frame in the input space; the array is reused for the next row. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(int i, double[] x);
    }

    /** Each row of the frame in the input space, in order, without holding them all (m x n doubles). */
    public static void eachRow(LinearModel model, Frame frame, RowConsumer each) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(each, "each");
        Preprocessing pre = model.preprocessing();
        List<EncodedFeature> features = pre.features();
        int[] cols = pre.bind(frame);
        int n = features.size();
        double[] block = new double[Preprocessing.BLOCK_ROWS * n];
        double[] x = new double[n];
        for (int from = 0; from < frame.rows(); from += Preprocessing.BLOCK_ROWS) {
            int to = Math.min(frame.rows(), from + Preprocessing.BLOCK_ROWS);
            pre.encodeRowsUnscaled(frame, cols, from, to, block);
            for (int i = from; i < to; i++) {
                System.arraycopy(block, (i - from) * n, x, 0, n);
                each.accept(i, x);
            }
        }
    }
}
