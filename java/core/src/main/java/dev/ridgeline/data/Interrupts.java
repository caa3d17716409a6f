package dev.ridgeline.data;

import java.util.concurrent.CancellationException;

/**
 * The look at the thread's interrupt status that long steps without a partial result take between pieces of
 * their work: a service cancelling a task ({@code Future.cancel(true)}) gets its thread back within a piece.
 */
public final class Interrupts {
    private Interrupts() {
    }

    /**
     * @param what the step, for the message: "fitting the preprocessing" gives "fitting the preprocessing was
     *     interrupted"
     * @throws CancellationException when the thread is interrupted; its interrupt status stays set
     */
    public static void check(String what) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException(what + " was interrupted");
        }
    }
}
