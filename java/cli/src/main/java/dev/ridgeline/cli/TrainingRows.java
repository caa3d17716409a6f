package dev.ridgeline.cli;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.engine.BackendChoice;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.train.TargetShift;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import java.util.List;

/**
 * The training rows as a {@link FitStep} sees them: the preprocessed features, the targets, the raw training
 * part (for columns such as the sensitive ones, by name), and the run's lambda, backend and trainer settings.
 * Shapes: x (m, n) scaled features, y (m), weights (m) or null.
 *
 * @param weights the row weights of {@code --weights}, or null: every row counts once
 * @param part the raw training rows, in the same order as x and y
 * @param shift what {@link #fitPlain} subtracts from the targets, and the power of two it scales them by (see
 *     {@link TargetShift}); also the shift of the early-stopping problem in {@code config}
 */
record TrainingRows(DenseMatrix x, float[] y, float[] weights, List<String> featureNames, Frame part, double lambda,
        String backend, TrainerConfig config, TargetShift shift) {

    /** The training problem on the targets as they are, with these row weights (m; null = unit weights). */
    Problem problem(float[] weights) {
        return Problem.builder(x).model(y, weights, lambda).build();
    }

    /**
     * Plain training with the run's trainer settings; {@code weights} (m) or null for unit weights. It fits the
     * shifted targets and returns the parameters of the original ones.
     */
    FitStep.Fitted fitPlain(float[] weights) {
        BackendChoice choice = Backends.select(backend);
        Problem shifted = Problem.builder(x).model(shift.apply(part.targetValues()), weights, lambda).build();
        try (BoundProblem bound = choice.backend().bind(shifted)) {
            TrainingResult result = new Trainer(config).reportingFor(shift).train(bound, featureNames);
            return new FitStep.Fitted(shift.restore(result), choice.backend().name(), choice.reason());
        }
    }

    int rows() {
        return y.length;
    }
}
