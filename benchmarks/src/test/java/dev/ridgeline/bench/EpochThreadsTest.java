package dev.ridgeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The baselines' parallel streams use the epochs' thread count: in the common pool they had run on every
 * processor under THREADS=1, one thread's epoch against every core's read.
 */
class EpochThreadsTest {
    /** The distinct threads a parallel stream of many small tasks ran on in the pool for this setting. */
    private static int threadsUsed(String setting) {
        String before = System.getProperty("ridgeline.threads");
        System.setProperty("ridgeline.threads", setting);
        try {
            Set<Thread> seen = ConcurrentHashMap.newKeySet();
            double sum = EpochThreads.run(() -> IntStream.range(0, 20_000).parallel().mapToDouble(i -> {
                seen.add(Thread.currentThread());
                return Math.sqrt(i);
            }).sum());
            assertTrue(sum > 0);
            return seen.size();
        } finally {
            if (before == null) {
                System.clearProperty("ridgeline.threads");
            } else {
                System.setProperty("ridgeline.threads", before);
            }
        }
    }

    @Test
    void oneThreadMeansOneThread() {
        assertEquals(1, threadsUsed("1"));
    }

    @Test
    void neverMoreThreadsThanSet() {
        assertTrue(threadsUsed("2") <= 2);
        assertTrue(threadsUsed("3") <= 3);
    }
}
