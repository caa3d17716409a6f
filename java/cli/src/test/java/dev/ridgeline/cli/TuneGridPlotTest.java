package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.eval.CrossValidationResult;
import dev.ridgeline.eval.CvPoint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class TuneGridPlotTest {
    @Test
    void theChosenLambdaIsAVerticalLineAcrossTheCurves() {
        List<CvPoint> points = List.of(CvPoint.of(0.1, 0.5, new double[] {4, 6}), CvPoint.of(1, 0.5, new double[] {2, 4}),
                CvPoint.of(10, 0.5, new double[] {5, 9}));
        XYChart chart = TuneGrid.chart(CrossValidationResult.select(points, 2, false));
        XYSeries chosen = chart.getSeriesMap().get("chosen: lambda 1.0");
        assertArrayEquals(new double[] {1, 1}, chosen.getXData());
        // From the lowest mean - std to the highest mean + std over the grid.
        double low = points.stream().mapToDouble(p -> p.mean() - p.std()).min().orElseThrow();
        double high = points.stream().mapToDouble(p -> p.mean() + p.std()).max().orElseThrow();
        assertArrayEquals(new double[] {low, high}, chosen.getYData());
        assertEquals(List.of("mean", "mean + std", "mean - std", "chosen: lambda 1.0"),
                List.copyOf(chart.getSeriesMap().keySet()));
    }

    @Test
    void theOneStandardErrorLimitIsDrawnWhenTheRuleChose() {
        List<CvPoint> points = List.of(CvPoint.of(0.1, 0.5, new double[] {4, 6}), CvPoint.of(1, 0.5, new double[] {2, 4}),
                CvPoint.of(10, 0.5, new double[] {3, 5}));
        // Best: lambda 1, mean 3, std sqrt(2), standard error 1: the limit is 4, and lambda 10 (mean 4) is chosen.
        CrossValidationResult cv = CrossValidationResult.select(points, 2, true);
        assertEquals(10, cv.chosenPoint().lambda());
        XYChart chart = TuneGrid.chart(cv);
        XYSeries limit = chart.getSeriesMap().get("one-SE limit");
        assertArrayEquals(new double[] {0.1, 10}, limit.getXData());
        assertArrayEquals(new double[] {4, 4}, limit.getYData(), 1e-12);
        assertEquals(null, TuneGrid.chart(CrossValidationResult.select(points, 2, false)).getSeriesMap()
                .get("one-SE limit"));
    }
}
