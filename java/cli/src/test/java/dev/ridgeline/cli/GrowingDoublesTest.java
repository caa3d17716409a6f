package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * predict keeps 8 bytes a row, read back where they are held: one array grown by half again had allocated about
 * three times its values over the run and held 2.5 times at its peak (10,000,000 rows ran out of a 256 MB heap).
 */
class GrowingDoublesTest {
    @Test
    void growingAllocatesTheValuesOnceWithoutCopyingThem() {
        int n = 2_000_000;
        double[][] chunks = new double[n / 10_000][];
        for (int c = 0; c < chunks.length; c++) {
            chunks[c] = new double[10_000];
            java.util.Arrays.fill(chunks[c], c);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        GrowingDoubles held = new GrowingDoubles();
        long before = threads.getThreadAllocatedBytes(id);
        for (double[] chunk : chunks) {
            held.addAll(chunk);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // The values, one block's rounding and the list of blocks: the grown array had allocated 62 MB here.
        long budget = (long) n * Double.BYTES + GrowingDoubles.BLOCK * Double.BYTES + 64 * 1024;
        assertTrue(allocated <= budget, allocated + " bytes allocated to hold " + n + " values, over " + budget);
        assertEquals(n, held.size());
        assertEquals(199.0, held.get(n - 1));
    }

    @Test
    void valuesReadBackInOrderAcrossBlocks() {
        GrowingDoubles held = new GrowingDoubles();
        double[] all = new double[3 * GrowingDoubles.BLOCK + 5];
        for (int i = 0; i < all.length; i++) {
            all[i] = i * 0.5;
        }
        // Pieces that straddle the blocks' ends, and an empty one.
        int[] ends = {1, GrowingDoubles.BLOCK - 1, GrowingDoubles.BLOCK - 1, 2 * GrowingDoubles.BLOCK + 3, all.length};
        int from = 0;
        for (int end : ends) {
            held.addAll(java.util.Arrays.copyOfRange(all, from, end));
            from = end;
        }
        assertEquals(all.length, held.size());
        for (int i = 0; i < all.length; i++) {
            assertEquals(all[i], held.get(i), "value " + i);
        }
        assertArrayEquals(all, held.toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> held.get(all.length));
        held.addAll(new float[] {0.1f});
        assertEquals(0.1f, held.toFloats()[all.length]);
    }
}
