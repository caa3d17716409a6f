package dev.ridgeline.eval;

import java.util.List;

/**
 * The CV table (one point per setting, in grid order) and the choice made from it.
 *
 * <p>{@code best} is the point of least mean error; means within {@link #TIE} (relative) of the least are
 * ties, and the tie goes to the largest lambda (then to the lesser mean): on a flat curve float32 rounding
 * alone had made java-vector and java-scalar choose lambdas 10x apart whose means agreed to 1e-9. With the
 * one-standard-error rule, {@code chosen} is the point with the LARGEST lambda whose mean error is at most
 * best.mean + best.standardError() (the most regularised model statistically indistinguishable from the
 * best); otherwise {@code chosen == best}. Points with a diverged fold (NaN mean) are never chosen.
 */
public record CrossValidationResult(List<CvPoint> points, int folds, boolean oneStandardError, int best, int chosen) {
    public CrossValidationResult {
        points = List.copyOf(points);
    }

    /** Mean errors within this fraction of the least are ties (float32 rounding moves a mean by about 1e-7). */
    public static final double TIE = 1e-6;

    /**
     * The index of the least mean CV error (the first among equals, a diverged point's NaN never); -1 when every
     * point diverged. Before the tie rule: the table marks it where the choice passed it over. Shape: points (P).
     */
    public static int leastMean(List<CvPoint> points) {
        int least = -1;
        for (int i = 0; i < points.size(); i++) {
            double e = points.get(i).mean();
            if (!Double.isNaN(e) && (least < 0 || e < points.get(least).mean())) {
                least = i;
            }
        }
        return least;
    }

    /**
     * The choice the class comment describes. Shape: points (P), one per setting in grid order; best and chosen
     * index them.
     *
     * @throws IllegalArgumentException when points is empty
     * @throws IllegalStateException when every point diverged (a NaN mean)
     */
    public static CrossValidationResult select(List<CvPoint> points, int folds, boolean oneStandardError) {
        java.util.Objects.requireNonNull(points, "points");
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no cross-validation points to select from (an empty lambda grid?)");
        }
        int least = leastMean(points);
        if (least < 0) {
            // Words for a library caller: Tuner, the CLI's way here, refuses a grid that diverged everywhere
            // (naming --lr auto) before it selects.
            throw new IllegalStateException("every setting diverged in some fold; try a smaller learning rate or the"
                    + " estimated one (TrainerConfig.Builder.autoLearningRate())");
        }
        double tie = points.get(least).mean() * (1 + TIE);
        int best = least;
        for (int i = 0; i < points.size(); i++) {
            CvPoint p = points.get(i);
            if (p.mean() <= tie && (p.lambda() > points.get(best).lambda()
                    || p.lambda() == points.get(best).lambda() && p.mean() < points.get(best).mean())) {
                best = i;
            }
        }
        int chosen = best;
        if (oneStandardError) {
            double limit = points.get(best).mean() + points.get(best).standardError();
            for (int i = 0; i < points.size(); i++) {
                CvPoint p = points.get(i);
                if (!Double.isNaN(p.mean()) && p.mean() <= limit && (p.lambda() > points.get(chosen).lambda()
                        || p.lambda() == points.get(chosen).lambda() && p.mean() < points.get(chosen).mean())) {
                    chosen = i;
                }
            }
        }
        return new CrossValidationResult(points, folds, oneStandardError, best, chosen);
    }

    public CvPoint chosenPoint() {
        return points.get(chosen);
    }

    public CvPoint bestPoint() {
        return points.get(best);
    }

    /**
     * The table as CSV: lambda, learning_rate, mean_mse, std_mse, then one column per fold; one line per
     * setting. The automatic learning rate (NaN in the points) is written {@code auto}, as in tune's JSON, so
     * that it differs from a diverged setting's errors ({@code NaN}).
     */
    public String toCsv() {
        return toCsv(true);
    }

    /**
     * The table as CSV, the learning-rate field left empty when {@code learningRates} is false: the exact
     * solver takes no steps, so no rate applies (the column stays, so the layout does not depend on the solver).
     */
    public String toCsv(boolean learningRates) {
        StringBuilder s = new StringBuilder("lambda,learning_rate,mean_mse,std_mse");
        for (int f = 0; f < folds; f++) {
            // Numbered from 1, as the warnings and errors name folds ("fold 2 of 3").
            s.append(",fold").append(f + 1).append("_mse");
        }
        s.append('\n');
        for (CvPoint p : points) {
            s.append(p.lambda()).append(',').append(!learningRates ? "" : Double.isNaN(p.learningRate()) ? "auto" : p.learningRate())
                    .append(',').append(p.mean()).append(',').append(p.std());
            for (double e : p.foldMse()) {
                s.append(',').append(e);
            }
            s.append('\n');
        }
        return s.toString();
    }
}
