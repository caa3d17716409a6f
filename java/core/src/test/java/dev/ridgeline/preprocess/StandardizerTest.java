package dev.ridgeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.model.LinearModel;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class StandardizerTest {
    /** Each refused naming what is wrong, where both had been "column 0: mean NaN and scale 1.0 must be finite". */
    @Test
    void aMatrixWithoutRowsOrWithANaNIsNamed() {
        assertEquals("the matrix has no rows to fit the scaling on",
                assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(DenseMatrix.zeros(0, 2)))
                        .getMessage());
        DenseMatrix x = DenseMatrix.of(new double[][] {{1, 2}, {3, Double.NaN}, {5, 6}});
        assertEquals("row 1, column 1: value NaN is not a finite number",
                assertThrows(DataException.class, () -> Standardizer.fit(x)).getMessage());
        assertThrows(DataException.class, () -> Standardizer.fit(x, new float[] {1, 0, 1}));
    }

    @Test
    void populationStandardDeviationAndConstantColumn() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 7}, {3, 7}});
        Standardizer s = Standardizer.fit(x);
        assertEquals(2.0, s.mean(0), 0);
        assertEquals(1.0, s.scale(0), 0); // population sd of {1, 3}
        assertEquals(1.0, s.scale(1), 0); // constant column keeps scale 1
        DenseMatrix z = s.transform(x);
        assertEquals(-1f, z.get(0, 0));
        assertEquals(1f, z.get(1, 0));
        assertEquals(0f, z.get(1, 1));
    }

    /** A row of weight w counts as w copies of itself; a row of weight 0 moves neither mean nor spread. */
    @Test
    void weightedStatisticsAreThoseOfTheRowsRepeated() {
        DenseMatrix weighted = DenseMatrix.of(new float[][] {{1, 5}, {4, 5}, {100, -3}, {2, 9}});
        float[] w = {2, 1, 0, 3};
        DenseMatrix repeated = DenseMatrix.of(new float[][] {{1, 5}, {1, 5}, {4, 5}, {2, 9}, {2, 9}, {2, 9}});
        Standardizer got = Standardizer.fit(weighted, w);
        Standardizer want = Standardizer.fit(repeated);
        for (int j = 0; j < 2; j++) {
            assertEquals(want.mean(j), got.mean(j), 1e-12);
            assertEquals(want.scale(j), got.scale(j), 1e-12);
        }
        assertEquals(2.0, got.mean(0), 1e-12); // (2 + 4 + 6) / 6: the row of weight 0 (x = 100) does not count
        float[] constantWhereItCounts = {1, 1, 0, 0};
        assertEquals(1.0, Standardizer.fit(DenseMatrix.of(new float[][] {{3}, {3}, {8}, {9}}), constantWhereItCounts)
                .scale(0), 0.0);
    }

    /** Null weights are unit weights, bit for bit; bad weights are refused naming the row. */
    @Test
    void weightsAreCheckedAndNullMeansOneEach() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1.5f, 2}, {3, 7.25f}, {0.1f, 4}});
        assertEquals(Standardizer.fit(x).scale(0), Standardizer.fit(x, null).scale(0), 0.0);
        assertEquals(Standardizer.fit(x).mean(1), Standardizer.fit(x, new float[] {1, 1, 1}).mean(1), 1e-15);
        assertEquals("row 1: weight -1.0 must be a finite number of at least 0", assertThrows(
                IllegalArgumentException.class, () -> Standardizer.fit(x, new float[] {1, -1, 1})).getMessage());
        assertEquals("row 2: weight NaN must be a finite number of at least 0", assertThrows(
                IllegalArgumentException.class, () -> Standardizer.fit(x, new float[] {1, 1, Float.NaN})).getMessage());
        assertEquals("the weights of the 3 rows sum to 0: nothing to scale by", assertThrows(
                IllegalArgumentException.class, () -> Standardizer.fit(x, new float[3])).getMessage());
        assertEquals("2 weights for 3 rows", assertThrows(
                IllegalArgumentException.class, () -> Standardizer.fit(x, new float[2])).getMessage());
    }

    /** A zero, negative or NaN scale, or a mean that is not finite, would turn a column into NaN or infinities. */
    @Test
    void scalesThatCannotDivideAreRefusedNamingTheColumn() {
        double[][] bad = {{0, 0}, {-1, 0}, {Double.NaN, 0}, {Double.POSITIVE_INFINITY, 0}, {1, Double.NaN}};
        for (double[] scaleAndMean : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Standardizer(new double[] {0, scaleAndMean[1]}, new double[] {1, scaleAndMean[0]}));
            assertEquals("column 1: mean " + scaleAndMean[1] + " and scale " + scaleAndMean[0]
                    + " must be finite with scale > 0", e.getMessage());
        }
        assertEquals(1e-310, new Standardizer(new double[] {0}, new double[] {1e-310}).scale(0), 0.0);
    }

    /** A model of numeric inputs (names and their standardiser) needs one mean and scale per name. */
    @Test
    void aStandardiserOfAnotherWidthThanTheNamesIsRefused() {
        Standardizer one = new Standardizer(new double[] {0}, new double[] {1});
        IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(List.of("a", "b"), one, new double[2], 0));
        assertEquals("2 feature names for a standardiser of 1 columns", shorter.getMessage());
        Standardizer two = new Standardizer(new double[] {0, 5}, new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.of(List.of("a"), two));
    }

    /** A column whose population sd is not 1 (the fallback for a constant column) is scaled by it. */
    @Test
    void scalesByThePopulationStandardDeviation() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{2}, {4}, {4}, {4}, {5}, {5}, {7}, {9}});
        Standardizer s = Standardizer.fit(x);
        // mean 40 / 8 = 5; squared deviations 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32, / 8 = 4, sd 2
        assertEquals(5.0, s.mean(0), 1e-15);
        assertEquals(2.0, s.scale(0), 1e-15);
        assertEquals(2f, s.transform(x).get(7, 0), 1e-6f); // (9 - 5) / 2
    }

    /** A row of numbers through a standardiser's pipeline: z = (v - mean) / scale, (3 - 1) / 2 and (10 - 2) / 4. */
    @Test
    void aRowOfNumbersIsScaledByTheStandardiser() {
        Preprocessing p = Preprocessing.of(List.of("a", "b"), new Standardizer(new double[] {1, 2}, new double[] {2, 4}));
        double[] z = new double[2];
        p.encode(new double[] {3, 10}, z);
        assertEquals(1.0, z[0], 1e-15);
        assertEquals(2.0, z[1], 1e-15);
    }

    /** The copy the heap cannot hold is the documented DataException with its size, not a raw OutOfMemoryError. */
    @Test
    void aCopyTheHeapCannotHoldIsADataExceptionWithItsSize() {
        DataException e = assertThrows(DataException.class, () -> Standardizer.allocateCopy(1_000_000, 256,
                1400L << 20, (rows, cols) -> {
                    throw new OutOfMemoryError("Java heap space");
                }));
        assertEquals("scaling the features: the scaled copy of 1,000,000 rows x 256 features takes 976 MiB of"
                + " float32, and the heap (at most 1,400 MiB, X itself in it) has no room for it; give the JVM a"
                + " larger heap (-Xmx), or fit without standardising features already on a common scale",
                e.getMessage());
        // The cause says it was the heap: the command line names the setting for bin/ridgeline from it.
        assertEquals("Java heap space", e.getCause().getMessage());
        assertEquals(3, Standardizer.allocateCopy(3, 2, 1L << 30, DenseMatrix::zeros).rows());
    }

    /** An interrupted thread stops within a block of rows, its status kept; a later call scales every row. */
    @Test
    void anInterruptedScalingStopsWithItsStatusKept() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 2}, {3, 5}, {5, 11}});
        Standardizer s = Standardizer.fit(x);
        Thread.currentThread().interrupt();
        try {
            CancellationException e = assertThrows(CancellationException.class, () -> s.transform(x));
            assertEquals("scaling the features was interrupted", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status must stay set");
        } finally {
            Thread.interrupted();
        }
        assertEquals(3, s.transform(x).rows());
    }

    /**
     * The scaling is done in double and only its result rounded to float32: the column 1e6, 1e6, 1e6 + 1/16 (each a
     * float) has mean 1e6 + 1/48 and population sd (1/16) sqrt(2) / 3, so z = -1/sqrt(2), -1/sqrt(2), sqrt(2). The
     * mean rounded to float32 first is 1e6, a shift of 0.7 sd: z would come out 0, 0 and 2.12.
     */
    @Test
    void aColumnFarFromZeroIsScaledInDouble() {
        float h = 1f / 16;
        DenseMatrix x = DenseMatrix.of(new float[][] {{1e6f}, {1e6f}, {1e6f + h}});
        Standardizer s = Standardizer.fit(x);
        assertEquals(1e6 + 1.0 / 48, s.mean(0), 1e-9);
        assertEquals(Math.sqrt(2) / 48, s.scale(0), 1e-12);
        DenseMatrix z = s.transform(x);
        assertEquals(-1 / Math.sqrt(2), z.get(0, 0), 1e-6);
        assertEquals(-1 / Math.sqrt(2), z.get(1, 0), 1e-6);
        assertEquals(Math.sqrt(2), z.get(2, 0), 1e-6);
    }
}
