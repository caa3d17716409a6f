package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.RandomProblems;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemoryPlanTest {
    @Test
    void countsEveryBuffer() {
        MemoryPlan p = MemoryPlan.forBind(1000, 10, 2, 1, 1, 4, 5, false);
        long params = 2 * 11;
        long expected = 1000 * 10 * 4 + 1000 * 4 + 1000 * 4 + params * 28 + 2 * 2 * 2 * 8 + 4 * params * 4 + 5 * 2 * 4
                + 2 * 48 + 4 + 2 * KernelGeometry.reduceGridX(10) * 16 + 1000 * 4;
        assertEquals(expected, p.totalBytes());
        long wide = MemoryPlan.forBind(1000, 10, 2, 1, 1, 4, 5, true).totalBytes();
        assertEquals(expected + 2 * 1000 * 4, wide);
    }

    /**
     * The plan counts exactly what a bind allocates, on either path: it had left out the norm partials and the
     * per-model settings (132 MB at K = 65,535 and n = 32,000, past the reserve), so a bind it passed could fail
     * in cuMemAlloc instead of with its sizes.
     */
    @ParameterizedTest(name = "{0}x{1} K={2}")
    @CsvSource({"1000,64,1", "1000,64,9", "300,1000,8", "300,5000,3", "7,3,2"})
    void thePlanIsWhatTheBindAllocates(int m, int n, int k) {
        Problem p = RandomProblems.batch(m, n, k, 3);
        LaunchPlan plan = new LaunchPlan(m, n, k, 132, 227 * 1024, 2);
        ColumnTable ys = new ColumnTable(columns(p, true));
        ColumnTable ws = new ColumnTable(columns(p, false));
        List<Long> allocated = new ArrayList<>();
        new ResidentBuffers(p, ys, ws, plan, (name, bytes) -> {
            allocated.add(bytes);
            return DeviceBuffer.detached(name, bytes);
        });
        MemoryPlan planned = MemoryPlan.forBind(m, n, k, ys.size(), ws.size(), plan.gradientPartialBlocks(),
                plan.lossPartialBlocks(), !plan.narrow());
        assertEquals(allocated.stream().mapToLong(Long::longValue).sum(), planned.totalBytes());
    }

    /**
     * Gradient partials sized by the slabs the wide gradient writes, not by the wide residuals' 8 blocks a
     * multiprocessor: K = 100, n = 20,000 on 132 multiprocessors had planned 7.9 GiB where 13 slabs (104 MB)
     * are written.
     */
    @Test
    void wideGradientPartialsAreSizedByTheirSlabs() {
        LaunchPlan plan = new LaunchPlan(1_000_000, 20_000, 100, 132, 227 * 1024, 2);
        assertTrue(!plan.narrow());
        assertEquals(8 * 132 / KernelGeometry.wideColumnBlocks(20_000), plan.gradientPartialBlocks());
        assertEquals(8 * 132, plan.lossPartialBlocks());
        MemoryPlan p = MemoryPlan.forBind(1_000_000, 20_000, 100, 1, 0, plan.gradientPartialBlocks(),
                plan.lossPartialBlocks(), true);
        long gradientPartials = (long) plan.gradientPartialBlocks() * 100 * 20_001 * 4;
        assertTrue(gradientPartials < 110_000_000L, "gradient partials " + gradientPartials);
        assertEquals(gradientPartials + 8 * 132 * 100 * 4, p.bytesOf("block partials"));
    }

    @Test
    void refusesDataLargerThanFreeMemoryWithTheSizes() {
        MemoryPlan p = MemoryPlan.forBind(100_000_000, 64, 1, 1, 0, 264, 264, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.checkFits(8L << 30, "Test GPU"));
        assertTrue(e.getMessage().contains("X 23.84 GiB"), e.getMessage());
        assertTrue(e.getMessage().contains("Test GPU has only 8.00 GiB free"), e.getMessage());
    }

    @Test
    void acceptsWhatFitsWithTheReserve() {
        MemoryPlan p = MemoryPlan.forBind(1000, 10, 1, 1, 0, 1, 1, false);
        p.checkFits(p.totalBytes() + MemoryPlan.RESERVE_BYTES, "Test GPU");
        assertThrows(IllegalArgumentException.class,
                () -> p.checkFits(p.totalBytes() + MemoryPlan.RESERVE_BYTES - 1, "Test GPU"));
    }

    private static float[][] columns(Problem p, boolean targets) {
        float[][] out = new float[p.models()][];
        for (int k = 0; k < p.models(); k++) {
            out[k] = targets ? p.target(k) : p.weights(k);
        }
        return out;
    }
}
