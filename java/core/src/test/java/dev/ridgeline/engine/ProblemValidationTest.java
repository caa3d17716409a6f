package dev.ridgeline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void aNonFiniteTargetIsRefusedWithItsModelAndRow() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1}, {2}, {3}});
        DataException e = assertThrows(DataException.class, () -> Problem.builder(x).model(new float[] {1, 2, 3}, null, 1)
                .model(new float[] {1, Float.POSITIVE_INFINITY, 3}, null, 1).build());
        assertEquals("model 1, row 1: target Infinity is not a finite number", e.getMessage());
    }
}
