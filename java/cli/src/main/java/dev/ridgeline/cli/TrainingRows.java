package dev.ridgeline.cli;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.engine.BackendChoice;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import java.util.List;

/**
 * The training rows as a {@link FitStep} sees them: the preprocessed features, the targets, the raw training
 * part (for columns such as the sensitive ones, by name), and the run's lambda, backend and trainer settings.
 * Shapes: x (m, n) scaled features, y (m), weights (m) or null.
 *
 * @param weights the row weights of {@code --weights}, or null: every row counts once
 * @param part the raw training rows, in the same order as x and y
 */
record TrainingRows(DenseMatrix x, float[] y, float[] weights, List<String> featureNames, Frame part, double lambda,
        String backend, TrainerConfig config) {

    /** The training problem with these row weights (m; null = unit weights). */
    Problem problem(float[] weights) {
        return Problem.builder(x).model(y, weights, lambda).build();
    }

    /** Plain training with the run's trainer settings; {@code weights} (m) or null for unit weights. */
    FitStep.Fitted fitPlain(float[] weights) {
        BackendChoice choice = Backends.select(backend);
        try (BoundProblem bound = choice.backend().bind(problem(weights))) {
            return new FitStep.Fitted(new Trainer(config).train(bound, featureNames), choice.backend().name(),
                    choice.reason());
        }
    }

    int rows() {
        return y.length;
    }
}
