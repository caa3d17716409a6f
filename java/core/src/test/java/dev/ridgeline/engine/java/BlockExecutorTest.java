package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
