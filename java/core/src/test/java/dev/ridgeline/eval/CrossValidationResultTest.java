package dev.ridgeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValidationResultTest {
    @Test
    void pointStatisticsByHand() {
        CvPoint p = CvPoint.of(1, Double.NaN, new double[] {1, 2, 3, 6});
        assertEquals(3.0, p.mean());
        assertEquals(Math.sqrt(14.0 / 3), p.std(), 1e-15); // (4 + 1 + 0 + 9) / (4 - 1)
        assertEquals(Math.sqrt(14.0 / 3) / 2, p.standardError(), 1e-15);
    }

    @Test
    void oneStandardErrorRulePicksTheLargestLambdaWithinOneSeOfTheBest() {
        List<CvPoint> points = List.of(
                CvPoint.of(0.1, 0.5, new double[] {10, 12}), // mean 11
                CvPoint.of(1, 0.5, new double[] {9, 11}),    // mean 10, std sqrt(2), se 1
                CvPoint.of(10, 0.5, new double[] {10.5, 11.5}), // mean 11 <= 10 + 1
                CvPoint.of(100, 0.5, new double[] {11, 12}));   // mean 11.5 > 11
        CrossValidationResult plain = CrossValidationResult.select(points, 2, false);
        assertEquals(1, plain.best());
        assertEquals(1, plain.chosen());
        CrossValidationResult oneSe = CrossValidationResult.select(points, 2, true);
        assertEquals(1, oneSe.best());
        assertEquals(2, oneSe.chosen());
        assertEquals("lambda,learning_rate,mean_mse,std_mse,fold1_mse,fold2_mse\n0.1,0.5,11.0,1.4142135623730951,10.0,12.0\n",
                oneSe.toCsv().substring(0, oneSe.toCsv().indexOf("1.0,0.5")));
    }

    /**
     * The rule's margin is the standard error of the best mean, std / sqrt(k), not the fold errors' std: the best
     * point's folds 8, 9, 11, 12 have mean 10, std sqrt(10 / 3) = 1.826 and standard error 1.826 / 2 = 0.913, so
     * lambda 10 (mean 10.8) is within one standard error and lambda 100 (mean 11.5) only within one std.
     */
    @Test
    void oneStandardErrorRuleMeasuresByTheStandardErrorNotTheStd() {
        List<CvPoint> points = List.of(
                CvPoint.of(1, 0.5, new double[] {8, 9, 11, 12}),          // mean 10, se 0.913
                CvPoint.of(10, 0.5, new double[] {10.3, 10.6, 11, 11.3}), // mean 10.8 <= 10.913
                CvPoint.of(100, 0.5, new double[] {11, 11.2, 11.8, 12}));  // mean 11.5 > 10.913, < 11.826
        assertEquals(0.9128709291752769, points.get(0).standardError(), 1e-15);
        CrossValidationResult oneSe = CrossValidationResult.select(points, 4, true);
        assertEquals(0, oneSe.best());
        assertEquals(1, oneSe.chosen());
    }

    @Test
    void divergedPointsAreNeverChosen() {
        List<CvPoint> points = List.of(CvPoint.of(1, 9, new double[] {Double.NaN, 1}), CvPoint.of(2, 9, new double[] {5, 6}));
        assertEquals(1, CrossValidationResult.select(points, 2, true).chosen());
        // The library's words, not the CLI's --lr auto: Tuner refuses such a grid before it selects.
        assertEquals("every setting diverged in some fold; try a smaller learning rate or the estimated one"
                + " (TrainerConfig.Builder.autoLearningRate())", assertThrows(IllegalStateException.class,
                () -> CrossValidationResult.select(List.of(points.get(0)), 2, false)).getMessage());
    }

    /**
     * Means within a relative 1e-6 of the least are ties, which go to the largest lambda (then to its rate of
     * lesser mean): float32 rounding alone moves a mean that much. A mean just beyond the tie is not one.
     */
    @Test
    void nearlyEqualMeansAreTiesThatGoToTheLargestLambda() {
        double least = 2.5;
        List<CvPoint> points = List.of(
                CvPoint.of(0.01, 0.5, new double[] {least, least}),
                CvPoint.of(0.1, 0.5, new double[] {least * (1 + 4e-7), least * (1 + 4e-7)}),
                CvPoint.of(0.1, 0.3, new double[] {least * (1 + 2e-7), least * (1 + 2e-7)}),
                CvPoint.of(0.1, 0.1, new double[] {least * (1 + 3e-7), least * (1 + 3e-7)}),
                CvPoint.of(1, 0.5, new double[] {least * (1 + 2e-6), least * (1 + 2e-6)}),
                CvPoint.of(10, 0.5, new double[] {Double.NaN, least}));
        CrossValidationResult plain = CrossValidationResult.select(points, 2, false);
        assertEquals(2, plain.best());
        assertEquals(2, plain.chosen());
        List<CvPoint> apart = List.of(points.get(0), CvPoint.of(0.1, 0.5, new double[] {least * (1 + 2e-6),
                least * (1 + 2e-6)}));
        assertEquals(0, CrossValidationResult.select(apart, 2, false).chosen());
    }

    /** The first point of the grid can be the best: it is kept against later, worse points, not refused. */
    @Test
    void theFirstPointCanBeTheBest() {
        List<CvPoint> points = List.of(
                CvPoint.of(0.1, 0.5, new double[] {4, 6}),  // mean 5: the least
                CvPoint.of(1, 0.5, new double[] {7, 9}),    // mean 8
                CvPoint.of(10, 0.5, new double[] {8, 10})); // mean 9
        CrossValidationResult plain = CrossValidationResult.select(points, 2, false);
        assertEquals(0, plain.best());
        assertEquals(0, plain.chosen());
        // se of the best = sqrt(2) / sqrt(2) = 1, so the limit is 6 and no larger lambda comes within it
        assertEquals(0, CrossValidationResult.select(points, 2, true).chosen());
    }

    /**
     * With several learning rates per lambda, the one-SE rule takes the largest lambda within the limit and,
     * among that lambda's rates, the one of least mean error (not the last one in grid order).
     */
    @Test
    void oneStandardErrorRuleTakesTheBestRateOfTheLargestLambda() {
        List<CvPoint> points = List.of(
                CvPoint.of(1, 0.1, new double[] {9, 11}),        // mean 10, se 1: best, limit 11
                CvPoint.of(10, 0.1, new double[] {10, 11}),      // mean 10.5
                CvPoint.of(10, 0.5, new double[] {10, 10.5}),    // mean 10.25: least of lambda 10
                CvPoint.of(10, 0.9, new double[] {10.5, 11.25}), // mean 10.875, still within the limit
                CvPoint.of(100, 0.1, new double[] {11, 12}));    // mean 11.5 > 11
        CrossValidationResult oneSe = CrossValidationResult.select(points, 2, true);
        assertEquals(0, oneSe.best());
        assertEquals(2, oneSe.chosen());
        assertEquals(10.0, oneSe.chosenPoint().lambda());
        assertEquals(0.5, oneSe.chosenPoint().learningRate());
    }

    /** An empty grid is a caller's mistake, not a run that diverged (it had said "try a smaller learning rate"). */
    @Test
    void anEmptyListOfPointsIsRefusedAsSuch() {
        assertEquals("no cross-validation points to select from (an empty lambda grid?)", assertThrows(
                IllegalArgumentException.class, () -> CrossValidationResult.select(List.of(), 5, false)).getMessage());
    }
}
