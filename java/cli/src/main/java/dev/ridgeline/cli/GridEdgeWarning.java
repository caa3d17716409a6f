package dev.ridgeline.cli;

import dev.ridgeline.eval.CrossValidationResult;
import dev.ridgeline.eval.CvPoint;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code tune}: a chosen lambda at an end of the grid may not be the optimum, only the last value tried (diabetes
 * chose 0.001, the smallest of the default grid; noise data chose 100, the largest of 1e-3:100, where a grid to
 * 1e3 chose 316). Also the fold fits that diverged, which show only as NaN in the table.
 */
final class GridEdgeWarning {
    private GridEdgeWarning() {
    }

    /**
     * The warning when the chosen lambda is the largest of the grid's lambdas that scored, or the smallest above 0;
     * else empty. The edges are those of the settings with a finite mean CV error: a choice next to a lambda whose
     * fits failed (1e300, diverged) is at the edge of what was measured, and the optimum may lie beyond it.
     */
    static Optional<String> of(CrossValidationResult cv, String lambdas) {
        List<Double> grid = cv.points().stream().filter(p -> Double.isFinite(p.mean())).map(CvPoint::lambda).distinct()
                .toList();
        if (grid.size() < 2) {
            return Optional.empty();
        }
        double chosen = cv.chosenPoint().lambda();
        double smallest = grid.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double largest = grid.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        boolean failedAbove = cv.points().stream().anyMatch(p -> p.lambda() > largest);
        boolean failedBelow = cv.points().stream().anyMatch(p -> p.lambda() < smallest);
        String rule = cv.oneStandardError() ? "the one-standard-error rule's choice" : "the least CV error";
        // A flat curve (every mean a tie with the least, such as a constant target's zeros) has no optimum beyond
        // the grid to look for: the largest lambda is chosen only by the rule for ties.
        if (chosen == largest && flat(cv)) {
            return Optional.empty();
        }
        if (chosen == largest) {
            return Optional.of(String.format(Locale.ROOT, "the chosen lambda %s is the largest of the grid%s (--lambdas"
                    + " %s): %s may lie above it; extend the grid upwards%s", chosen,
                    failedAbove ? " that scored" : "", lambdas, rule,
                    failedAbove ? " (the larger lambdas' fits failed: see the warning on them)" : ""));
        }
        if (chosen == smallest && smallest > 0) {
            return Optional.of(String.format(Locale.ROOT, "the chosen lambda %s is the smallest of the grid%s (--lambdas"
                    + " %s): %s may lie below it; extend the grid downwards (a lambda of 0 is allowed)%s", chosen,
                    failedBelow ? " that scored" : "", lambdas, rule,
                    failedBelow ? "; the smaller lambdas' fits failed: see the warning on them" : ""));
        }
        // The rule's limit is the least error plus its standard error: a least error at the grid's small end may
        // lie below it, and the limit with it, though the rule chose inside the grid.
        double best = cv.bestPoint().lambda();
        if (cv.oneStandardError() && best == smallest && smallest > 0) {
            return Optional.of(String.format(Locale.ROOT, "the least CV error is at the smallest lambda of the grid"
                    + " (%s, --lambdas %s): it may lie below it, and the one-standard-error rule's limit with it, so"
                    + " the choice %s may move; extend the grid downwards (a lambda of 0 is allowed)", best, lambdas,
                    chosen));
        }
        return Optional.empty();
    }

    /**
     * Whether every setting that scored (a finite mean CV error; two at least) ties with the least ({@link
     * CrossValidationResult#TIE}): a failed lambda beside a flat curve makes it no less flat.
     */
    private static boolean flat(CrossValidationResult cv) {
        double least = cv.bestPoint().mean();
        List<CvPoint> scored = cv.points().stream().filter(p -> Double.isFinite(p.mean())).toList();
        return scored.size() >= 2 && scored.stream().allMatch(p -> p.mean() <= least * (1 + CrossValidationResult.TIE));
    }

    /**
     * The warning when some fold fits failed (their held-out error is NaN), else empty: gradient descent
     * diverged, or with {@code exact} the normal equations were singular, which no learning rate explains;
     * under the {@code automaticRate}, a lambda too large for float32 is the likelier cause.
     */
    static Optional<String> diverged(CrossValidationResult cv, boolean exact, boolean automaticRate) {
        long fits = 0;
        long diverged = 0;
        for (CvPoint p : cv.points()) {
            for (double mse : p.foldMse()) {
                fits++;
                diverged += Double.isNaN(mse) ? 1 : 0;
            }
        }
        if (diverged == 0) {
            return Optional.empty();
        }
        if (exact) {
            return Optional.of(String.format(Locale.ROOT, "%d of the %d cross-validation fits failed (NaN in the"
                    + " table): their normal equations are singular (collinear columns, or more features than a fold's"
                    + " training rows, at too small a lambda); a setting with a failed fold is never chosen", diverged,
                    fits));
        }
        return Optional.of(String.format(Locale.ROOT, "%d of the %d cross-validation fits diverged (NaN in the table):"
                + " a setting with a diverged fold is never chosen; %s", diverged, fits, automaticRate
                        ? "its lambda is so large that float32 cannot hold its curvature, or its automatic learning rate"
                                + " too large for it"
                        : causeAtFixedRates(cv)));
    }

    /**
     * Why fits diverged at given rates: a rate that diverged at every lambda of the grid is too large for the
     * curvature of the data plus the smallest lambda's penalty, which no lambda of the grid helps (a grid of large
     * lambdas can be the cause, so both remedies are named); otherwise the rate is too large at the lambdas where
     * it diverged (a larger lambda adds to the curvature and lowers the stable step).
     */
    private static String causeAtFixedRates(CrossValidationResult cv) {
        Map<Double, Boolean> divergedEverywhere = new TreeMap<>();
        for (CvPoint p : cv.points()) {
            boolean failed = Arrays.stream(p.foldMse()).anyMatch(Double::isNaN);
            divergedEverywhere.merge(p.learningRate(), failed, Boolean::logicalAnd);
        }
        List<String> everywhere = divergedEverywhere.entrySet().stream().filter(Map.Entry::getValue)
                .map(e -> TrainPipeline.plain(e.getKey())).toList();
        if (everywhere.isEmpty()) {
            return "its learning rate is too large for its lambda (a larger lambda lowers the stable step)";
        }
        double smallest = cv.points().stream().mapToDouble(CvPoint::lambda).min().orElse(Double.NaN);
        return String.format(Locale.ROOT, "learning rate%s %s diverged at every lambda of the grid, down to %s: too"
                + " large for the data's curvature plus that lambda's penalty; give smaller rates (or smaller lambdas)",
                everywhere.size() > 1 ? "s" : "", String.join(", ", everywhere),
                TrainPipeline.plain(smallest));
    }
}
