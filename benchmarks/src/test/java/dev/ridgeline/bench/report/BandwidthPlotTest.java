package dev.ridgeline.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;
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
