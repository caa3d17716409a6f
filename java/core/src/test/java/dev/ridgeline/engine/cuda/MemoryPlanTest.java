package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryPlanTest {
    @Test
    void countsEveryBuffer() {
        MemoryPlan p = MemoryPlan.forBind(1000, 10, 2, 1, 1, 4, false);
        long params = 2 * 11;
        long expected = 1000 * 10 * 4 + 1000 * 4 + 1000 * 4 + params * 28 + 2 * 2 * 2 * 8 + 4 * params * 4 + 4 * 2 * 4
                + 1000 * 4;
        assertEquals(expected, p.totalBytes());
        long wide = MemoryPlan.forBind(1000, 10, 2, 1, 1, 4, true).totalBytes();
        assertEquals(expected + 2 * 1000 * 4, wide);
    }

    @Test
    void refusesDataLargerThanFreeMemoryWithTheSizes() {
        MemoryPlan p = MemoryPlan.forBind(100_000_000, 64, 1, 1, 0, 264, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.checkFits(8L << 30, "Test GPU"));
        assertTrue(e.getMessage().contains("X 23.84 GiB"), e.getMessage());
        assertTrue(e.getMessage().contains("Test GPU has only 8.00 GiB free"), e.getMessage());
    }

    @Test
    void acceptsWhatFitsWithTheReserve() {
        MemoryPlan p = MemoryPlan.forBind(1000, 10, 1, 1, 0, 1, false);
        p.checkFits(p.totalBytes() + MemoryPlan.RESERVE_BYTES, "Test GPU");
        assertThrows(IllegalArgumentException.class,
                () -> p.checkFits(p.totalBytes() + MemoryPlan.RESERVE_BYTES - 1, "Test GPU"));
    }
}
