package dev.ridgeline.bench;

import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.train.LipschitzEstimator;

/**
 * Ridgeline as a user would run it against a loss target: bind, estimate the step size (Lanczos
 * iteration), then full-batch gradient descent until J <= target. All of it is inside the timing.
 */
public final class RidgelineToLoss {
    private RidgelineToLoss() {
    }

    /** Epochs needed to reach the target (the last pass's loss), or -1 if maxEpochs did not suffice. */
    public static int fit(Backend backend, Problem problem, double target, int maxEpochs) {
        Result r = fitWithLoss(backend, problem, target, maxEpochs);
        return r.reached() ? r.epochs() : -1;
    }

    /** Whether the target was reached, after how many epochs (maxEpochs when not), and the lowest J seen. */
    public record Result(boolean reached, int epochs, double loss) {
    }

    /** As {@link #fit}, with the lowest loss seen. */
    public static Result fitWithLoss(Backend backend, Problem problem, double target, int maxEpochs) {
        double best = Double.POSITIVE_INFINITY;
        try (BoundProblem bound = backend.bind(problem)) {
            double[] lipschitz = LipschitzEstimator.estimate(bound, BenchData.SEED);
            bound.setParameters(Parameters.zeros(problem.models(), problem.features()));
            StepRule rule = StepRule.plain(1, 1.0 / lipschitz[0]);
            for (int epoch = 1; epoch <= maxEpochs; epoch++) {
                bound.step(rule, null);
                double loss = bound.lastPass().loss(0);
                best = Math.min(best, loss);
                if (loss <= target) {
                    return new Result(true, epoch, best);
                }
            }
            return new Result(false, maxEpochs, best);
        }
    }
}
