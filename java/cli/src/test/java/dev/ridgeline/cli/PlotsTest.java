package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

class PlotsTest {
    @Test
    void aCurveWithOverflowedValuesIsDrawnFromItsFinitePoints() {
        double[][] loss = {{0, 1, 2, 3}, {5, Double.POSITIVE_INFINITY, Double.NaN, 2}};
        assertArrayEquals(new double[][] {{0, 3}, {5, 2}}, Plots.finitePoints(loss));
        byte[] png = Plots.curves("loss", "epoch", "loss", List.of("train"), List.<double[][]>of(loss));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    }

    @Test
    void epochsOneApartGetAnUndrawnPointThatMakesTheXValuesUneven() {
        double[][] loss = {{0, 1, 2, 3}, {9, 5, 4, 3.5}};
        XYChart chart = Plots.curvesChart("loss", "epoch", "loss", List.of("train"), List.<double[][]>of(loss));
        XYSeries spacer = chart.getSeriesMap().get(Plots.SPACER);
        assertArrayEquals(new double[] {0.5}, spacer.getXData());
        assertArrayEquals(new double[] {9}, spacer.getYData());
        assertFalse(spacer.isShowInLegend());
        assertEquals(SeriesMarkers.NONE, spacer.getMarker());
        assertArrayEquals(loss[0], chart.getSeriesMap().get("train").getXData());
    }

    @Test
    void onlyTheLargestBarsAreShownAndTheTitleSaysSo() {
        List<String> names = IntStream.range(0, 50).mapToObj(i -> "feature_with_a_rather_long_name_" + i).toList();
        double[] values = IntStream.range(0, 50).mapToDouble(i -> i % 2 == 0 ? i : -i).toArray();
        CategoryChart chart = Plots.barsChart("Coefficients", "coefficient", names, values);
        assertEquals("Coefficients, the 40 largest of 50", chart.getTitle());
        List<?> labels = List.copyOf(chart.getSeriesMap().get("coefficient").getXData());
        // Features 10..49 in their order, shortened in the middle.
        assertEquals(40, labels.size());
        assertEquals("feature_with\u2026ong_name_10", labels.get(0));
        assertEquals(90, chart.getStyler().getXAxisLabelRotation());
        assertEquals("Coefficients", Plots.barsChart("Coefficients", "c", names.subList(0, 3), new double[3]).getTitle());
    }
}
