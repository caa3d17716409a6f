package dev.ridgeline.eval;

import java.util.List;

/**
 * The CV table (one point per setting, in grid order) and the choice made from it.
 *
 * <p>{@code best} is the point of least mean error. With the one-standard-error rule, {@code chosen} is the
 * point with the LARGEST lambda whose mean error is at most best.mean + best.standardError() (the most
 * regularised model statistically indistinguishable from the best); otherwise {@code chosen == best}. Points
 * with a diverged fold (NaN mean) are never chosen.
 */
public record CrossValidationResult(List<CvPoint> points, int folds, boolean oneStandardError, int best, int chosen) {
    public CrossValidationResult {
        points = List.copyOf(points);
    }

    public static CrossValidationResult select(List<CvPoint> points, int folds, boolean oneStandardError) {
        int best = -1;
        for (int i = 0; i < points.size(); i++) {
            double e = points.get(i).mean();
            if (!Double.isNaN(e) && (best < 0 || e < points.get(best).mean())) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("every setting diverged in some fold; try a smaller learning rate or --lr auto");
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
