package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.engine.RowBatch;
import org.junit.jupiter.api.Test;

/** The batch check the CUDA steps run before uploading a batch's rows (no GPU needed). */
class CudaBatchSizeTest {
    @Test
    void aBatchOfMorePositionsThanRowsIsRefusedByName() {
        int[] order = {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5};
        CudaBoundProblem.requireBatchFits(new RowBatch(order, 0, 6), 6);
        CudaBoundProblem.requireBatchFits(new RowBatch(order, 3, 9), 6);  // repeats within m positions: fine
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CudaBoundProblem.requireBatchFits(new RowBatch(order, 0, 12), 6));
        assertEquals("a batch of 12 positions over 6 rows: the cuda backend takes at most as many positions as rows"
                + " (java-scalar and java-vector take a batch that repeats rows beyond that)", e.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> CudaBoundProblem.requireBatchFits(new RowBatch(new int[] {0, 6}, 0, 2), 6));
        assertEquals("batch row order[1] = 6 is outside 0..5 (6 rows)", outside.getMessage());
    }
}
