package dev.ridgeline.cli;

import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.train.OwnScaleGradient;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.StopReason;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import java.util.Locale;
import java.util.Optional;

/**
 * The warning for a gradient-step fit that ran all its epochs before its gradient norm fell to --tol: what the
 * norm is now, relative to its start as --tol is, and what may help. Used for train's fit and tune's refit.
 */
final class EpochLimitWarning {
    private EpochLimitWarning() {
    }

    /** Below this relative gradient norm, float32 residuals and sums may be what holds the norm up. */
    static final double FLOAT_FLOOR = 1e-6;

    /**
     * Empty unless model 0 of {@code result} stopped at MAX_EPOCHS with its last weights (not an earlier read that
     * --patience kept). {@code subject} starts the sentence
     * ("training", "the refit"); {@code backend} is the backend's name; {@code scale} the features' scaling.
     */
    static Optional<String> of(String subject, TrainingResult result, TrainerConfig config, String backend,
            ScaleKind scale) {
        if (result.stopReason(0) != StopReason.MAX_EPOCHS) {
            return Optional.empty();
        }
        int kept = result.history().keptEpoch(0);
        if (kept >= 0 && kept < result.epochs(0)) {
            // --patience kept an earlier read: the validation rows stopped improving before the limit, so more
            // epochs would not change the weights kept unless they improved again (the report names the epoch).
            return Optional.empty();
        }
        boolean sgd = config.solver() == Solver.SGD;
        boolean scheduled = sgd && config.plateauReads() > 0;
        double relative = result.relativeGradientNorm(0);
        // --tol 0 printed as "0.00" in %.3g: a zero tolerance reads as what it is.
        String tol = config.tolerance() == 0 ? "0" : String.format(Locale.ROOT, "%.3g", config.tolerance());
        double ownScale = result.ownScaleRelativeNorm(0);
        if (relative <= config.tolerance() && ownScale > OwnScaleGradient.FACTOR * config.tolerance()) {
            // The plain test was met, the one in the coordinates' own scales not (OwnScaleGradient): a coordinate of
            // small curvature beside large ones, whose gradient the plain norm hides. Raising --tol would call that
            // poor fit converged, so it is not offered.
            return Optional.of(String.format(Locale.ROOT, "%s stopped at --epochs %d before converging: its gradient "
                    + "norm fell to %.3g times its start, below --tol %s, but measured along each feature in its own "
                    + "scale (the objective's curvature there) it is %.3g times its start, above %.3g, so the "
                    + "features of small curvature are still far from their minimum: %suse --solver exact",
                    subject, result.epochs(0), relative, tol, ownScale, OwnScaleGradient.FACTOR * config.tolerance(),
                    scale != ScaleKind.ZSCORE ? "scale the features (--scale zscore) or " : ""));
        }
        return Optional.of(String.format(Locale.ROOT, "%s stopped at --epochs %d before its gradient norm fell to --tol "
                + "%s times its start (it is now %.3g times its start)%s: raise --epochs%s, %sor use --solver exact%s",
                subject, result.epochs(0), tol, relative, scheduled ? " or its loss levelled off" : "",
                sgd && !scheduled ? ", set --plateau (a constant-rate SGD rarely meets --tol)" : "",
                scale != ScaleKind.ZSCORE ? "scale the features (--scale zscore), " : "",
                // Unscaled features of far-apart scales also leave a small relative norm far from the minimum: there
                // raising --tol would call a poor fit converged.
                atFloatFloor(relative, backend) ? "; if more epochs " + (scale != ScaleKind.ZSCORE ? "and --scale zscore "
                        : "") + "do not lower it, a norm this small may be as low as " + backend + "'s float32 sums "
                        + "go: raise --tol or use --backend java-scalar" : ""));
    }

    /** Whether a fit that stopped at {@code relativeNorm} may have met float32's limit: java-vector and cuda. */
    static boolean atFloatFloor(double relativeNorm, String backend) {
        return relativeNorm < FLOAT_FLOOR && !backend.equals(ScalarBackend.NAME);
    }
}
