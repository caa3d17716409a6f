package dev.ridgeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Weighted metrics against their definitions: a row of integer weight w counts as w copies of itself (the
 * oracle is the unweighted metrics of the repeated rows), and targets that do not vary leave R^2 and the
 * explained variance undefined (NaN), whatever their value and the weights.
 */
class RegressionMetricsPropertyTest {
    /** Target and prediction in tenths (not exact in binary), and an integer weight. */
    record Row(int targetTenths, int predictionTenths, int weight) {
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<Integer> tenths = Arbitraries.integers().between(-500, 500);
        return Combinators.combine(tenths, tenths, Arbitraries.integers().between(0, 4)).as(Row::new)
                .list().ofMinSize(1).ofMaxSize(30).filter(l -> l.stream().anyMatch(r -> r.weight() > 0));
    }

    @Property(tries = 200, seed = "7")
    void integerWeightsEqualRepeatedRows(@ForAll("rows") List<Row> rows) {
        int m = rows.size();
        double[] y = new double[m];
        double[] p = new double[m];
        float[] w = new float[m];
        List<Double> repeatedY = new ArrayList<>();
        List<Double> repeatedP = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            Row r = rows.get(i);
            y[i] = r.targetTenths() / 10.0;
            p[i] = r.predictionTenths() / 10.0;
            w[i] = r.weight();
            for (int c = 0; c < r.weight(); c++) {
                repeatedY.add(y[i]);
                repeatedP.add(p[i]);
            }
        }
        RegressionMetrics weighted = RegressionMetrics.of(y, p, w);
        RegressionMetrics repeated = RegressionMetrics.of(unbox(repeatedY), unbox(repeatedP), null);
        close(repeated.mse(), weighted.mse(), "MSE");
        close(repeated.mae(), weighted.mae(), "MAE");
        close(repeated.r2(), weighted.r2(), "R2");
        close(repeated.explainedVariance(), weighted.explainedVariance(), "explained variance");
    }

    @Property(tries = 200, seed = "11")
    void constantTargetsHaveNoR2(@ForAll @DoubleRange(min = -1e6, max = 1e6) double target,
            @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = -1e6, max = 1e6) Double> predictions,
            @ForAll @IntRange(min = 0, max = 2) int weighting) {
        int m = predictions.size();
        double[] y = new double[m];
        java.util.Arrays.fill(y, target);
        float[] w = weighting == 0 ? null : new float[m];
        for (int i = 0; w != null && i < m; i++) {
            w[i] = weighting == 1 ? 1 : 0.1f * (1 + i % 7);
        }
        RegressionMetrics r = RegressionMetrics.of(y, unbox(predictions), w);
        assertTrue(Double.isNaN(r.r2()), "R2 of a constant target: " + r.r2());
        assertTrue(Double.isNaN(r.explainedVariance()), "explained variance of a constant target: "
                + r.explainedVariance());
    }

    private static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
            return;
        }
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
