package dev.ridgeline.cli;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.train.ScaleSpread;
import dev.ridgeline.train.StopReason;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The warning for a gradient-step fit that stopped short of convergence on features of very different
 * scales ({@link ScaleSpread}): SGD's plateau rule then stops on slow progress and calls it done (on 2,000
 * rows with one feature in the millions it stopped at 23x the minimum loss), and plain GD runs out of epochs
 * without saying why. A fit that converged, or an exact solve, gets no warning; nor does a --dp run, since the
 * figures it quotes are statistics of the private rows.
 */
final class SlowStepsWarning {
    private SlowStepsWarning() {
    }

    /**
     * @param x the rows as trained on (m, n); weights (m) or null
     * @param names the n feature names of x
     */
    static Optional<String> of(StopReason stop, DenseMatrix x, float[] weights, double lambda, List<String> names,
            ScaleKind scale) {
        if (stop != StopReason.MAX_EPOCHS && stop != StopReason.PLATEAU && stop != StopReason.TIME_LIMIT
                && stop != StopReason.EARLY_STOPPED) {
            return Optional.empty();
        }
        ScaleSpread spread = ScaleSpread.of(x, weights, lambda);
        if (!spread.slow()) {
            return Optional.empty();
        }
        String advice = (scale != ScaleKind.ZSCORE ? "scale them (--scale zscore) or " : "") + "use --solver exact";
        return Optional.of(String.format(Locale.ROOT, "the features' mean squares span a factor of %.3g, from %s "
                + "(%.3g) to %s (%.3g): gradient steps gain little per epoch along the flattest direction, so this fit, "
                + "stopped by %s, may be far from the minimum%s", spread.ratio(),
                name(spread.largest(), names), spread.largestValue(), name(spread.smallest(), names),
                spread.smallestValue(), stop.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                ": " + advice));
    }

    private static String name(int coordinate, List<String> names) {
        return coordinate == names.size() ? "the intercept" : names.get(coordinate);
    }
}
