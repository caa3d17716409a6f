package dev.ridgeline.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import org.junit.jupiter.api.Test;

/**
 * A problem refuses NaN and infinities in X and in the targets when it is built: later they would show as a
 * "learning rate too large", a "singular system" or a NaN model, each naming the wrong cause.
 */
class ProblemValidationTest {
    @Test
    void aNonFiniteFeatureIsRefusedWithItsPlace() {
        DenseMatrix x = DenseMatrix.zeros(5, 3, 6);  // chunks of two rows: row 3 lies in the second chunk
        x.set(3, 2, Float.NaN);
        DataException e = assertThrows(DataException.class,
                () -> Problem.builder(x).model(new float[5], null, 1).build());
        assertEquals("row 3, column 2: value NaN is not a finite number", e.getMessage());
        x.set(3, 2, Float.NEGATIVE_INFINITY);
        assertEquals("row 3, column 2: value -Infinity is not a finite number", assertThrows(DataException.class,
                () -> Problem.builder(x).model(new float[5], null, 1).build()).getMessage());
    }

    /**
     * The backends' predict refuses a non-finite value by its place, as build() does: it had returned NaN and
     * Infinity predictions without a word, where LinearModel.predict refuses such input.
     */
    @Test
    void predictRefusesANonFiniteFeatureOnEveryJavaBackend() {
        Problem p = Problem.builder(DenseMatrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}}))
                .model(new float[] {1, 2, 3}, null, 1).build();
        DenseMatrix rows = DenseMatrix.of(new double[][] {{1, 1}, {0, 1}});
        rows.set(1, 0, Float.POSITIVE_INFINITY);
        for (Backend backend : new Backend[] {new dev.ridgeline.engine.java.ScalarBackend(),
            new dev.ridgeline.engine.java.VectorBackend(2)}) {
            try (BoundProblem bound = backend.bind(p)) {
                assertEquals("row 1, column 0: value Infinity is not a finite number",
                        assertThrows(DataException.class, () -> bound.predict(rows)).getMessage(), backend.name());
            }
        }
    }

    /** K x (n + 3) beyond one Java array overflowed the fast backends' int sizes at bind. */
    @Test
    void moreModelsTimesFeaturesThanOneArrayHoldsAreRefusedAtBuild() {
        float[] y = {1};
        Problem.Builder b = Problem.builder(DenseMatrix.zeros(1, 32_768));
        for (int k = 0; k < 65_536; k++) {
            b.model(y, null, 1);  // one shared column: the problem stays small but for its models
        }
        DataException e = assertThrows(DataException.class, b::build);
        assertEquals("65536 models x 32768 features is too many at once: the fast backends pack every model's "
                + "parameters and sums (K x max(n + 3, 64) = 2147680256) in one array, of at most 2147483575; train "
                + "the models in several batches", e.getMessage());
        Problem.Builder fits = Problem.builder(DenseMatrix.zeros(1, 32_764));
        for (int k = 0; k < 65_536; k++) {
            fits.model(y, null, 1);
        }
        assertEquals(65_536, fits.build().models());
    }

    @Test
    void aNonFiniteTargetIsRefusedWithItsModelAndRow() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1}, {2}, {3}});
        DataException e = assertThrows(DataException.class, () -> Problem.builder(x).model(new float[] {1, 2, 3}, null, 1)
                .model(new float[] {1, Float.POSITIVE_INFINITY, 3}, null, 1).build());
        assertEquals("model 1, row 1: target Infinity is not a finite number", e.getMessage());
    }

    /**
     * The builder copies targets and weights: a change to the caller's arrays after build() used to reach the
     * problem unchecked (a NaN target, a negative weight) and left the total weight stale.
     */
    @Test
    void aWeightPastTheLastRowIsRefusedWithOrWithoutAWeightColumn() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1}, {2}, {3}});
        Problem p = Problem.builder(x).model(new float[] {1, 2, 3}, null, 1)
                .model(new float[] {1, 2, 3}, new float[] {1, 2, 3}, 1).build();
        assertEquals(1.0, p.weight(0, 2));
        assertEquals(3.0, p.weight(1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> p.weight(0, 3));  // not a unit weight for row 3
        assertThrows(IndexOutOfBoundsException.class, () -> p.weight(1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> p.weight(0, -1));
    }

    @Test
    void targetsAndWeightsChangedAfterBuildDoNotReachTheProblem() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1}, {2}, {3}});
        float[] y = {1, 2, 3};
        float[] w = {1, 1, 2};
        Problem p = Problem.builder(x).model(y, w, 1).build();
        y[1] = Float.NaN;
        w[0] = -5;
        assertArrayEquals(new float[] {1, 2, 3}, p.target(0));
        assertArrayEquals(new float[] {1, 1, 2}, p.weights(0));
        assertEquals(4.0, p.totalWeight(0));
        assertEquals(1.0, p.weight(0, 0));
    }

    @Test
    void modelsGivenTheSameColumnStillShareItsCopy() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1}, {2}, {3}});
        float[] y = {1, 2, 3};
        float[] w = {1, 0, 2};
        Problem p = Problem.builder(x).model(y, w, 1).model(y, w, 2).model(y, null, 3).build();
        assertNotSame(y, p.target(0));
        assertSame(p.target(0), p.target(1));
        assertSame(p.target(0), p.target(2));
        assertSame(p.weights(0), p.weights(1));
    }
}
