package dev.ridgeline.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

class BandwidthPlotTest {
    private static Measurement m(String kind, String series, String shape, int models, double ms, double error) {
        return new Measurement(kind, series, shape, models, ms, error);
    }

    @Test
    void barsCarryTheJmhErrorAsAnErrorBarInGigabytesPerSecond() {
        // 1000 x 256 floats = 1.024 MB: in 0.1 ms 10.24 GB/s; an error of 0.01 ms takes it down to 1.024 MB / 0.11 ms,
        // so the bar is 10.24 x 0.01 / 0.11 GB/s (the interval's lower side).
        List<Measurement> all = List.of(m(Measurement.STREAM, "streaming read", "1000x256", 1, 0.1, 0.01),
                m(Measurement.STREAM, "streaming read", "2000x64", 1, 0.1, 0.01),
                m(Measurement.VECTOR, "java-vector K=1", "1000x256", 1, 0.2, Double.NaN),
                m(Measurement.VECTOR, "java-vector K=1", "2000x64", 1, 0.1, 0.05));
        CategoryChart chart = BandwidthPlot.chart(all);
        CategorySeries stream = chart.getSeriesMap().get("streaming read");
        assertEquals(List.of("1,000 x 256", "2,000 x 64"), List.copyOf(stream.getXData()));
        assertEquals(10.24, stream.getYData().iterator().next().doubleValue(), 1e-12);
        assertEquals(10.24 * 0.01 / 0.11, stream.getExtraValues().iterator().next().doubleValue(), 1e-12);
        CategorySeries vector = chart.getSeriesMap().get("java-vector K=1");
        // No error from JMH (one iteration): no bar; 2000 x 64 x 4 bytes in 0.1 ms = 5.12 GB/s, at least 5.12 x 0.1 / 0.15.
        List<Double> bars = vector.getExtraValues().stream().map(Number::doubleValue).toList();
        assertEquals(0.0, bars.get(0));
        assertEquals(5.12 / 3, bars.get(1), 1e-12);
        // A series without a result at some shape has no error bars (XChart needs every value for them).
        CategoryChart missing = BandwidthPlot.chart(all.subList(0, 3));
        assertEquals(null, missing.getSeriesMap().get("java-vector K=1").getExtraValues());
    }

    /** An error larger than the time itself (0.324 +- 0.615 ms in a quick run) keeps the bar above zero. */
    @Test
    void aBarNeverReachesBelowZero() {
        Measurement wide = m(Measurement.VECTOR, "java-vector K=8", "1000x256", 8, 0.324, 0.615);
        double bar = BandwidthPlot.errorGigabytesPerSecond(wide);
        assertTrue(bar > 0 && bar < wide.gigabytesPerSecond(), bar + " against " + wide.gigabytesPerSecond());
    }

    /**
     * A GPU host's CUDA bars (1,700 GB/s) beside java-scalar (1.3 GB/s) draw on a log axis; a CPU run's 1.3-69 GB/s
     * (2026-12-07, 2 cores) stays linear.
     */
    @Test
    void theAxisTurnsLogarithmicWhereTheShortestBarIsUnderAHundredthOfTheTallest(@TempDir Path dir) throws IOException {
        // 1000 x 256 floats = 1.024 MB: in 0.788 ms 1.30 GB/s, in 0.0148 ms 69.2 GB/s, in 0.000602 ms 1,701 GB/s.
        Measurement scalar = m(Measurement.SCALAR, "java-scalar K=1", "1000x256", 1, 0.788, 0.01);
        Measurement vector = m(Measurement.VECTOR, "java-vector K=1", "1000x256", 1, 0.0148, 0.001);
        Measurement cuda = m(Measurement.CUDA, "cuda K=1", "1000x256", 1, 0.000602, 0.00001);
        CategoryChart cpu = BandwidthPlot.chart(List.of(scalar, vector));
        assertFalse(cpu.getStyler().isYAxisLogarithmic());
        assertEquals("GB/s", cpu.getYAxisTitle());
        CategoryChart gpu = BandwidthPlot.chart(List.of(scalar, vector, cuda));
        assertTrue(gpu.getStyler().isYAxisLogarithmic());
        assertEquals("GB/s (log scale)", gpu.getYAxisTitle());
        // The bars start at the power of ten below a third of the shortest, java-scalar's 1.30 GB/s; no error bars on
        // a log axis (XChart draws them at the wrong length there).
        assertEquals(0.1, gpu.getStyler().getYAxisMin(), 1e-15);
        assertEquals(null, gpu.getSeriesMap().get("java-scalar K=1").getExtraValues());
        assertEquals(1.024 / 0.788 * 0.01 / 0.798,
                cpu.getSeriesMap().get("java-scalar K=1").getExtraValues().iterator().next().doubleValue(), 1e-12);
        // XChart refuses a log axis whose minimum is 0 only when it draws: draw it.
        Path png = dir.resolve("bandwidth.png");
        BandwidthPlot.write(List.of(scalar, vector, cuda), png);
        assertTrue(Files.size(png) > 0);
        // A span of 90 (1 ms against 1/90 ms) stays linear, 110 does not.
        assertFalse(BandwidthPlot.chart(List.of(m(Measurement.SCALAR, "a", "1000x256", 1, 1, 0.01),
                m(Measurement.VECTOR, "b", "1000x256", 1, 1.0 / 90, 0.001))).getStyler().isYAxisLogarithmic());
        assertTrue(BandwidthPlot.chart(List.of(m(Measurement.SCALAR, "a", "1000x256", 1, 1, 0.01),
                m(Measurement.VECTOR, "b", "1000x256", 1, 1.0 / 110, 0.001))).getStyler().isYAxisLogarithmic());
    }

    @Test
    void aShapeLabelHasThousandsSeparators() {
        assertEquals("1,000,000 x 64", BandwidthPlot.label("1000000x64"));
    }

    @Test
    void kindsHaveTheirOwnHueAndMoreModelsAreDarker() {
        Color vector1 = BandwidthPlot.color(m(Measurement.VECTOR, "java-vector K=1", "1x1", 1, 1, 0));
        Color vector8 = BandwidthPlot.color(m(Measurement.VECTOR, "java-vector K=8", "1x1", 8, 1, 0));
        Color scalar = BandwidthPlot.color(m(Measurement.SCALAR, "java-scalar K=1", "1x1", 1, 1, 0));
        Color rows = BandwidthPlot.color(m(Measurement.VECTOR_ROWS, "java-vector, no panel copy K=1", "1x1", 1, 1, 0));
        assertNotEquals(vector1, scalar);
        assertNotEquals(vector1, rows);
        assertTrue(vector8.getBlue() < vector1.getBlue() && vector8.getRed() < vector1.getRed());
        // K = 8 is three doublings: 76 % of the hue.
        assertEquals((int) (vector1.getBlue() * 0.76), vector8.getBlue());
    }
}
