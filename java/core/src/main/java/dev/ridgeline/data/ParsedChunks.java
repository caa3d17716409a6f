package dev.ridgeline.data;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The chunks of a CSV file with their numbers parsed, handed over in file order. With several threads, one
 * thread reads the chunks ahead (FastCSV and the text decoder, in file order) while others parse the numbers
 * of several chunks at once; parsing took about three quarters of the time to read a file of numbers. Every
 * chunk, and every error, comes out in the order and with the content of a sequential read: a chunk's read
 * only starts after the previous read has succeeded, and an error surfaces at the chunk where it happened.
 *
 * <p>Memory: at most threads + 1 chunks are read or parsed ahead of the one handed over.
 */
final class ParsedChunks implements AutoCloseable {
    /** A chunk and its numbers. */
    record Chunk(CsvTable table, ChunkNumbers numbers) {
    }

    /**
     * Parsing threads at most: one reading thread keeps about three parsers busy (parsing a chunk takes about
     * three times as long as reading it), and every parser holds a chunk in flight.
     */
    private static final int MAX_PARSERS = 4;

    private final Supplier<CsvTable> tables;
    private final boolean[] parse;
    private final int threads;
    /**
     * Whether {@link #tables} has handed over its input's last chunk, so that no thread needs to start; null when
     * the tables cannot tell (then the threads start with the read).
     */
    private final BooleanSupplier readToEnd;
    /** Null while the chunks are read and parsed on the calling thread. */
    private ExecutorService reader;
    private ExecutorService parsers;
    private final int ahead;
    private final ArrayDeque<CompletableFuture<Chunk>> pending = new ArrayDeque<>();
    private CompletableFuture<CsvTable> lastRead;
    private boolean ended;
    /**
     * What ended a reading or parsing thread, if one died: an OutOfMemoryError can strike again while a
     * future records the first one, and the thread then dies with the future never completed (the read of a
     * file of ten million empty lines in a small heap waited for it forever).
     */
    private volatile Throwable died;
    private final UnaryOperator<Runnable> threadBody;
    /** How long a wait for a chunk lasts before it looks whether a thread died. */
    private static final long WAIT_MS = 100;

    /**
     * {@code tables} gives the file's chunks in order, then null; it is called on one thread at a time, in
     * order. {@code threads} is how many threads parse (1: everything on the calling thread).
     */
    ParsedChunks(Supplier<CsvTable> tables, boolean[] parse, int threads) {
        this(tables, parse, threads, null, UnaryOperator.identity());
    }

    /**
     * As above, for tables that tell when they have handed over their last chunk ({@link CsvChunks#readToEnd}):
     * the first chunk is read on the calling thread, and the threads start only when there is more to read. A
     * file of one chunk, such as a service's request of a few hundred rows, had started the reading thread and
     * every parser for it (3 threads a read at 2 processors, 5 at 4, and 2.7 against 0.6 ms for 200 rows).
     */
    ParsedChunks(Supplier<CsvTable> tables, boolean[] parse, int threads, BooleanSupplier readToEnd) {
        this(tables, parse, threads, Objects.requireNonNull(readToEnd, "readToEnd"), UnaryOperator.identity());
    }

    /**
     * As the first; each thread runs {@code threadBody} of what its pool gives it to run (for tests: a thread
     * that dies at once, with its pool's task never done).
     */
    ParsedChunks(Supplier<CsvTable> tables, boolean[] parse, int threads, UnaryOperator<Runnable> threadBody) {
        this(tables, parse, threads, null, threadBody);
    }

    private ParsedChunks(Supplier<CsvTable> tables, boolean[] parse, int threads, BooleanSupplier readToEnd,
            UnaryOperator<Runnable> threadBody) {
        this.threadBody = threadBody;
        this.tables = tables;
        this.parse = parse.clone();
        this.threads = threads;
        this.readToEnd = readToEnd;
        this.ahead = threads + 1;
        if (threads > 1 && readToEnd == null) {
            startThreads();
        }
    }

    private void startThreads() {
        reader = Executors.newSingleThreadExecutor(daemons("ridgeline-csv-reader"));
        parsers = Executors.newFixedThreadPool(threads, daemons("ridgeline-csv-parser"));
    }

    /** Threads to parse with here: those of {@link ThreadSetting#current()}, at most {@link #MAX_PARSERS}. */
    static int defaultThreads() {
        return Math.min(MAX_PARSERS, ThreadSetting.current());
    }

