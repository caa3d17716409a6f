package dev.ridgeline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A short last batch scales its sums as a batch of the planned size: its share of a step, not a full one. */
class RowBatchPlannedSizeTest {
    @Test
    void theShortLastBatchIsScaledAsAPlannedOne() {
        int[] order = new int[442];
        RowBatch full = new RowBatch(order, 0, 63, 63);
        RowBatch last = new RowBatch(order, 441, 442, 63);
        assertEquals(442 / (63.0 * 442), full.dataScale(442, 442), 0);
        assertEquals(full.dataScale(442, 442), last.dataScale(442, 442), 0, "the same scale per row");
        assertEquals(1, last.size());
        assertEquals(1 / 1.0, new RowBatch(order, 441, 442).dataScale(442, 442), 0, "its own size when planned so");
        assertEquals(0.0, new RowBatch(order, 5, 5, 63).dataScale(442, 442), 0, "no rows, no sums");
        assertThrows(IllegalArgumentException.class, () -> new RowBatch(order, 0, 64, 63));
    }
}
