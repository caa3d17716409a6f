package dev.ridgeline.testing;

import dev.ridgeline.engine.OneThreadAtATime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bound problem's {@link OneThreadAtATime} claimed by a thread of its own, named {@value #THREAD}, from
 * {@link #hold} until {@link #close}: the state in which every other thread must be refused ({@link
 * #holdReading}: in which they must wait). {@link #hold} fails if that thread could not claim it.
 */
public final class HeldByAnotherThread implements AutoCloseable {
    public static final String THREAD = "holder-thread";

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread holder;

    private HeldByAnotherThread(OneThreadAtATime use, boolean read) throws InterruptedException {
        CountDownLatch tried = new CountDownLatch(1);
        AtomicReference<RuntimeException> refused = new AtomicReference<>();
        holder = new Thread(() -> {
            try {
                if (!(read ? use.enterReading() : use.enter())) {
                    throw new IllegalStateException("the new thread already held the problem");
                }
            } catch (RuntimeException e) {
                refused.set(e);
                return;
            } finally {
                tried.countDown();
            }
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                use.leave();
            }
        }, THREAD);
        holder.setDaemon(true);  // a test that fails before close() must not keep the JVM alive
        holder.start();
        tried.await();
        if (refused.get() != null) {
            throw new IllegalStateException("the holder thread could not claim the problem", refused.get());
        }
    }

    /** Returns once the other thread holds {@code use}, inside an update. */
    public static HeldByAnotherThread hold(OneThreadAtATime use) throws InterruptedException {
        return new HeldByAnotherThread(use, false);
    }

    /** Returns once the other thread holds {@code use}, inside a read. */
    public static HeldByAnotherThread holdReading(OneThreadAtATime use) throws InterruptedException {
        return new HeldByAnotherThread(use, true);
    }

    /** Lets go and waits for the other thread to end. */
    @Override
    public void close() throws InterruptedException {
        done.countDown();
        holder.join();
    }
}
