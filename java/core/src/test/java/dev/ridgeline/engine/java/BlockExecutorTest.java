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
     * An Error on one thread (an OutOfMemoryError while copying X) ends the run only once every other block is
     * done, and is the Error thrown, with a second failure suppressed in it: the caller had returned at once
     * on its own Error while the helpers still ran, and thrown a helper's Error before awaiting the next helper.
     * Each of the three workers holds one block (every block waits until three have begun); the failing one
     * throws at once, the caller's other block takes 100 ms and a helper's 500 ms.
     */
    @Test
    void anErrorEndsTheRunOnlyAfterEveryOtherBlock() {
        for (int failing : new int[] {0, 1}) {
            try (BlockExecutor executor = new BlockExecutor(3)) {
                java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(3);
                AtomicIntegerArray ended = new AtomicIntegerArray(3);
                AssertionError e = assertThrows(AssertionError.class, () -> executor.run(3, (block, worker) -> {
                    started.countDown();
                    awaitQuietly(started);
                    if (worker == failing) {
                        ended.set(block, 1);
                        throw new AssertionError("worker " + worker + " failed");
                    }
                    try {
                        Thread.sleep(worker == 0 ? 100 : 500);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    ended.set(block, 1);
                }));
                assertEquals("worker " + failing + " failed", e.getMessage());
                for (int b = 0; b < 3; b++) {
                    assertEquals(1, ended.get(b), "block " + b + " had not ended when the run did (failing worker "
                            + failing + ")");
                }
            }
        }
        // Two failures: the first thrown, the other suppressed in it.
        try (BlockExecutor executor = new BlockExecutor(2)) {
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(2);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> executor.run(2, (b, w) -> {
                started.countDown();
                awaitQuietly(started);
                throw new IllegalStateException("worker " + w);
            }));
            assertEquals("worker 0", e.getMessage());
            assertEquals(1, e.getSuppressed().length);
            assertEquals("worker 1", e.getSuppressed()[0].getMessage());
        }
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, java.util.concurrent.TimeUnit.SECONDS), "the blocks did not all begin");
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
