package dev.ridgeline.engine.java;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The task queue of {@link BlockExecutor}'s helper threads: a helper waiting for the next pass polls for
 * up to {@link #SPIN_NANOS} before it parks (unless other problems' threads need the processors). Training
 * runs its passes back to back, so a helper that spins is there when the next pass is handed out; a parked
 * one has to be woken first, which took tens of microseconds on the hosts measured, about as long as a whole
 * pass over a small problem, and the calling thread had often run every block alone by the time the helper
 * started (benchmarks/README.md, "Waking the helpers").
 */
final class SpinningTaskQueue extends LinkedBlockingQueue<Runnable> {
    /**
     * How long a waiting thread polls before it parks: longer than the gap between two passes of a training
     * run, short enough that the threads of a finished run go quiet at once.
     */
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private static final long serialVersionUID = 1L;

    /** Whether to spin now: not while other problems' threads need the processors ({@link SpinBudget}). */
    private final transient BooleanSupplier maySpin;

    /** A queue whose takes always spin first. */
    SpinningTaskQueue() {
        this(() -> true);
    }

    /** A queue whose takes spin first while {@code maySpin} says so, else park at once. */
    SpinningTaskQueue(BooleanSupplier maySpin) {
        this.maySpin = maySpin;
    }

    /**
     * The next task: polled for up to {@link #SPIN_NANOS}, then waited for as {@link LinkedBlockingQueue#take}
     * waits. An interrupt (the pool shutting down) ends the spin at once, as it ends a parked take.
     */
    @Override
    public Runnable take() throws InterruptedException {
        if (!maySpin.getAsBoolean()) {
            return super.take();
        }
        long start = System.nanoTime();
        do {
            Runnable task = poll();
            if (task != null) {
                return task;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - start < SPIN_NANOS);
        return super.take();
    }
}
