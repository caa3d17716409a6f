package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.fairness.BootstrapSettings;
import dev.ridgeline.fairness.FairnessAnalyzer;
import dev.ridgeline.fairness.FairnessReport;
import dev.ridgeline.preprocess.ScaleKind;
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

    @Test
    void groupNamesWhoseShortFormsCoincideStayWhole() {
        String a = "north_region_AAAA_of_the_east_zone";
        String b = "north_region_BBBB_of_the_east_zone";
        FairnessReport report = FairnessAnalyzer.analyze("g", new double[] {0, 0, 0}, new double[] {1, 2, 3},
                new String[] {a, b, "south_region_with_a_long_name_too"}, BootstrapSettings.none());
        List<?> labels = List.copyOf(ResponsiblePlots.groupsChart(report).getSeriesMap().get("RMSE").getXData());
        assertEquals(List.of("overall", a + " (1)", b + " (1)", "south_region\u2026ng_name_too (1)"), labels);
    }

    @Test
    void theWaterfallFloorIsRoundSoItsTicksAreRound() {
        // Running totals from 151.3 to 224 (span 72.7): 10 % below is 144.03, rounded down to a multiple of 10.
        assertEquals(140, ResponsiblePlots.roundFloor(144.03, 72.7), 1e-12);
        assertEquals(0.02, ResponsiblePlots.roundFloor(0.0213, 0.04), 1e-15);
        assertEquals(-1000, ResponsiblePlots.roundFloor(-970, 5000), 1e-12);
        assertEquals(3.5, ResponsiblePlots.roundFloor(3.5, 0), 0);
    }

    @Test
    void axisLabelsAreShortAndPlain() {
        assertEquals("150", ResponsiblePlots.axisLabel(140 + 10.000000000001));
        assertEquals("0.025", ResponsiblePlots.axisLabel(0.025));
        assertEquals("-1234.57", ResponsiblePlots.axisLabel(-1234.5678));
        assertEquals("0", ResponsiblePlots.axisLabel(0));
        assertEquals("1.50e+08", ResponsiblePlots.axisLabel(1.5e8));
    }

    @Test
    void theImportancePlotShowsTheFortyLargestInOrder() {
        int n = 45;
        List<String> names = java.util.stream.IntStream.range(0, n).mapToObj(i -> "f" + i).toList();
        double[] importance = java.util.stream.IntStream.range(0, n).mapToDouble(i -> i).toArray();
        CoefficientTable table = CoefficientTable.of(names, new double[n], new double[n], importance, 0, 0,
                ScaleKind.ZSCORE);
        CategoryChart chart = ResponsiblePlots.importanceChart(table);
        assertEquals("Global importance: mean |SHAP value| per feature, the 40 largest of 45", chart.getTitle());
        List<?> labels = List.copyOf(chart.getSeriesMap().get("mean |SHAP|").getXData());
        assertEquals(40, labels.size());
        assertEquals("f44", labels.get(0));
        assertEquals("f5", labels.get(39));
    }

    /**
     * A bar whose value is the model's fill for a missing input says so, as the text report does ("missing: the
     * model's fill"): it had read "x1 = 48.60" like an observed value.
     */
    @Test
    void aFilledValueIsLabelledInTheWaterfall() {
        var row = new dev.ridgeline.explain.RowExplanation(List.of("x1", "x2"), new double[] {48.6, 2},
                new double[] {3, -1}, 10, 12);
        CategoryChart chart = ResponsiblePlots.waterfallChart(row, "t", java.util.Set.of("x1"));
        List<?> labels = List.copyOf(chart.getSeriesMap().values().iterator().next().getXData());
        // The first and last bars name their values: the plot alone gives the base value and the prediction.
        assertEquals(List.of("base = 10.00", "x1 = 48.60 (filled)", "x2 = 2.000", "prediction = 12.00"), labels);
    }

    /**
     * A row whose category training never saw holds none of the known ones: each of its column's bars says so and
     * names the label, as the text report ("unseen category 'Paris': none of the known") and the JSON's row.unseen
     * do; the bars had read "city=Oslo = 0.000" like an observed value. A long label is shortened.
     */
    @Test
    void anUnseenCategoryIsLabelledInTheWaterfall() {
        var row = new dev.ridgeline.explain.RowExplanation(List.of("a", "city=Oslo", "city=Bergen"),
                new double[] {1, 0, 0}, new double[] {3, -1, 0.5}, 10, 12.5);
        CategoryChart chart = ResponsiblePlots.waterfallChart(row, "t", java.util.Set.of(),
                java.util.Map.of("city=Oslo", "Paris", "city=Bergen", "Paris"));
        List<?> labels = List.copyOf(chart.getSeriesMap().values().iterator().next().getXData());
        assertEquals(List.of("base = 10.00", "a = 1.000", "city=Oslo = 0.000 (unseen 'Paris')",
                "city=Bergen = 0.000 (unseen 'Paris')", "prediction = 12.50"), labels);
        assertEquals("city=Oslo = 0.000 (unseen 'Saint-Pi\u2026iquelon')", ResponsiblePlots.featureLabel("city=Oslo",
                0, false, "Saint-Pierre-et-Miquelon"));
    }
}
