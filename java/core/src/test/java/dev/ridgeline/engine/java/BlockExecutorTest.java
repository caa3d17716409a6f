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
     * An Error on one thread (an OutOfMemoryError while copying X) ends the run only once every helper's blocks
     * are done, and is the Error thrown: the caller had returned at once while a helper still ran the blocks of
     * a pass given up, and a helper's Error had been thrown before the other helpers were awaited.
     */
    @Test
    void anErrorEndsTheRunOnlyAfterEveryOtherBlock() {
        for (boolean onCaller : new boolean[] {true, false}) {
            try (BlockExecutor executor = new BlockExecutor(3)) {
                // Each block sleeps 200 ms unless it fails, so every worker takes a block; the failing ones wait
                // until two blocks have begun, so that others are under way when they fail.
                java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(2);
                AtomicIntegerArray ended = new AtomicIntegerArray(3);
                AssertionError e = assertThrows(AssertionError.class, () -> executor.run(3, (block, worker) -> {
                    started.countDown();
                    if ((worker == 0) == onCaller) {
                        awaitQuietly(started);
                        ended.set(block, 1);
                        throw new AssertionError("a block failed on worker " + worker);
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    ended.set(block, 1);
                }));
                assertTrue(e.getMessage().startsWith("a block failed on worker " + (onCaller ? "0" : "")),
                        e.getMessage());
                for (int b = 0; b < 3; b++) {
                    assertEquals(1, ended.get(b), "block " + b + " had not ended when the run did (on caller: "
                            + onCaller + ")");
                }
            }
        }
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
