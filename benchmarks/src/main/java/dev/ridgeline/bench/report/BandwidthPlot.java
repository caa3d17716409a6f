package dev.ridgeline.bench.report;

import dev.ridgeline.bench.Shape;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/**
 * bandwidth.png: effective GB/s per shape, one bar per backend and K, the streaming read beside them, each with the
 * JMH error as an error bar (where the series has a result at every shape, and on a linear axis). One hue per kind of
 * run (streaming read grey, scalar light grey, unfused brown, java-vector blue, without its panel copy orange, CUDA
 * green), darker for more models, so bars of one backend read as one family. The y axis turns logarithmic where the
 * shortest bar is under a hundredth of the tallest ({@link #LOG_SPAN}): on a GPU host the CUDA bars (about 1,700
 * GB/s) had squashed the CPU ones (2-70 GB/s) into a few pixels; a CPU-only run (1.3-70 GB/s on 2 cores) keeps the
 * linear axis, on which the ratios to the streaming read are read off.
 */
final class BandwidthPlot {
    /** Tallest over shortest bar from which the y axis is logarithmic: a bar of a hundredth is 5 pixels high. */
    static final double LOG_SPAN = 100;

    private BandwidthPlot() {
    }

    static void write(List<Measurement> all, Path png) throws IOException {
        String base = png.toString();
        String withoutExtension = base.endsWith(".png") ? base.substring(0, base.length() - 4) : base;
        BitmapEncoder.saveBitmap(chart(all), withoutExtension, BitmapEncoder.BitmapFormat.PNG);
    }

    static CategoryChart chart(List<Measurement> all) {
        List<String> shapes = new ArrayList<>();
        Map<String, Map<String, Measurement>> series = new LinkedHashMap<>();
        for (Measurement m : Measurement.inReportOrder(all)) {
            if (!m.isEpoch()) {
                continue;
            }
            if (!shapes.contains(m.shape())) {
                shapes.add(m.shape());
            }
            series.computeIfAbsent(m.series(), s -> new LinkedHashMap<>()).put(m.shape(), m);
        }
        List<String> labels = shapes.stream().map(BandwidthPlot::label).toList();
        boolean logarithmic = tallestBar(series) >= LOG_SPAN * shortestBar(series);
        CategoryChart chart = new CategoryChartBuilder().width(1200).height(600)
                .title("Effective bandwidth of one epoch (bytes of X / epoch time)")
                .xAxisTitle("shape (m x n)").yAxisTitle(logarithmic ? "GB/s (log scale)" : "GB/s").build();
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        if (logarithmic) {
            // Bars start at the axis minimum, which XChart takes as 0 (refused on a log axis) unless given: the power
            // of ten at or below a third of the shortest bar, so that bar spans half a decade or more.
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(shortestBar(series) / 3))));
        }
        chart.getStyler().setAvailableSpaceFill(0.9);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setErrorBarsColor(Color.BLACK);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (Map.Entry<String, Map<String, Measurement>> e : series.entrySet()) {
            List<Double> values = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            Measurement any = null;
            for (String shape : shapes) {
                // A missing result is left out (null), not drawn as 0 GB/s.
                Measurement m = e.getValue().get(shape);
                values.add(m == null ? null : m.gigabytesPerSecond());
                errors.add(m == null ? null : errorGigabytesPerSecond(m));
                any = m == null ? any : m;
            }
            // XChart's error bars need every value: a series with a missing result is drawn without them. On a log
            // axis XChart (3.8.8) draws them at the wrong length (1.41 +- 0.07 GB/s from under 1 to 20), so none there.
            CategorySeries bars = values.contains(null) || logarithmic ? chart.addSeries(e.getKey(), labels, values)
                    : chart.addSeries(e.getKey(), labels, values, errors);
            bars.setFillColor(color(any));
        }
        return chart;
    }

    /** The tallest bar's GB/s; 0 without bars. */
    private static double tallestBar(Map<String, Map<String, Measurement>> series) {
        return bars(series).max().orElse(0);
    }

    /** The shortest bar's GB/s (of those above 0); infinite without bars. */
    private static double shortestBar(Map<String, Map<String, Measurement>> series) {
        return bars(series).min().orElse(Double.POSITIVE_INFINITY);
    }

    private static DoubleStream bars(Map<String, Map<String, Measurement>> series) {
        return series.values().stream().flatMap(byShape -> byShape.values().stream())
                .mapToDouble(Measurement::gigabytesPerSecond).filter(v -> v > 0 && Double.isFinite(v));
    }

    /** "1,000,000 x 64" for "1000000x64". */
    static String label(String shape) {
        Shape s = Shape.parse(shape);
        return String.format(Locale.ROOT, "%,d x %,d", s.rows(), s.cols());
    }

    /**
     * The half-width of an error bar: the lower side of the bandwidth interval, bytes / t - bytes / (t + dt) =
     * bytes / t * dt / (t + dt), drawn on both sides (XChart's bars are symmetric). The interval's upper side,
     * bytes / (t - dt), is wider, and unbounded when dt >= t; the first-order bytes / t * dt / t drew bars that
     * went below zero there. 0 where JMH gave no error (a single iteration), so no bar is drawn.
     */
    static double errorGigabytesPerSecond(Measurement m) {
        double relative = m.errorMillis() / (m.epochMillis() + m.errorMillis());
        return Double.isFinite(relative) && relative > 0 ? m.gigabytesPerSecond() * relative : 0;
    }

    /** The bar colour of a measurement: its kind's hue, darker with more models (K = 1, 8, 32, ...). */
    static Color color(Measurement m) {
        Color hue = switch (m.kind()) {
            case Measurement.STREAM -> new Color(0x55, 0x55, 0x55);
            case Measurement.SCALAR -> new Color(0xB0, 0xB0, 0xB0);
            case Measurement.UNFUSED -> new Color(0x9C, 0x75, 0x5F);
            case Measurement.VECTOR_ROWS -> new Color(0xF2, 0x8E, 0x2B);
            case Measurement.CUDA -> new Color(0x59, 0xA1, 0x4F);
            default -> new Color(0x4E, 0x79, 0xA7);
        };
        // Each doubling of K beyond one darkens by 8 %, at most to 40 % of the hue.
        double shade = Math.max(0.4, 1 - 0.08 * (Math.log(Math.max(1, m.models())) / Math.log(2)));
        return new Color((int) (hue.getRed() * shade), (int) (hue.getGreen() * shade), (int) (hue.getBlue() * shade));
    }
}
