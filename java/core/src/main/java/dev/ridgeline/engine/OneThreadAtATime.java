package dev.ridgeline.engine;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One thread at a time inside a bound problem's operations. The problems reuse their scratch buffers on every
 * call, so two threads at once got wrong losses and gradients without an error (4 threads calling loss() on one
 * java-vector problem: 290 of 800 answers wrong, by up to 472x). Now calls take turns, in the order they come
 * (a fair lock), with one exception:
 *
 * <ul>
 *   <li>an <em>update</em> ({@link #call}: a step or a call of several steps, new parameters, a DP-SGD sum, a
 *       close on cuda) that finds another thread inside an update is refused with an {@link
 *       IllegalStateException} naming it: two threads training one problem would interleave their steps, which
 *       no order makes right;
 *   <li>otherwise a call waits for its turn: a <em>read</em> ({@link #read}: parameters, the last pass, the loss,
 *       the gradient, predictions, which change nothing) waits for the update inside to end, and an update waits
 *       for a read. So a thread polling the parameters during training is served between two of the training
 *       thread's calls (a {@code steps(rule, n)} call is one), and never makes the training thread fail.
 * </ul>
 *
 * The refusal is a check made as the call comes, not a guarantee: two threads whose updates never overlap in
 * time, or whose update comes while the other waits for a read, are not told. A thread may re-enter (steps
 * calls step). Waiting ignores interrupts, and keeps the thread's status: a training thread interrupted while
 * its read waits still stops with the parameters so far, as the trainer promises (a read that threw on an
 * interrupt made it fail instead). A read waits for the call inside and the calls queued before it (a {@code
 * steps(rule, n)} call of n epochs is one). For the backends' bound problems; not part of the API a caller of
 * the engine uses.
 */
public final class OneThreadAtATime {
    private final String what;
    /**
     * Fair: a waiting thread goes in before a thread that comes later, so a training thread's next step cannot
     * keep a poller out (an unfair lock let the trainer back in within nanoseconds, every time).
     */
    private final ReentrantLock lock = new ReentrantLock(true);
    /** The thread inside an update, null when none is: set and cleared by that thread, read by any. */
    private volatile Thread updater;
    /** The updates under way of the thread inside (re-entries counted); only that thread touches it. */
    private int updates;

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
        enter(read);
        try {
            return operation.get();
        } finally {
            leave(read);
        }
    }

    /** Enters for an update, as {@link #call} does, until {@link #leave()}. */
    public void enter() {
        enter(false);
    }

    /** Enters for a read, as {@link #read} does, until {@link #leaveReading()}. */
    public void enterReading() {
        enter(true);
    }

    private void enter(boolean read) {
        Thread inside = updater;
        if (!read && inside != null && !lock.isHeldByCurrentThread()) {
            throw new IllegalStateException(what + " is in use by thread '" + inside.getName() + "': a bound"
                    + " problem is for one thread at a time; bind the problem once per thread to train in parallel");
        }
        lock.lock();
        if (!read && updates++ == 0) {
            updater = Thread.currentThread();
        }
    }

    /** Leaves what {@link #enter()} entered. */
    public void leave() {
        leave(false);
    }

    /** Leaves what {@link #enterReading()} entered. */
    public void leaveReading() {
        leave(true);
    }

    private void leave(boolean read) {
        // The thread's reads inside are its holds less its updates: a leave must match one of them.
        if (!lock.isHeldByCurrentThread() || (read ? lock.getHoldCount() <= updates : updates == 0)) {
            throw new IllegalMonitorStateException("this thread is not inside " + what + (read ? "" : " for an update"));
        }
        if (!read && --updates == 0) {
            updater = null;
        }
        lock.unlock();
    }

    /** Whether a thread is inside (for tests that need to see one there). */
    public boolean isBusy() {
        return lock.isLocked();
    }

    /** How many threads wait for their turn (for tests that need to see them wait). */
    public int waiting() {
        return lock.getQueueLength();
    }
}
