package dev.ridgeline.data;

import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The rows of a CSV file for a fitted model, read and handed over one chunk at a time (each a {@link Frame}
 * whose lines are the file's), so that applying a model to a file of any length holds a few chunks in memory,
 * not the file. The next chunks are read, and their numbers parsed, on other threads while the caller uses
 * one ({@link ParsedChunks}); what is handed over, and when an error comes, is as a sequential read. Each
 * chunk is read as {@link FrameReader} reads a whole table; a file with a header and no data rows is the same
 * error. Errors come from the first chunk that holds one, so in a file with several problems the first
 * chunk's is reported (within a chunk the order is {@link FrameReader}'s).
 */
public final class FrameChunks {
    /** Records per chunk: a few MB of text and numbers for tens of columns. */
    public static final int DEFAULT_ROWS = 1 << 16;
    /**
     * Characters of fields per chunk, at most (about): 4 MiB of text, so that a chunk of wide records (65,536
     * records of 200 numbers are 120 MB) is short-lived garbage, and the few chunks read and parsed at once
     * ({@link FrameReader#forTraining(CsvChunks, String, String, java.util.Set)}) stay small.
     */
    public static final long DEFAULT_CHARS = 1 << 22;

    private FrameChunks() {
    }

    /** Threads that parse the chunks' numbers while one reads ahead ({@link ParsedChunks}). */
    private static int threads() {
        return ParsedChunks.defaultThreads();
    }

    /** As {@link FrameReader#forModelInputs}, chunk by chunk: the model's input columns only. */
    public static void forModelInputs(CsvChunks chunks, Map<String, ColumnKind> schema, Set<String> tolerated,
            Consumer<Frame> each) {
        java.util.Objects.requireNonNull(each, "each");
        forModelInputs(chunks, schema, tolerated, (frame, table) -> each.accept(frame));
    }

    /**
     * As {@link #forModelInputs(CsvChunks, Map, Set, Consumer)}, each chunk's frame handed over with the chunk's
     * records as read, for fields the frame does not hold (an identifier to copy beside the predictions).
     */
    public static void forModelInputs(CsvChunks chunks, Map<String, ColumnKind> schema, Set<String> tolerated,
            BiConsumer<Frame, CsvTable> each) {
        java.util.Objects.requireNonNull(chunks, "chunks");
        java.util.Objects.requireNonNull(schema, "schema");
        java.util.Objects.requireNonNull(tolerated, "tolerated");
        java.util.Objects.requireNonNull(each, "each");
        chunks.requireUnread();
        boolean any = false;
        boolean[] parse = FrameReader.modelInputColumns(chunks.header(), schema);
        try (ParsedChunks parsed = new ParsedChunks(chunks::next, parse, threads(), chunks::readToEnd)) {
            for (ParsedChunks.Chunk chunk = parsed.next(); chunk != null; chunk = parsed.next()) {
                each.accept(FrameReader.forModelInputs(chunk.table(), schema, tolerated, chunk.numbers()), chunk.table());
                any = true;
            }
        }
        if (!any) {
            FrameReader.forModelInputs(chunks.withoutRows(), schema, tolerated); // throws: no data rows
        }
    }

    /** As {@link FrameReader#forModel(CsvTable, Map, String, String)}, chunk by chunk: inputs, target and weights. */
    public static void forModel(CsvChunks chunks, Map<String, ColumnKind> schema, String target, String weights,
            Consumer<Frame> each) {
        forModel(chunks, schema, target, weights, Set.of(), each);
    }

    /**
     * As {@link #forModel(CsvChunks, Map, String, String, Consumer)}; the columns named in {@code tolerated} (the
     * model's ignored columns) may be present too, and are not read.
     */
    public static void forModel(CsvChunks chunks, Map<String, ColumnKind> schema, String target, String weights,
            Set<String> tolerated, Consumer<Frame> each) {
        java.util.Objects.requireNonNull(each, "each");
        forModel(chunks, schema, target, weights, tolerated, (frame, table) -> each.accept(frame));
    }

    /**
     * As {@link #forModel(CsvChunks, Map, String, String, Set, Consumer)}, each chunk's frame handed over with the
     * chunk's records as read (explain reads a background's row weights beside its --keep fields).
     */
    public static void forModel(CsvChunks chunks, Map<String, ColumnKind> schema, String target, String weights,
            Set<String> tolerated, BiConsumer<Frame, CsvTable> each) {
        java.util.Objects.requireNonNull(chunks, "chunks");
        java.util.Objects.requireNonNull(schema, "schema");
        java.util.Objects.requireNonNull(tolerated, "tolerated");
        java.util.Objects.requireNonNull(each, "each");
        chunks.requireUnread();
        boolean any = false;
        boolean[] parse = FrameReader.modelColumns(chunks.header(), schema, target, weights);
        try (ParsedChunks parsed = new ParsedChunks(chunks::next, parse, threads(), chunks::readToEnd)) {
            for (ParsedChunks.Chunk chunk = parsed.next(); chunk != null; chunk = parsed.next()) {
                each.accept(FrameReader.forModel(chunk.table(), schema, target, weights, tolerated, chunk.numbers()),
                        chunk.table());
                any = true;
            }
        }
        if (!any) {
            // Throws: no data rows.
            FrameReader.forModel(chunks.withoutRows(), schema, target, weights, tolerated, null);
        }
    }
}
