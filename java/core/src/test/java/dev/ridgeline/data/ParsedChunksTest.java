package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Reading ahead and parsing on several threads ({@link ParsedChunks}) keeps a sequential read's order: the
 * chunks come in file order, an error surfaces at its own chunk (a ragged record before bad bytes in a later
 * chunk that the reader has already met), and no reading thread outlives the read.
 */
class ParsedChunksTest {
    /** Header a,y and rows 1..rows; row {@code ragged} (if > 0) has three fields; then a line of bytes that are not UTF-8. */
    private static byte[] file(int rows, int ragged) {
        StringBuilder csv = new StringBuilder("a,y\n");
        for (int r = 1; r <= rows; r++) {
            csv.append(r).append(',').append(r == ragged ? "1,2" : Integer.toString(r)).append('\n');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(csv.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'7', ',', (byte) 0xFF, '\n'});
        return out.toByteArray();
    }

    private static String error(byte[] bytes, int threads) {
        try (CsvChunks chunks = CsvChunks.open(new ByteArrayInputStream(bytes), "t.csv", ',', 5)) {
            return assertThrows(DataException.class,
                    () -> FrameReader.forTraining(chunks, "y", null, Set.of(), threads)).getMessage();
        }
    }

    /**
     * A pool thread that dies (an OutOfMemoryError striking again while a future records the first one) leaves
     * its future never completed: the wait ends with the thread's error instead (a read of ten million empty
     * lines in a 300 MB heap had waited forever), and close() does not wait either. Here every pool thread dies
     * as it starts, before it runs the task it was made for.
     */
    @Test
    void aPoolThreadThatDiesEndsTheWaitWithItsError() {
        Supplier<CsvTable> never = () -> {
            throw new AssertionError("no thread lives to read");
        };
        ParsedChunks chunks = new ParsedChunks(never, new boolean[] {true}, 2, task -> () -> {
            throw new OutOfMemoryError("the thread died");
        });
        OutOfMemoryError e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(OutOfMemoryError.class, chunks::next));
        assertEquals("the thread died", e.getMessage());
        assertTimeoutPreemptively(Duration.ofSeconds(20), chunks::close);
    }

    @Test
    void aRaggedRecordIsReportedBeforeBadBytesInALaterChunk() {
        byte[] bytes = file(40, 11);
        assertEquals("t.csv, line 12: 3 fields, the header has 2", error(bytes, 1));
        for (int threads = 2; threads <= 6; threads++) {
            assertEquals(error(bytes, 1), error(bytes, threads), threads + " threads");
        }
    }

    @Test
    void badBytesAreReportedAtTheirChunk() {
        byte[] bytes = file(40, 0);
        String sequential = error(bytes, 1);
        assertTrue(sequential.startsWith("t.csv, line 42"), sequential);
        for (int threads = 2; threads <= 6; threads++) {
            assertEquals(sequential, error(bytes, threads), threads + " threads");
        }
    }

    @Test
    void chunksComeInFileOrderAndThenNull() {
        StringBuilder csv = new StringBuilder("a,y\n");
        for (int r = 0; r < 1_000; r++) {
            csv.append(r).append(',').append(-r).append('\n');
        }
        try (CsvChunks chunks = CsvChunks.open(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                "t.csv", ',', 7);
                ParsedChunks parsed = new ParsedChunks(chunks::next, new boolean[] {true, true}, 3)) {
            int row = 0;
            for (ParsedChunks.Chunk chunk = parsed.next(); chunk != null; chunk = parsed.next()) {
                for (int r = 0; r < chunk.table().rows(); r++, row++) {
                    assertEquals(row, chunk.numbers().values[0][r]);
                    assertEquals(row + 2, chunk.table().line(r));
                }
            }
            assertEquals(1_000, row);
            assertNull(parsed.next());
        }
    }

    /**
     * Chunks that tell when they have handed over the last one start no thread for a file of one chunk (a
     * service's small request had started the reading thread and every parser), and read on the calling thread
     * only the first chunk of a longer file, the rest on the reading thread, in file order.
     */
    @Test
    void aFileOfOneChunkStartsNoThread() {
        for (int rows : new int[] {40, 1_000}) {
            StringBuilder csv = new StringBuilder("a,y\n");
            for (int r = 0; r < rows; r++) {
                csv.append(r).append(',').append(-r).append('\n');
            }
            List<String> readers = new ArrayList<>();
            try (CsvChunks chunks = CsvChunks.open(new ByteArrayInputStream(csv.toString().getBytes(
                    StandardCharsets.UTF_8)), "t.csv", ',', 100);
                    ParsedChunks parsed = new ParsedChunks(() -> {
                        readers.add(Thread.currentThread().getName());
                        return chunks.next();
                    }, new boolean[] {true, true}, 4, chunks::readToEnd)) {
                int row = 0;
                for (ParsedChunks.Chunk chunk = parsed.next(); chunk != null; chunk = parsed.next()) {
                    for (int r = 0; r < chunk.table().rows(); r++, row++) {
                        assertEquals(row, chunk.numbers().values[0][r]);
                    }
                }
                assertEquals(rows, row);
                String caller = Thread.currentThread().getName();
                if (rows == 40) {
                    assertFalse(parsed.threadsStarted(), "threads started for a file of one chunk");
                    assertEquals(List.of(caller, caller), readers);
                } else {
                    assertTrue(parsed.threadsStarted(), "a file of ten chunks is read ahead on a thread");
                    assertEquals(caller, readers.get(0));
                    assertTrue(readers.subList(1, readers.size()).stream().allMatch(
                            name -> name.startsWith("ridgeline-csv-reader")), readers.toString());
                }
            }
        }
    }

    @Test
    void noReadingThreadOutlivesTheRead() throws InterruptedException {
        error(file(200, 150), 4);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (readingThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, readingThreads());
    }

    private static long readingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("ridgeline-csv-")).count();
    }
}
