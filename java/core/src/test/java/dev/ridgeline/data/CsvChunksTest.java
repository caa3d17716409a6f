package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading a CSV a chunk at a time gives the records, lines and hash of reading it whole, holding one chunk. */
class CsvChunksTest {
    private static CsvChunks chunks(String text, int rows) {
        return CsvChunks.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", ',', rows);
    }

    private static CsvTable whole(String text) {
        return CsvTable.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", ',');
    }

    /** Every chunk's records with their lines, as "line:fields" in file order, and the chunk sizes. */
    private static List<String> records(CsvChunks chunks, List<Integer> sizes) {
        List<String> out = new ArrayList<>();
        for (CsvTable t = chunks.next(); t != null; t = chunks.next()) {
            sizes.add(t.rows());
            for (int r = 0; r < t.rows(); r++) {
                out.add(t.line(r) + ":" + String.join("|", t.record(r)));
            }
        }
        return out;
    }

    @Test
    void closedChunksRefuseToReadOn() {
        CsvChunks chunks = chunks("a,y\n1,2\n3,4\n5,6\n", 1);
        assertEquals(1, chunks.next().rows());
        chunks.close();
        chunks.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, chunks::next);
        assertEquals("t.csv: the chunks are closed", e.getMessage());
    }

    @Test
    void chunksHoldAtMostTheirRowsAndTogetherAreTheWholeTable() {
        String text = "\n\na,b\n1,\"x\ny\"\n\n3,4\n5,6\n7,8\n\n\n";
        CsvTable all = whole(text);
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < all.rows(); r++) {
            expected.add(all.line(r) + ":" + String.join("|", all.record(r)));
        }
        for (int size = 1; size <= 6; size++) {
            List<Integer> sizes = new ArrayList<>();
            try (CsvChunks c = chunks(text, size)) {
                assertEquals(List.of("a", "b"), c.header());
                assertEquals(expected, records(c, sizes), "chunks of " + size);
                assertEquals(all.sha256(), c.sha256());
                assertNull(c.next());
            }
            int max = size;
            assertTrue(sizes.stream().allMatch(s -> s >= 1 && s <= max), sizes + " for chunks of " + max);
        }
    }

    @Test
    void emptyLinesAfterTheLastRecordAreDroppedEvenAcrossAChunkEnd() {
        List<Integer> sizes = new ArrayList<>();
        try (CsvChunks c = chunks("x\n1\n\n\n", 1)) {
            assertEquals(List.of("2:1"), records(c, sizes));
        }
        try (CsvChunks c = chunks("x\n1\n\n\n2\n", 1)) {
            assertEquals(List.of("2:1", "3:", "4:", "5:2"), records(c, sizes));
        }
    }

    @Test
    void aBadValueInALaterChunkNamesItsFileLine() {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 1000; i++) {
            text.append(i == 700 ? "oops" : Integer.toString(i)).append(",1\n");
        }
        List<Long> firstLines = new ArrayList<>();
        try (CsvChunks c = chunks(text.toString(), 64)) {
            DataException e = assertThrows(DataException.class, () -> FrameChunks.forModelInputs(c,
                    Map.of("x", ColumnKind.NUMERIC), Set.of("y"), frame -> firstLines.add(frame.line(0))));
            assertEquals("t.csv, line 702, column 'x': value 'oops' is not a number", e.getMessage());
        }
        assertEquals(10, firstLines.size());
        assertEquals(66L, firstLines.get(1));
    }

    @Test
    void aFileWithoutDataRowsIsTheSameErrorAsWhole() {
        try (CsvChunks c = chunks("x,y\n\n", 8)) {
            assertEquals("t.csv: the file has a header but no data rows", assertThrows(DataException.class,
                    () -> FrameChunks.forModelInputs(c, Map.of("x", ColumnKind.NUMERIC), Set.of("y"), f -> { }))
                    .getMessage());
        }
        assertEquals("t.csv: the file is empty (no header row)",
                assertThrows(DataException.class, () -> chunks("\n\n", 8)).getMessage());
    }

    @Test
    void chunksForAModelHoldTheRowsOfTheWholeRead() {
        StringBuilder text = new StringBuilder("x,colour,w,y\n");
        for (int r = 0; r < 1_000; r++) {
            text.append(r % 7 == 0 ? "NA" : Double.toString(r * 0.25)).append(',').append(r % 3 == 0 ? "red" : "blue")
                    .append(',').append(1 + r % 4).append(',').append(-r).append('\n');
        }
        Map<String, ColumnKind> schema = new java.util.LinkedHashMap<>();
        schema.put("x", ColumnKind.NUMERIC);
        schema.put("colour", ColumnKind.CATEGORICAL);
        Frame expected = FrameReader.forModel(whole(text.toString()), schema, "y", "w");
        List<Frame> parts = new ArrayList<>();
        try (CsvChunks c = chunks(text.toString(), 37)) {
            FrameChunks.forModel(c, schema, "y", "w", parts::add);
        }
        int row = 0;
        for (Frame part : parts) {
            for (int i = 0; i < part.rows(); i++, row++) {
                assertEquals(expected.line(row), part.line(i));
                assertEquals(Double.doubleToRawLongBits(expected.number(0, row)),
                        Double.doubleToRawLongBits(part.number(0, i)));
                assertEquals(expected.label(1, row), part.label(1, i));
                assertEquals(expected.target(row), part.target(i));
                assertEquals(expected.weight(row), part.weight(i));
            }
        }
        assertEquals(1_000, row);
        assertEquals(28, parts.size());
    }

    /** Progress: every byte of the input is counted once, in order, whatever the chunking. */
    @Test
    void bytesReadCountEveryByteOfTheInputOnce() {
        StringBuilder text = new StringBuilder("a,b,y\n");
        for (int r = 0; r < 20_000; r++) {
            text.append(r).append(',').append(r * 0.5).append(',').append(r % 7).append('\n');
        }
        long size = text.toString().getBytes(StandardCharsets.UTF_8).length;
        List<Long> heard = new ArrayList<>();
        try (CsvChunks chunks = chunks(text.toString(), 1_000)) {
            chunks.onBytesRead(heard::add);
            int rows = 0;
            for (CsvTable t = chunks.next(); t != null; t = chunks.next()) {
                rows += t.rows();
            }
            assertEquals(20_000, rows);
        }
        assertTrue(heard.size() > 1, "heard of the bytes more than once for " + size + " bytes: " + heard);
        for (int k = 1; k < heard.size(); k++) {
            assertTrue(heard.get(k) > heard.get(k - 1), "counts grow: " + heard);
        }
        assertEquals(size, heard.get(heard.size() - 1), "the last count is the input's size");
    }

    /**
     * Chunks are read once: a second reader of the same chunks had found no rows left and said that the file had
     * no data rows.
     */
    @Test
    void chunksReadOnceAreRefusedToASecondReaderBySaying() {
        String expected = "t.csv: these chunks have been read already; open the file again to read it again";
        CsvChunks training = chunks("a,y\n1,2\n3,4\n5,6\n", 2);
        assertEquals(3, FrameReader.forTraining(training, "y", null, Set.of()).rows());
        assertEquals(expected, assertThrows(IllegalStateException.class,
                () -> FrameReader.forTraining(training, "y", null, Set.of())).getMessage());
        CsvChunks scored = chunks("a,y\n1,2\n3,4\n", 1);
        scored.next();
        Map<String, ColumnKind> schema = Map.of("a", ColumnKind.NUMERIC);
        assertEquals(expected, assertThrows(IllegalStateException.class,
                () -> FrameChunks.forModel(scored, schema, "y", null, frame -> { })).getMessage());
        assertEquals(expected, assertThrows(IllegalStateException.class,
                () -> FrameChunks.forModelInputs(scored, schema, Set.of("y"), frame -> { })).getMessage());
    }

    /** An input of {@code text} whose read past it fails with {@code error}, as a heap that runs out mid-file does. */
    private static InputStream failingAfter(String text, Error error) {
        return new SequenceInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    @Override
                    public int read() {
                        throw error;
                    }
                });
    }

    /**
     * A heap that runs out while FastCSV reads a record is the heap's error, not the file's: FastCSV wraps
     * whatever its read throws, an OutOfMemoryError too, and that had been reported as
     * "malformed CSV: Exception when reading record that started in line 1791682 (Java heap space)", sending
     * the user to look for a fault at that line of a well-formed file.
     */
    @Test
    void aHeapThatRunsOutWhileReadingIsNotCalledMalformedCsv() {
        String text = "a,y\n" + "1.5,2.5\n".repeat(40_000);  // past the 64 KiB read ahead at opening
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        try (CsvChunks chunks = CsvChunks.open(failingAfter(text, heap), "t.csv", ',', 1_000)) {
            OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> {
                while (chunks.next() != null) {
                    // read to the failure
                }
            });
            assertSame(heap, thrown);
        }
        CsvChunks training = CsvChunks.open(failingAfter(text, heap), "t.csv", ',', 1_000);
        DataException e = assertThrows(DataException.class,
                () -> FrameReader.forTraining(training, "y", null, Set.of()));
        assertTrue(e.getMessage().startsWith("t.csv: the table does not fit in the heap"), e.getMessage());
        assertSame(heap, e.getCause());
    }
}
