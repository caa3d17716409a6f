package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What a column's numbers hold while a file is read in short chunks (a wide file: 4 Mi characters make few
 * records): at most twice the rows read, however many chunks, and the numbers as added.
 */
class NumberColumnsMemoryTest {
    @Test
    void shortChunksHoldAtMostTwiceTheirRows() {
        boolean[] parse = {true, true};
        CsvTable header = table("a,b\n");
        NumberColumns columns = NumberColumns.start(header, parse);
        int chunks = 7;
        int perChunk = 90;
        double[] expected = new double[chunks * perChunk];
        for (int k = 0; k < chunks; k++) {
            StringBuilder text = new StringBuilder("a,b\n");
            for (int r = 0; r < perChunk; r++) {
                int row = k * perChunk + r;
                expected[row] = row * 0.5;
                text.append(row * 0.5).append(',').append(-row).append('\n');
            }
            columns.add(ChunkNumbers.parse(table(text.toString()), parse));
            int rows = (k + 1) * perChunk;
            for (int c = 0; c < 2; c++) {
                long held = columns.heldValues(c);
                assertTrue(held >= rows && held <= 2L * rows, "after " + rows + " rows column " + c + " holds " + held);
            }
        }
        assertArrayEquals(expected, columns.values(0));
    }

    @Test
    void chunksAcrossBlocksStillFillWholeBlocks() {
        boolean[] parse = {true};
        NumberColumns columns = NumberColumns.start(table("a\n"), parse);
        int perChunk = 20_000;
        for (int k = 0; k < 3; k++) {
            StringBuilder text = new StringBuilder("a\n");
            for (int r = 0; r < perChunk; r++) {
                text.append(k * perChunk + r).append('\n');
            }
            columns.add(ChunkNumbers.parse(table(text.toString()), parse));
        }
        // 60,000 rows: one whole block, and a second one holding the rest.
        assertTrue(columns.heldValues(0) == 2L * NumberColumns.BLOCK_ROWS, "holds " + columns.heldValues(0));
        double[] values = columns.values(0);
        for (int r = 0; r < values.length; r++) {
            if (values[r] != r) {
                throw new AssertionError("row " + r + " holds " + values[r]);
            }
        }
    }

    private static CsvTable table(String text) {
        return CsvTable.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", ',');
    }
}