    /** Whether the reading and parsing threads have started; for tests. */
    boolean threadsStarted() {
        return reader != null;
    }

    /** The next chunk with its numbers, or null after the last; a reading error is thrown at its chunk. */
    Chunk next() {
        if (ended) {
            return null;
        }
        if (reader == null) {
            CsvTable table = tables.get();
            ended = table == null;
            if (ended) {
                return null;
            }
            if (threads == 1 || readToEnd.getAsBoolean()) {
                return new Chunk(table, ChunkNumbers.parse(table, parse));
            }
            // More than one chunk: from here on, as if the reading thread had read this one.
            startThreads();
            lastRead = CompletableFuture.completedFuture(table);
            pending.add(lastRead.thenApplyAsync(first -> new Chunk(first, ChunkNumbers.parse(first, parse)), parsers));
        }
        while (pending.size() < ahead) {
            scheduleOneMore();
        }
        Chunk chunk = joined(pending.poll());
        ended = chunk == null;
        return chunk;
    }

    /** Reads the chunk after the last one asked for (once that read succeeded, and unless it was the end), then parses it. */
    private void scheduleOneMore() {
        CompletableFuture<CsvTable> read = lastRead == null ? CompletableFuture.supplyAsync(tables, reader)
                : lastRead.thenApplyAsync(previous -> previous == null ? null : tables.get(), reader);
        lastRead = read;
        pending.add(read.thenApplyAsync(table -> table == null ? null
                : new Chunk(table, ChunkNumbers.parse(table, parse)), parsers));
    }

    /**
     * The future's value, or its exception as thrown by the task, or what killed a thread (then the future
     * may never complete). Interrupts do not end the wait, as with {@code join}; the status stays set.
     */
    private Chunk joined(CompletableFuture<Chunk> future) {
        if (!settled(future)) {
            throw thrown(died);
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            throw thrown(e.getCause());
        }
    }

    /** A task's exception to throw as it was thrown: an Error is thrown here, a checked one wrapped. */
    private static RuntimeException thrown(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    /**
     * Waits until the future is done, however it ended, or a thread died; whether it is done. Interrupts do
     * not end the wait; the status stays set.
     */
    private boolean settled(CompletableFuture<Chunk> future) {
        boolean interrupted = false;
        while (!future.isDone() && died == null) {
            try {
                future.get(WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // done (the caller reads how it ended), or time to look again whether a thread died
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return future.isDone();
    }

    /**
     * Waits for the reads and parses under way (each is one chunk) and stops the threads, so that the file
     * can be closed: no read of it is left running.
     */
    @Override
    public void close() {
        if (reader == null) {
            return;
        }
        // Waits without allocating and without throwing: close often runs after the heap ran out, and an
        // OutOfMemoryError from the wait (a timed get allocates its waiter) had been, as often as not, the very
        // error the read was failing with (the JVM throws one preallocated instance when it has no room for another),
        // which try-with-resources cannot add to itself as suppressed: "Self-suppression not permitted" had replaced
        // the documented DataException. Waiting matters: the threads hold their chunks until they end. (No
        // iterator either: one is an allocation.)
        for (CompletableFuture<Chunk> future = pending.peekFirst(); future != null; future = pending.peekFirst()) {
            awaitQuietly(future);
            pending.pollFirst();
        }
        try {
            if (died != null) {
                // A future of a dead thread's chain never completes: nothing is left to wait for.
                reader.shutdownNow();
                parsers.shutdownNow();
                return;
            }
            reader.shutdown();
            parsers.shutdown();
        } catch (OutOfMemoryError e) {
            // A contended executor lock allocates its waiter. Not thrown, for the reason above; the threads are
            // daemons and idle, their tasks done, so a pool left unstopped holds no chunk and stops no JVM.
            try {
                reader.shutdownNow();
                parsers.shutdownNow();
            } catch (OutOfMemoryError again) {
                // as above
            }
        }
    }

    /**
     * Waits until the future is done or a thread died, polling every millisecond: no allocation, no exception.
     * An interrupt does not end the wait; the status stays set.
     */
    private void awaitQuietly(CompletableFuture<Chunk> future) {
        boolean interrupted = false;
        while (!future.isDone() && died == null) {
            LockSupport.parkNanos(1_000_000L);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(threadBody.apply(task), name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            // Assigns a field only: it allocates nothing, so it works when memory has run out.
            thread.setUncaughtExceptionHandler((t, error) -> died = error);
            return thread;
        };
    }
}
