package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class BlockExecutorTest {
    @Test
    void everyBlockRunsExactlyOnceOnAValidWorker() {
        try (BlockExecutor executor = new BlockExecutor(3)) {
            for (int count : new int[] {0, 1, 2, 3, 32}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, count));
                executor.run(count, (block, worker) -> {
                    assertTrue(worker >= 0 && worker < 3, "worker " + worker);
                    runs.incrementAndGet(block);
                });
                for (int b = 0; b < count; b++) {
                    assertEquals(1, runs.get(b), "block " + b + " of " + count);
                }
            }
        }
    }

    @Test
    void aFailingBlockFailsTheRun() {
        try (BlockExecutor executor = new BlockExecutor(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> executor.run(8, (block, worker) -> {
                if (block == 5) {
                    throw new IllegalStateException("block 5 failed");
                }
            }));
            assertEquals("block 5 failed", e.getMessage());
            executor.run(4, (block, worker) -> { });
        }
    }

    /**
     * Once close() returns, the workers have ended and hold nothing of the last pass: its data (here a 64 MB
     * array the blocks read, standing for the panels) is collectable at once, and an interrupt is kept.
     */
    @Test
    void closeReturnsWithTheWorkersEndedAndTheirLastTaskReleased() {
        BlockExecutor executor = new BlockExecutor(3);
        WeakReference<float[]> data = runOnce(executor);
        Thread.currentThread().interrupt();
        executor.close();
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)");
        assertTrue(executor.workersEnded(), "workers still running after close()");
        System.gc();
        assertNull(data.get(), "the last pass's data still reachable after close()");
        assertTrue(new BlockExecutor(1).workersEnded(), "one thread: no workers");
    }

    /** One pass whose blocks read a large array; only a weak reference to it leaves this method. */
    private static WeakReference<float[]> runOnce(BlockExecutor executor) {
        float[] big = new float[16 << 20];
        AtomicIntegerArray seen = new AtomicIntegerArray(8);
        executor.run(8, (block, worker) -> seen.set(block, big.length));
        for (int b = 0; b < 8; b++) {
            assertEquals(big.length, seen.get(b));
        }
        return new WeakReference<>(big);
    }
}
