package dev.ridgeline.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One log record per JVM when {@code auto} runs the plain scalar reference because {@code java-vector}
 * cannot run (most often: the JVM was started without {@code --add-modules jdk.incubator.vector}). The
 * choice's reason says so too, but a service that never reads it would otherwise train several times
 * slower than it could without a word. INFO, not WARNING: the command line reports the backend and its
 * reason in every run's output already, and its launcher passes the flag.
 */
final class ScalarFallbackNotice {
    private static final System.Logger LOG = System.getLogger(Backends.class.getName());
    private static final AtomicBoolean GIVEN = new AtomicBoolean();

    private ScalarFallbackNotice() {
    }

    /** Logs {@code why} (the vector backend's reason), the first time only. */
    static void give(String why) {
        if (GIVEN.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, "backend auto chose java-scalar, the plain reference (several times "
                    + "slower than java-vector): java-vector unavailable: " + why);
        }
    }

    /** Lets a test see the first record again. */
    static void forget() {
        GIVEN.set(false);
    }
}
