package dev.ridgeline.engine.java;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the blocks of a pass on a fixed number of worker threads. Workers take blocks in any order, but
 * each block writes only its own partial, so the result never depends on which worker ran which block.
 * Between passes the helpers poll for the next one before they park ({@link SpinningTaskQueue}).
 */
final class BlockExecutor implements AutoCloseable {
    /** The work of one block, run by worker {@code worker} (0 .. threads - 1) with that worker's scratch. */
    interface BlockTask {
        void run(int block, int worker);
    }

    private final int threads;
    /**
     * Whether waiting threads spin before they park ({@link SpinningTaskQueue}): only while there are no
     * more threads than processors, since a spinning thread holds its processor from the ones still working.
     */
    private final boolean spins;
    private final ExecutorService pool;
    /** Whether this executor's threads are still counted in the {@link SpinBudget}: until the first close. */
    private final AtomicBoolean counted;

    BlockExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.spins = threads <= Runtime.getRuntime().availableProcessors();
        this.pool = threads == 1 ? null : new ThreadPoolExecutor(threads - 1, threads - 1, 0L, TimeUnit.MILLISECONDS,
                spins ? new SpinningTaskQueue(SpinBudget::roomToSpin) : new LinkedBlockingQueue<>(), runnable -> {
                    Thread t = new Thread(runnable, "ridgeline-vector-worker");
                    t.setDaemon(true);
                    return t;
                });
        this.counted = new AtomicBoolean(spins && pool != null);
        if (counted.get()) {
            SpinBudget.open(threads);
        }
    }

    int threads() {
        return threads;
    }

    /** Whether waiting threads spin before they park. */
    boolean spins() {
        return spins;
    }

    /** Runs blocks 0 .. count - 1; the calling thread works too, as worker 0. */
    void run(int count, BlockTask task) {
        int workers = Math.min(threads, count);
        if (workers <= 1) {
            for (int b = 0; b < count; b++) {
                task.run(b, 0);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> helpers = new ArrayList<>(workers - 1);
        // Every helper started is awaited whatever fails, an Error too (an OutOfMemoryError on this thread had
        // returned while helpers still ran the blocks of a pass the caller had given up); the first failure is
        // thrown, later ones suppressed in it.
        Throwable failure = null;
        for (int w = 1; w < workers; w++) {
            int worker = w;
            try {
                helpers.add(pool.submit(() -> drain(next, count, task, worker)));
            } catch (RejectedExecutionException closedMeanwhile) {
                // close() from another thread: the blocks no helper takes, the calling thread runs; the
                // problem's next operation then reports it closed.
                break;
            } catch (Error startFailed) {
                // A worker thread that could not start ("unable to create native thread"): the helpers started
                // take the blocks, and are awaited before it is thrown.
                failure = startFailed;
                break;
            }
        }
        if (failure == null) {
            try {
                drain(next, count, task, 0);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }
        boolean spinNow = spins && SpinBudget.roomToSpin();
        for (Future<?> f : helpers) {
            if (spinNow) {
                awaitSpinning(f);
            }
            failure = await(f, failure);
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
    }

    private static void drain(AtomicInteger next, int count, BlockTask task, int worker) {
        for (int b = next.getAndIncrement(); b < count; b = next.getAndIncrement()) {
            task.run(b, worker);
        }
    }

    /**
     * Polls a helper's result for up to {@link SpinningTaskQueue#SPIN_NANOS}: a helper that started late
     * ends its last block moments after the calling thread, and a parked caller would have to be woken.
     */
    private static void awaitSpinning(Future<?> f) {
        long start = System.nanoTime();
        while (!f.isDone() && System.nanoTime() - start < SpinningTaskQueue.SPIN_NANOS) {
            Thread.onSpinWait();
        }
    }

    /**
     * Waits for a helper's blocks, through interrupts: a pass is milliseconds long, and returning while a
     * helper still writes its worker's scratch would let the next pass race it. An interrupt that arrives
     * meanwhile is kept in the thread's status for the caller (the trainer stops at its next loss read).
     * Returns the first failure: {@code failure} if there was one (the helper's suppressed in it), else the
     * helper's (an Error as it is, a checked cause wrapped), else null.
     */
    private static Throwable await(Future<?> f, Throwable failure) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return failure;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (failure != null) {
                if (cause != failure) {
                    failure.addSuppressed(cause);
                }
                return failure;
            }
            return cause instanceof Error || cause instanceof RuntimeException ? cause
                    : new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops the workers once their queued blocks are done (idle ones at once): dropping queued blocks, as
     * shutdownNow did, left a pass under way on another thread waiting for them forever. Then waits, up to
     * {@link #CLOSE_WAIT_MILLIS}, for them to end: a pass's caller returns as soon as each helper's result is
     * set, a moment before the helper lets go of its task, and through it of the pass's data (the panels, as
     * large as X), so a collection right after close() could still find 256 MB reachable.
     */
    @Override
    public void close() {
        if (pool == null) {
            return;
        }
        if (counted.getAndSet(false)) {
            SpinBudget.close(threads);
        }
        pool.shutdown();
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        try {
            while (!pool.isTerminated()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;  // a pass under way on another thread finishes its blocks after we return
                }
                try {
                    pool.awaitTermination(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;  // kept for the caller, as a pass keeps it
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The longest close() waits for the workers to end; idle ones end within microseconds. */
    static final long CLOSE_WAIT_MILLIS = 1_000;

    /** True once every worker has ended (always, with one thread: there are none). */
    boolean workersEnded() {
        return pool == null || pool.isTerminated();
    }
}
