package dev.ridgeline.engine;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One thread at a time inside a bound problem's operations. The problems reuse their scratch buffers on every
 * call, so two threads at once got wrong losses and gradients without an error (4 threads calling loss() on one
 * java-vector problem: 290 of 800 answers wrong, by up to 472x); now a second thread is refused with an {@link
 * IllegalStateException} naming the first, or waits, by what the first is doing:
 *
 * <ul>
 *   <li>inside an <em>update</em> ({@link #call}: a step, new parameters, a DP-SGD sum), another thread is
 *       refused: two threads training one problem would interleave their steps;
 *   <li>inside a <em>read</em> ({@link #read}: parameters, the last pass, the loss, the gradient, predictions,
 *       which change nothing), another thread waits for it to end, so that a thread polling the parameters
 *       during training never makes the training thread fail; while an update waits, a new read by a third
 *       thread is refused rather than let in before it.
 * </ul>
 *
 * A thread may re-enter (steps calls step), and one thread after another is fine. Three atomic operations a
 * call, nothing beside a pass. For the backends' bound problems; not part of the API a caller of the engine uses.
 */
public final class OneThreadAtATime {
    /** Spin-waits before a wait parks the thread between looks, for 20 us at first, doubling up to 1 ms. */
    private static final int SPINS = 1_000;
    private static final long FIRST_PARK_NANOS = 20_000;
    private static final long LONGEST_PARK_NANOS = 1_000_000;

    private record Claim(Thread thread, boolean read) {
    }

    private final String what;
    private final AtomicReference<Claim> inside = new AtomicReference<>();
    /** The first update waiting for a read to end: reads that arrive after it are refused. */
    private final AtomicReference<Thread> waitingUpdate = new AtomicReference<>();

    /** {@code what}: the problem's name in the message ("the java-vector bound problem"). */
    public OneThreadAtATime(String what) {
        this.what = what;
    }

    /** Runs {@code operation}, an update, as the only thread inside. */
    public <T> T call(Supplier<T> operation) {
        return inside(false, operation);
    }

    /** {@link #call} for an update without a result. */
    public void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }

    /** Runs {@code operation}, which reads and changes nothing a later call sees, as the only thread inside. */
    public <T> T read(Supplier<T> operation) {
        return inside(true, operation);
    }

    private <T> T inside(boolean read, Supplier<T> operation) {
        boolean entered = enter(read);
        try {
            return operation.get();
        } finally {
            if (entered) {
                leave();
            }
        }
    }

    /** Claims the problem for this thread's update: true when this call did (false: it already held it). */
    public boolean enter() {
        return enter(false);
    }

    /** Claims the problem for this thread's read: true when this call did (false: it already held it). */
    public boolean enterReading() {
        return enter(true);
    }

    private boolean enter(boolean read) {
        Thread me = Thread.currentThread();
        Claim mine = null;
        boolean queued = false;
        long park = FIRST_PARK_NANOS;
        try {
            for (int looks = 0; ; looks++) {
                Claim holder = inside.get();
                if (holder == null) {
                    Thread update = waitingUpdate.get();
                    if (read && update != null && update != me) {
                        throw inUse(update);
                    }
                    if (mine == null) {
                        mine = new Claim(me, read);
                    }
                    if (inside.compareAndSet(null, mine)) {
                        return true;
                    }
                    continue;
                }
                if (holder.thread() == me) {
                    return false;
                }
                if (!holder.read()) {
                    throw inUse(holder.thread());
                }
                // A read ends soon: wait for it, first in line if this is an update.
                if (!read && !queued) {
                    queued = waitingUpdate.compareAndSet(null, me);
                }
                if (looks < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(park);
                    park = Math.min(2 * park, LONGEST_PARK_NANOS);
                }
            }
        } finally {
            if (queued) {
                waitingUpdate.set(null);
            }
        }
    }

    private IllegalStateException inUse(Thread holder) {
        return new IllegalStateException(what + " is in use by thread '" + holder.getName() + "': a bound"
                + " problem is for one thread at a time; bind the problem once per thread to train in parallel");
    }

    /** Whether an update waits for another thread's read to end (for tests that need to see it wait). */
    public boolean updateWaiting() {
        return waitingUpdate.get() != null;
    }

    /** Gives up a claim that {@link #enter} or {@link #enterReading} returned true for. */
    public void leave() {
        inside.set(null);
    }
}
