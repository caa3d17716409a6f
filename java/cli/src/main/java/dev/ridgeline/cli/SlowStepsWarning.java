package dev.ridgeline.cli;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.train.InterceptCoupling;
import dev.ridgeline.train.ScaleSpread;
import dev.ridgeline.train.StopReason;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The warning for a gradient-step fit on features of very different scales ({@link ScaleSpread}). One that
 * stopped short of convergence: SGD's plateau rule stops on slow progress and calls it done (on 2,000 rows
 * with one feature in the millions it stopped at 23x the minimum loss), and plain GD runs out of epochs without
 * saying why. One that converged, when the spread reaches 1 / --tol: the relative gradient norm is then
 * dominated by the largest coordinate, and can fall below --tol while the smallest has not moved (features of
 * 1e8 and 1 under --scale none: "converged" in 2 epochs at 1.84x the minimum loss). An exact solve gets no
 * warning; nor does a --dp run, since the figures it quotes are statistics of the private rows.
 */
final class SlowStepsWarning {
    private SlowStepsWarning() {
    }

    /**
     * @param x the rows as trained on (m, n); weights (m) or null
     * @param names the n feature names of x
     * @param tolerance the fit's --tol (relative to the starting gradient norm)
     * @param centredTargets whether the fit trained the targets less their mean under these very weights (not so
     *     under --mitigate, whose rounds reweight the rows: the intercept must then move, and counts)
     */
    static Optional<String> of(StopReason stop, DenseMatrix x, float[] weights, double lambda, List<String> names,
            ScaleKind scale, double tolerance, boolean centredTargets) {
        boolean stoppedShort = stop == StopReason.MAX_EPOCHS || stop == StopReason.PLATEAU || stop == StopReason.TIME_LIMIT
                || stop == StopReason.EARLY_STOPPED;
        if (!stoppedShort && stop != StopReason.CONVERGED) {
            return Optional.empty();
        }
        // Both commands train the targets less their weighted mean (TargetShift); only where the fit weighs the rows
        // as that mean did does the intercept have nothing to do.
        ScaleSpread spread = centredTargets ? ScaleSpread.ofCentredTargets(x, weights, lambda)
                : ScaleSpread.of(x, weights, lambda);
        InterceptCoupling coupling = centredTargets ? InterceptCoupling.ofCentredTargets(x, weights, lambda)
                : InterceptCoupling.of(x, weights, lambda);
        boolean coupled = coupling.ratio() > spread.ratio();
        double ratio = Math.max(spread.ratio(), coupling.ratio());
        if (stoppedShort ? ratio < ScaleSpread.SLOW : !(ratio * tolerance >= 1)) {
            return Optional.empty();
        }
        String advice = (scale != ScaleKind.ZSCORE ? "scale them (--scale zscore) or " : "") + "use --solver exact";
        String figures = coupled
                ? String.format(Locale.ROOT, "%s has mean %.3g and standard deviation %.3g, so it and the intercept "
                        + "move almost together: the objective's curvatures along them span a factor of %.3g",
                        names.get(coupling.feature()), coupling.mean(), coupling.sd(), coupling.ratio())
                : String.format(Locale.ROOT, "the objective's curvatures along the features (each one's mean square, "
                        + "plus lambda / W)%s span a factor of %.3g, from %s (%.3g) to %s (%.3g)",
                        spread.withIntercept() ? " and the intercept (1)" : "",
                        spread.ratio(), name(spread.largest(), names), spread.largestValue(),
                        name(spread.smallest(), names), spread.smallestValue());
        if (!stoppedShort) {
            String steep = coupled ? names.get(coupling.feature()) + " and the intercept together"
                    : name(spread.largest(), names);
            String flat = coupled ? "their difference" : name(spread.smallest(), names);
            return Optional.of(String.format(Locale.ROOT, "%s, at least 1 / --tol: the gradient norm fell to --tol "
                    + "times its start along %s while %s may hardly have moved, so this converged fit may be far from the "
                    + "minimum: %s", figures, steep, flat, advice));
        }
        return Optional.of(String.format(Locale.ROOT, "%s: gradient steps gain little per epoch along the flattest "
                + "direction, so this fit, stopped by %s, may be far from the minimum: %s", figures,
                stop.name().toLowerCase(Locale.ROOT).replace('_', ' '), advice));
    }

    private static String name(int coordinate, List<String> names) {
        return coordinate == names.size() ? "the intercept" : names.get(coordinate);
    }
}
