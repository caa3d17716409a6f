package dev.ridgeline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots (XChart, rendered headless): every plot is {@link #WIDTH} x {@link #HEIGHT} pixels. */
final class Plots {
    static final int WIDTH = 800;
    static final int HEIGHT = 600;
    /** Bars beyond this many coefficients would be unreadable: the largest in magnitude are kept. */
    static final int MAX_BARS = 40;

    private Plots() {
    }

    /** One or more curves over a shared x axis; y scaled by {@link CurveAxis} (log when positive over a decade). */
    static byte[] curves(String title, String xTitle, String yTitle, List<String> names, List<double[][]> series) {
        return png(curvesChart(title, xTitle, yTitle, names, series));
    }

    static XYChart curvesChart(String title, String xTitle, String yTitle, List<String> names,
            List<double[][]> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < series.size(); s++) {
            // An overflowed or undefined value has no place on an axis (the chart library refuses it).
            double[][] xy = CurveThinning.forDrawing(finitePoints(series.get(s)));
            if (xy[0].length == 0) {
                continue;
            }
            for (double v : xy[1]) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            XYSeries line = chart.addSeries(names.get(s), xy[0], xy[1]);
            line.setMarker(xy[0].length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            if (s == 0) {
                unevenXValues(chart, xy);
            }
        }
        CurveAxis.of(min, max).applyTo(chart.getStyler());
        return chart;
    }

    /** The name of the undrawn point that {@link #unevenXValues} adds. */
    static final String SPACER = " ";

    /**
     * When every x value of a chart is equally spaced (one per epoch), XChart puts its ticks only at data points
     * and packs their labels edge to edge ("12151821"); one undrawn point between the first two x values makes
     * them unequal, and XChart then picks round tick steps (0, 20, 40 or 0, 500, 1,000).
     */
    private static void unevenXValues(XYChart chart, double[][] xy) {
        if (xy[0].length < 2) {
            return;
        }
        XYSeries spacer = chart.addSeries(SPACER, new double[] {(xy[0][0] + xy[0][1]) / 2}, new double[] {xy[1][0]});
        spacer.setMarker(SeriesMarkers.NONE);  // a single point without a marker draws nothing
        spacer.setShowInLegend(false);
    }

    /** The points (x, y) of a series (2 x points) whose coordinates are both finite. */
    static double[][] finitePoints(double[][] xy) {
        int[] keep = IntStream.range(0, xy[0].length)
                .filter(i -> Double.isFinite(xy[0][i]) && Double.isFinite(xy[1][i])).toArray();
        if (keep.length == xy[0].length) {
            return xy;
        }
        return new double[][] {Arrays.stream(keep).mapToDouble(i -> xy[0][i]).toArray(),
            Arrays.stream(keep).mapToDouble(i -> xy[1][i]).toArray()};
    }

    /**
     * A scatter of the points (x, y) named {@code name}, and, when {@code markedName} is not null, the points
     * (mx, my) as a second series under that name, with the reference line y = slope * x across both.
     */
    static byte[] scatter(String title, String xTitle, String yTitle, String name, double[] x, double[] y,
            String markedName, double[] mx, double[] my, double slope) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(5);
        chart.addSeries(name, x, y);
        if (markedName != null && mx.length > 0) {
            chart.addSeries(markedName, mx, my);
        }
        double lo = Math.min(Arrays.stream(x).min().orElse(0), Arrays.stream(mx).min().orElse(Double.POSITIVE_INFINITY));
        double hi = Math.max(Arrays.stream(x).max().orElse(1), Arrays.stream(mx).max().orElse(Double.NEGATIVE_INFINITY));
        XYSeries ref = chart.addSeries(slope == 0 ? "zero" : "y = x", new double[] {lo, hi},
                new double[] {slope * lo, slope * hi});
        ref.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        ref.setMarker(SeriesMarkers.NONE);
        return png(chart);
    }

    /** Bar chart of named values in their order, the {@link #MAX_BARS} largest in magnitude (the title says so). */
    static byte[] bars(String title, String yTitle, List<String> names, double[] values) {
        return png(barsChart(title, yTitle, names, values));
    }

    static CategoryChart barsChart(String title, String yTitle, List<String> names, double[] values) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> -Math.abs(values[i])));
        List<Integer> kept = order.subList(0, Math.min(MAX_BARS, order.size()));
        kept.sort(null);
        List<String> keptNames = new ArrayList<>();
        List<Double> heights = new ArrayList<>();
        for (int i : kept) {
            keptNames.add(names.get(i));
            heights.add(values[i]);
        }
        String shown = kept.size() < values.length ? ", the " + kept.size() + " largest of " + values.length : "";
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title + shown)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(PlotLabels.rotation(kept.size()));
        chart.addSeries("coefficient", PlotLabels.shortenAll(keptNames), heights);
        return chart;
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
