package dev.ridgeline.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** bandwidth.png: effective GB/s per shape, one bar per backend and K, the streaming read beside them. */
final class BandwidthPlot {
    private BandwidthPlot() {
    }

    static void write(List<Measurement> all, Path png) throws IOException {
        List<String> shapes = new ArrayList<>();
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        for (Measurement m : Measurement.inReportOrder(all)) {
            if (!m.isEpoch()) {
                continue;
            }
            if (!shapes.contains(m.shape())) {
                shapes.add(m.shape());
            }
            series.computeIfAbsent(m.series(), s -> new LinkedHashMap<>()).put(m.shape(), m.gigabytesPerSecond());
        }
        CategoryChart chart = new CategoryChartBuilder().width(1200).height(600)
                .title("Effective bandwidth of one epoch (bytes of X / epoch time)")
                .xAxisTitle("shape (m x n)").yAxisTitle("GB/s").build();
        chart.getStyler().setAvailableSpaceFill(0.9);
        chart.getStyler().setOverlapped(false);
        for (Map.Entry<String, Map<String, Double>> e : series.entrySet()) {
            List<Number> values = new ArrayList<>();
            for (String shape : shapes) {
                // A missing result is left out (null), not drawn as 0 GB/s.
                values.add(e.getValue().get(shape));
            }
            chart.addSeries(e.getKey(), shapes, values);
        }
        String base = png.toString();
        String withoutExtension = base.endsWith(".png") ? base.substring(0, base.length() - 4) : base;
        BitmapEncoder.saveBitmap(chart, withoutExtension, BitmapEncoder.BitmapFormat.PNG);
    }
}
