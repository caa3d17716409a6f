package dev.ridgeline.cli;

import dev.ridgeline.engine.Problem;
import dev.ridgeline.train.ExactSolver;
import dev.ridgeline.train.NearCollinearity;
import dev.ridgeline.train.StopReason;
import java.util.List;
import java.util.Optional;

/**
 * A step fit that stopped as converged on columns almost a linear combination of others: the exact solver
 * says so ({@link NearCollinearity}), and gradient steps had said nothing. Columns a and a + 1e-5 N(0, 1) beside
 * two others, z-scored, lambda 0: gd "converged" in 25 epochs with both at 0.478, where the minimum of the float32
 * data has -484.9 and +485.9; the predictions hardly differ, but the coefficients along a - b are arbitrary.
 * The check forms the Gram matrix, O(m n^2) in double on one thread, so it runs up to {@link #MAX_FEATURES}
 * features only.
 */
final class StepCollinearityWarning {
    /**
     * Features up to which the check runs. Measured (one thread, 2 cores, beside whole {@code train} runs on
     * files of Gaussian columns that converged in 5 to 8 epochs): 1,000,000 x 20 100-130 ms against 25 s,
     * 200,000 x 200 310-340 ms against 13 s (2.5 %); the Gram matrix grows as n against the rest per value, so
     * 256 features keep it near 3 %. Against the fit alone it is not small: 1.6 to 2 times those fits' steps.
     */
    static final int MAX_FEATURES = 256;

    private StepCollinearityWarning() {
    }

    /**
     * The exact solver's warning for model 0 of {@code problem} when a step fit stopped as converged on it
     * and its columns are poorly determined; empty otherwise, or beyond {@link #MAX_FEATURES} features.
     */
    static Optional<String> of(StopReason stop, Problem problem, List<String> names) {
        if (stop != StopReason.CONVERGED || problem.features() > MAX_FEATURES) {
            return Optional.empty();
        }
        NearCollinearity worst = ExactSolver.nearCollinearity(problem, 0);
        return worst != null && worst.poorlyDetermined() ? Optional.of(worst.message(names)) : Optional.empty();
    }
}
