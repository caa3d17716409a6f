package dev.ridgeline.cli;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.train.OffSpanDrift;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The warning for a gradient-step fit on no more rows than features whose iterates left the rows' span
 * ({@link OffSpanDrift}): it can stop "converged" by --tol, since the gradient along those directions is only
 * lambda / W times the distance, while its coefficients and intercept are off the minimiser. Not under --dp: the
 * row count and the columns' centring are statistics of the private rows.
 */
final class OffSpanWarning {
    private OffSpanWarning() {
    }

    /** x (m, n) as trained on, weights (m) or null; the CLI always fits an intercept. */
    static Optional<String> of(DenseMatrix x, float[] weights, double lambda, ScaleKind scale, TrainerConfig config,
            TrainingResult result) {
        return OffSpanDrift.of(x, weights, lambda, true, config, result)
                .map(d -> text(d, d.rows() < x.rows(), scale, result));
    }

    private static String text(OffSpanDrift d, boolean someUnweighed, ScaleKind scale, TrainingResult result) {
        List<String> causes = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        advice.add("--solver exact (which solves this shape through its rows)");
        if (d.coupledLingers()) {
            causes.add(String.format(Locale.ROOT, "the columns are not centred (--scale %s), so the intercept's moves "
                    + "push the coefficients along the column means, off those directions, where they and the intercept "
                    + "move together at a curvature as low as (lambda / W) / (1 + |column means|^2) = %.3g, and %d steps "
                    + "at rate %.3g leave up to %.0f%% of the distance there", scale.label(), d.coupledCurvature(),
                    d.steps(), d.effectiveRate(), 100 * d.coupledRemaining()));
            if (scale != ScaleKind.ZSCORE) {
                advice.add("--scale zscore");
            }
        }
        if (d.startLingers()) {
            causes.add(String.format(Locale.ROOT, "the random start (--init random) put part of the coefficients off "
                    + "those directions, where the curvature is lambda / W = %.3g, and %d steps at rate %.3g leave about "
                    + "%.3g of it there, %.0f%% of the coefficients' length", d.penaltyCurvature(), d.steps(),
                    d.effectiveRate(), d.startLeft(), 100 * d.startLeft() / d.coefficientNorm()));
            advice.add("--init zeros");
        }
        return String.format(Locale.ROOT, "%d training rows%s for %d features: the rows pin the coefficients down "
                + "along at most %d directions, and along the others only the penalty curves the objective; %s; so this "
                + "fit (stopped: %s) may be far from the ridge minimum: use %s", d.rows(),
                someUnweighed ? " of weight above 0" : "", d.features(), d.rows() - 1, String.join("; ", causes),
                result.stopReason(0).name().toLowerCase(Locale.ROOT).replace('_', ' '), String.join(" or ", advice));
    }
}
