package dev.ridgeline.cli;

import dev.ridgeline.engine.Problem;
import dev.ridgeline.preprocess.EncodedFeature;
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
     * and its columns are poorly determined; empty otherwise, beyond {@link #MAX_FEATURES} features, or when the
     * column and its partner are one-hot levels of one input ({@link #levelsOfOneInput}).
     */
    static Optional<String> of(StopReason stop, Problem problem, List<String> names, List<EncodedFeature> features) {
        if (stop != StopReason.CONVERGED || problem.features() > MAX_FEATURES) {
            return Optional.empty();
        }
        NearCollinearity worst = ExactSolver.nearCollinearity(problem, 0);
        if (worst == null || !worst.poorlyDetermined() || levelsOfOneInput(worst, features)) {
            return Optional.empty();
        }
        return Optional.of(worst.message(names));
    }

    /**
     * Whether the column and its partner are one-hot levels of the same categorical input. Its levels sum to 1, as
     * the intercept's column does, so once centred they sum to 0 and only lambda sets the coefficients along that
     * sum: a small lambda over many rows puts the pivot below the threshold (100,000 rows of three colours, lambda
     * 0.01: 3.8e-7). A step fit's gradient along that sum is 0 from its start at 0, so it ends at the ridge minimum
     * there (gd within 2e-6 of the exact solve), and no column of the encoding can be dropped by the user.
     */
    static boolean levelsOfOneInput(NearCollinearity worst, List<EncodedFeature> features) {
        if (features == null || worst.partner() < 0) {
            return false;
        }
        EncodedFeature column = features.get(worst.column());
        EncodedFeature partner = features.get(worst.partner());
        return column.oneHot() && partner.oneHot() && column.input() == partner.input();
    }
}
