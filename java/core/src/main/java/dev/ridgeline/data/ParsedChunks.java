package dev.ridgeline.data;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

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
    /** Null when the chunks are read and parsed on the calling thread. */
    private final ExecutorService reader;
    private final ExecutorService parsers;
    private final int ahead;
    private final ArrayDeque<CompletableFuture<Chunk>> pending = new ArrayDeque<>();
    private CompletableFuture<CsvTable> lastRead;
    private boolean ended;

    /**
     * {@code tables} gives the file's chunks in order, then null; it is called on one thread at a time, in
     * order. {@code threads} is how many threads parse (1: everything on the calling thread).
     */
    ParsedChunks(Supplier<CsvTable> tables, boolean[] parse, int threads) {
        this.tables = tables;
        this.parse = parse.clone();
        this.ahead = threads + 1;
        if (threads > 1) {
            reader = Executors.newSingleThreadExecutor(daemons("ridgeline-csv-reader"));
            parsers = Executors.newFixedThreadPool(threads, daemons("ridgeline-csv-parser"));
        } else {
            reader = null;
            parsers = null;
        }
    }

    /** Threads to parse with here: the processors, at most {@link #MAX_PARSERS}. */
    static int defaultThreads() {
        return Math.min(MAX_PARSERS, Runtime.getRuntime().availableProcessors());
    }

    /** The next chunk with its numbers, or null after the last; a reading error is thrown at its chunk. */
    Chunk next() {
        if (ended) {
            return null;
        }
        if (reader == null) {
            CsvTable table = tables.get();
            ended = table == null;
            return ended ? null : new Chunk(table, ChunkNumbers.parse(table, parse));
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

    /** The future's value, or its exception as thrown by the task. */
    private static Chunk joined(CompletableFuture<Chunk> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
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
        for (CompletableFuture<Chunk> future : pending) {
            future.handle((chunk, error) -> null).join();
        }
        pending.clear();
        reader.shutdown();
        parsers.shutdown();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
