package dev.ridgeline.bench;

import dev.ridgeline.engine.java.VectorBackend;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Runs the baselines' parallel streams on as many threads as the vector epochs use
 * ({@link VectorBackend#defaultThreads()}: {@code THREADS=N}, else every processor). A parallel stream runs in
 * the pool of the task that starts it; left to the common pool, whose size follows the processors, the
 * streaming read and the unfused epoch ran on every core while the epochs ran on N.
 */
final class EpochThreads {
    /** One pool per thread count, made once: a pool's start-up is no part of what a benchmark measures. */
    private static final Map<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

    private EpochThreads() {
    }

    /** {@code work} inside a pool of the epochs' thread count; the calling thread waits for it. */
    static <T> T run(Supplier<T> work) {
        return pool().submit(work::get).join();
    }

    /** The pool of the epochs' thread count. */
    static ForkJoinPool pool() {
        return POOLS.computeIfAbsent(VectorBackend.defaultThreads(), ForkJoinPool::new);
    }
}
