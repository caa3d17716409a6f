package dev.ridgeline.cli;

import dev.ridgeline.data.Frame;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.train.RidgeFitter;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.TrainingResult;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code train} run produced, for the report and for every file of the output folder.
 *
 * @param solver the trainer's solver setting
 * @param method how the training rows were fitted, as reported: the solver's label, or e.g. "dp-sgd"
 * @param parts the rows of each part by name ({@code train}, and {@code validation} / {@code test} when held
 *     out), raw and untransformed, with their targets
 * @param metrics regression metrics of the model per part, in the target's units
 * @param warnings notes for the user, such as dropped constant columns
 * @param rowsRead the data rows read: the parts' rows and those {@code --missing drop} dropped
 * @param dpEpochs under {@code --dp}, its {@code --dp-epochs}: passes over the rows in expectation, a fraction
 *     allowed (the result's whole epoch count would round 0.3 up to 1); NaN otherwise
 * @param lossUnderGroupWeights true under {@code --mitigate}: the training result's loss is the objective with
 *     the chosen round's group weights on the rows, not the run's own weights, and is labelled so
 */
record TrainOutcome(RidgeFitter.Fit fit, Solver solver, String method, Map<String, Frame> parts,
        Map<String, RegressionMetrics> metrics,
        List<String> warnings, int rowsRead, double dpEpochs, boolean lossUnderGroupWeights) {

    /** What the training loss is, in words: the objective on the training rows, and under which weights. */
    String lossMeaning() {
        return lossUnderGroupWeights
                ? "objective on the training rows, under --mitigate's group weights of its chosen round"
                : "objective on the training rows";
    }

    LinearModel model() {
        return fit.model();
    }

    TrainingResult training() {
        return fit.training();
    }

    /** The part to show out-of-sample plots on: validation, else test, else (said so) the training rows. */
    String evaluationPart() {
        return parts.containsKey("validation") ? "validation" : parts.containsKey("test") ? "test" : "train";
    }
}
