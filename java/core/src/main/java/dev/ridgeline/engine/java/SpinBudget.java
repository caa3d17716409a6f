package dev.ridgeline.engine.java;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of every open {@link BlockExecutor} that spins, across the process. A spinning thread holds a
 * processor: with one problem training it takes none that a worker needs, but with several bound at once (fits
 * side by side in a service, each on every processor) the spinning helpers of one took the processors the
 * workers of another were waiting for: four fits of 20,000 x 32 side by side on 2 processors, two threads each,
 * took 1.1-2.0 s when every helper spun, 0.41-0.47 s with this budget (benchmarks/README.md, "Waking the
 * helpers"). So the helpers spin only while the open executors' threads together fit the processors; beyond,
 * they park at once, as a queue without spinning does.
 */
final class SpinBudget {
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();
    private static final AtomicInteger OPEN_THREADS = new AtomicInteger();

    private SpinBudget() {
    }

    /** Counts an executor's threads from its creation. */
    static void open(int threads) {
        OPEN_THREADS.addAndGet(threads);
    }

    /** Stops counting them at its close. */
    static void close(int threads) {
        OPEN_THREADS.addAndGet(-threads);
    }

    /** Whether the threads of the open spinning executors fit the processors. */
    static boolean roomToSpin() {
        return OPEN_THREADS.get() <= PROCESSORS;
    }

    /** Threads counted now (tests). */
    static int openThreads() {
        return OPEN_THREADS.get();
    }
}
