package dev.ridgeline.engine;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Refuses a second thread while one is inside a bound problem's operation. The problems reuse their
 * scratch buffers on every call, so two threads at once got wrong losses and gradients without an error
 * (4 threads calling loss() on one java-vector problem: 290 of 800 answers wrong, by up to 472x); now the
 * second one gets an {@link IllegalStateException} naming the first. A thread may re-enter (steps calls
 * step), and one thread after another is fine. Two atomic operations a call, nothing beside a pass. For the
 * backends' bound problems; not part of the API a caller of the engine uses.
 */
public final class OneThreadAtATime {
    private final String what;
    private final AtomicReference<Thread> inside = new AtomicReference<>();

    /** {@code what}: the problem's name in the message ("the java-vector bound problem"). */
    public OneThreadAtATime(String what) {
        this.what = what;
    }

    /** Runs {@code operation} as the only thread inside. */
    public <T> T call(Supplier<T> operation) {
        boolean entered = enter();
        try {
            return operation.get();
        } finally {
            if (entered) {
                inside.set(null);
            }
        }
    }

    /** {@link #call} for an operation without a result. */
    public void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }

    /** Claims the problem for this thread: true when this call did (false: it already held it). */
    public boolean enter() {
        Thread me = Thread.currentThread();
        Thread holder = inside.compareAndExchange(null, me);
        if (holder == null) {
            return true;
        }
        if (holder == me) {
            return false;
        }
        throw new IllegalStateException(what + " is in use by thread '" + holder.getName() + "': a bound"
                + " problem is for one thread at a time; bind the problem once per thread to train in parallel");
    }

    /** Gives up a claim that {@link #enter} returned true for. */
    public void leave() {
        inside.set(null);
    }
}
