package dev.ridgeline.testing;

import dev.ridgeline.engine.OneThreadAtATime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bound problem's {@link OneThreadAtATime} entered by a thread of its own, named {@value #THREAD}, from
 * {@link #hold} until {@link #close}: inside an update, the state in which every other thread's update must be
 * refused and its reads wait ({@link #holdReading}: inside a read, where every other call waits). {@link #hold}
 * fails if that thread could not enter.
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
                if (read) {
                    use.enterReading();
                } else {
                    use.enter();
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
                if (read) {
                    use.leaveReading();
                } else {
                    use.leave();
                }
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
