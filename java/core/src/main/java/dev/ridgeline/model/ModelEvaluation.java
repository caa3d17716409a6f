package dev.ridgeline.model;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.eval.RegressionMetrics;
import java.util.Objects;

/**
 * A model scored on labelled rows, with the checks {@code ridgeline evaluate} makes, each a {@link DataException}
 * naming the file and line: a row whose target is missing (it had reached {@link RegressionMetrics} as a bare
 * "row 0: target NaN"), a prediction that overflows a double (a model of huge coefficients times large values), and
 * row weights that are all 0 (every weighted metric is then undefined).
 */
public final class ModelEvaluation {
    private ModelEvaluation() {
    }

    /**
     * The metrics of {@code model} on {@code labelled} (read with {@code FrameReader.forModel}: its target, and its
     * row weights when it has them), weighted when the frame has weights. Shapes: labelled (m rows).
     */
    public static RegressionMetrics of(LinearModel model, Frame labelled) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(labelled, "labelled");
        requireTargets(model, labelled);
        double[] predicted = finitePredictions(model, labelled);
        float[] weights = labelled.weightFloats();
        requireSomeWeight(weights, labelled.source(), labelled.weightName());
        return RegressionMetrics.of(labelled.targetValues(), predicted, weights);
    }

    /**
     * Refuses row weights (m, or null for none) that are all 0, where every weighted metric divides by their sum:
     * undefined, not a result to report as NaN. {@code source} and {@code weightName} name them.
     */
    public static void requireSomeWeight(float[] weights, String source, String weightName) {
        if (weights != null && weights.length > 0 && allZero(weights)) {
            throw new DataException(source + ": every one of the " + weights.length + " rows has weight 0 in '"
                    + weightName + "'; the weighted metrics are undefined");
        }
    }

    /** Refuses the first row of {@code labelled} whose target is missing, naming its line. */
    public static void requireTargets(LinearModel model, Frame labelled) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(labelled, "labelled");
        if (!labelled.hasTarget()) {
            throw new DataException(labelled.source() + ": no target column '" + model.targetName()
                    + "' to evaluate against");
        }
        for (int i = 0; i < labelled.rows(); i++) {
            if (Double.isNaN(labelled.target(i))) {
                throw new DataException(labelled.source() + ", line " + labelled.line(i) + ": the target '"
                        + model.targetName() + "' is missing");
            }
        }
    }

    /**
     * The model's predictions for {@code rows}, refused when one is not a finite number: a model with huge
     * coefficients (a hand-edited file, or one trained on wild values) times a row's values can overflow a double,
     * and "Infinity" had been written as that row's prediction. Shapes: rows (m), returns (m).
     */
    public static double[] finitePredictions(LinearModel model, Frame rows) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(rows, "rows");
        double[] predicted = model.predict(rows);
        for (int i = 0; i < predicted.length; i++) {
            if (!Double.isFinite(predicted[i])) {
                throw new DataException(rows.source() + ", line " + rows.line(i) + ": the model predicts "
                        + predicted[i] + " for this row, not a finite number: its values times the model's coefficients"
                        + " overflow a double (" + largest(model) + ")");
            }
        }
        return predicted;
    }

    /** The model's largest coefficient in original units and its intercept, for the overflow message. */
    private static String largest(LinearModel m) {
        double largest = 0;
        for (double c : m.coefficients()) {
            largest = Math.max(largest, Math.abs(c));
        }
        return "its largest coefficient in original units is " + largest + ", its intercept " + m.intercept();
    }

    private static boolean allZero(float[] values) {
        for (float v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
