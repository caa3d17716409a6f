package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.RandomProblems;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Passes of the row kernel with block gradients, taken whatever the lanes (the backend takes them with 16
 * float lanes only, so this is where 8 and 4 lanes run them), against plain double sums: a long pass whose
 * float sums go into the outer level more than 16 times (1,300 rows: they reach double after 16 carries and
 * again at the end), then a loss-only pass, a mini-batch (rows in a shuffled order: four-row gradients, as
 * the kernel takes for every mini-batch) and a short pass on the same scratch, each of which must start from
 * clean sums. Shapes: eight models at a time, then one (K = 9), eight, four and one (K = 13), four (K = 4) and eight
 * (K = 8); rows ending in an odd number of vectors of 16, 8 and 4 lanes and 15, 7 or 3 features (1,055), in a
 * lone vector of 16 (1,040), in 7 features (1,031).
 */
class BlockGradientPassTest {
    private static final int PAD = WorkerPadding.PAD;

    @ParameterizedTest(name = "{0} x {1}, K = {2}")
    @CsvSource({"1300, 1055, 9", "1100, 1055, 13", "301, 1040, 8", "203, 1031, 4"})
    void passesMatchDoubleSumsAndLeaveTheScratchClean(int rows, int n, int models) {
        Problem p = RandomProblems.batch(rows, n, models, 61);
        float[] theta = new float[WorkerPadding.padded(models * n)];
        SplittableRandom rng = new SplittableRandom(62);
        for (int i = PAD; i < PAD + models * n; i++) {
            theta[i] = (float) (rng.nextDouble(-0.05, 0.05));
        }
        double[] bias = new double[models];
        for (int k = 0; k < models; k++) {
            bias[k] = 0.1 * k - 0.3;
        }
        FusedPassKernel kernel = new FusedPassKernel(p, true);
        RowScratch scratch = new RowScratch(models, n, true);
        double[] partial = new double[models * (n + 3)];

        kernel.accumulate(null, 0, 0, rows, theta, bias, true, scratch, partial);
        assertClose(models, reference(p, theta, bias, range(0, rows), true), partial, "the whole pass");

        kernel.accumulate(null, 0, 0, rows, theta, bias, false, scratch, partial);
        assertClose(models, reference(p, theta, bias, range(0, rows), false), partial, "a loss-only pass");

        int[] order = VectorBackendConformanceTest.shuffled(rows, 63);
        kernel.accumulate(order, 7, 0, 90, theta, bias, true, scratch, partial);
        assertClose(models, reference(p, theta, bias, Arrays.copyOfRange(order, 7, 97), true), partial,
                "a mini-batch (four-row gradients)");

        kernel.accumulate(null, 0, 101, 140, theta, bias, true, scratch, partial);
        assertClose(models, reference(p, theta, bias, range(101, 140), true), partial, "a short pass after them");
    }

    private static int[] range(int from, int to) {
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return rows;
    }

    /**
     * Per model k at k (n + 3): sum w r x_j (j < n), sum w r, sum w r^2, sum w over the given rows, in
     * double; the gradient sums left at 0 when {@code withGradient} is false, as the kernel leaves them.
     */
    private static double[] reference(Problem p, float[] theta, double[] bias, int[] rows, boolean withGradient) {
        int n = p.features();
        int stride = n + 3;
        DenseMatrix x = p.x();
        double[] out = new double[p.models() * stride];
        for (int k = 0; k < p.models(); k++) {
            float[] y = p.target(k);
            float[] w = p.weights(k);
            for (int i : rows) {
                float[] a = x.rowArray(i);
                int o = x.rowOffset(i);
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += (double) a[o + j] * theta[PAD + k * n + j];
                }
                double r = dot + bias[k] - y[i];
                double wi = w == null ? 1.0 : w[i];
                if (withGradient) {
                    for (int j = 0; j < n; j++) {
                        out[k * stride + j] += wi * r * a[o + j];
                    }
                }
                out[k * stride + n] += wi * r;
                out[k * stride + n + 1] += wi * r * r;
                out[k * stride + n + 2] += wi;
            }
        }
        return out;
    }

    /** Every sum within 2e-5 of the largest magnitude of its kind (gradient sums, then each loss sum). */
    private static void assertClose(int models, double[] expected, double[] actual, String what) {
        int stride = expected.length / models;
        int n = stride - 3;
        double gradientScale = 0;
        double[] lossScale = new double[3];
        for (int k = 0; k < models; k++) {
            for (int j = 0; j < n; j++) {
                gradientScale = Math.max(gradientScale, Math.abs(expected[k * stride + j]));
            }
            for (int c = 0; c < 3; c++) {
                lossScale[c] = Math.max(lossScale[c], Math.abs(expected[k * stride + n + c]));
            }
        }
        for (int k = 0; k < models; k++) {
            for (int e = 0; e < stride; e++) {
                double scale = e < n ? gradientScale : lossScale[e - n];
                assertEquals(expected[k * stride + e], actual[k * stride + e], 2e-5 * Math.max(scale, 1e-12),
                        what + ": model " + k + ", sum " + e);
            }
        }
    }
}
