package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SpinningTaskQueueTest {
    @Test
    void takeReturnsATaskAlreadyQueued() throws InterruptedException {
        SpinningTaskQueue queue = new SpinningTaskQueue();
        Runnable task = () -> { };
        queue.offer(task);
        assertSame(task, queue.take());
    }

    /** A waiting thread parks once the spin is over, and a task offered then still reaches it. */
    @Test
    void takeWaitsPastTheSpinForALaterTask() throws Exception {
        SpinningTaskQueue queue = new SpinningTaskQueue();
        AtomicReference<Runnable> taken = new AtomicReference<>();
        Thread taker = new Thread(() -> {
            try {
                taken.set(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        taker.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (taker.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertSame(Thread.State.WAITING, taker.getState(), "the waiting thread never stopped spinning");
        Runnable task = () -> { };
        queue.offer(task);
        taker.join(10_000);
        assertFalse(taker.isAlive(), "take() never returned");
        assertSame(task, taken.get());
    }

    @Test
    void anInterruptEndsTheSpin() {
        SpinningTaskQueue queue = new SpinningTaskQueue();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, queue::take);
        assertFalse(Thread.interrupted(), "the interrupt is consumed by the exception, as take() does");
    }

    /** Shutting the pool down ends its idle helpers, both one still spinning and one parked. */
    @Test
    void shutdownEndsSpinningAndParkedHelpers() throws InterruptedException {
        for (long idleMillis : new long[] {0, TimeUnit.NANOSECONDS.toMillis(SpinningTaskQueue.SPIN_NANOS) + 50}) {
            ExecutorService pool = new ThreadPoolExecutor(2, 2, 0L, TimeUnit.MILLISECONDS, new SpinningTaskQueue());
            CountDownLatch ran = new CountDownLatch(2);
            pool.submit(ran::countDown);
            pool.submit(ran::countDown);
            assertTrue(ran.await(10, TimeUnit.SECONDS), "the tasks never ran");
            Thread.sleep(idleMillis);
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "helpers still running " + idleMillis + " ms idle");
        }
    }

    /** More threads than processors: a spinning helper would hold a processor a working one needs. */
    @Test
    void anExecutorSpinsOnlyWithinTheProcessorCount() {
        int processors = Runtime.getRuntime().availableProcessors();
        try (BlockExecutor within = new BlockExecutor(processors); BlockExecutor beyond = new BlockExecutor(processors + 1)) {
            assertTrue(within.spins(), processors + " threads on " + processors + " processors");
            assertFalse(beyond.spins(), (processors + 1) + " threads on " + processors + " processors");
        }
    }
}
