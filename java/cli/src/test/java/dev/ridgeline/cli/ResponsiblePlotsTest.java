package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.fairness.BootstrapSettings;
import dev.ridgeline.fairness.FairnessAnalyzer;
import dev.ridgeline.fairness.FairnessReport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

class ResponsiblePlotsTest {
    @Test
    void theGroupPlotShowsRmseAndMaeInTheTargetsUnits() {
        // Group a: residuals 3 and -4 (RMSE sqrt(12.5), MAE 3.5); group b: residual 1 (RMSE 1, MAE 1).
        double[] y = {0, 0, 0};
        double[] p = {3, -4, 1};
        FairnessReport report = FairnessAnalyzer.analyze("g", y, p, new String[] {"a", "a", "b"},
                BootstrapSettings.none());
        CategoryChart chart = ResponsiblePlots.groupsChart(report);
        assertEquals(List.of("RMSE", "MAE"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(List.of("overall", "a (2)", "b (1)"), List.copyOf(chart.getSeriesMap().get("RMSE").getXData()));
        assertEquals(List.of(Math.sqrt(26 / 3.0), Math.sqrt(12.5), 1.0),
                List.copyOf(chart.getSeriesMap().get("RMSE").getYData()));
        assertEquals(List.of(8 / 3.0, 3.5, 1.0), List.copyOf(chart.getSeriesMap().get("MAE").getYData()));
        assertEquals("error (target units)", chart.getYAxisTitle());
    }
}
