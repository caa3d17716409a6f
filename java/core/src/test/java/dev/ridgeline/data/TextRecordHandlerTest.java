package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.ridgeline.data.TextRecordHandler.TextRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record handler against FastCSV's own records of the same text, and its length limit. */
class TextRecordHandlerTest {
    private static CsvReader.CsvReaderBuilder settings() {
        return CsvReader.builder().commentStrategy(CommentStrategy.NONE).skipEmptyLines(false)
                .allowMissingFields(true).allowExtraFields(true);
    }

    @Test
    void recordsHoldFastCsvsFieldsLinesAndEmptyLines() {
        String text = "a,b,c\r\n1,\"x,\"\"y\"\"\",3\n\n\"\"\n4,\"multi\nline\",\n#5,6\n,,\n  7 , 8,9  \n\"\",\"\"\n";
        List<CsvRecord> expected = new ArrayList<>();
        settings().ofCsvRecord(text).forEach(expected::add);
        List<TextRecord> actual = new ArrayList<>();
        settings().build(new TextRecordHandler("t.csv"), text).forEach(actual::add);
        assertEquals(expected.size(), actual.size());
        for (int r = 0; r < expected.size(); r++) {
            CsvRecord want = expected.get(r);
            TextRecord got = actual.get(r);
            String[] fields = new String[got.ends().length];
            for (int c = 0; c < fields.length; c++) {
                fields[c] = got.field(c);
            }
            assertArrayEquals(want.getFields().toArray(String[]::new), fields, "record " + r);
            assertEquals(want.getStartingLineNumber(), got.line(), "record " + r);
            // Record 3 is the line "": one empty field, as the empty line before it, but a quoted value, no blank.
            assertEquals(want.getFieldCount() == 1 && want.getField(0).isEmpty() && r != 3, got.isBlank(), "record " + r);
        }
    }

    @Test
    void aRecordOverTheLimitIsAnErrorNamingItsLine() {
        String text = "a,b\n1,2\n3," + "x".repeat(100) + "\n";
        CsvParseException e = assertThrows(CsvParseException.class,
                () -> settings().build(new TextRecordHandler("t.csv", 64), text).forEach(r -> { }));
        DataException cause = assertInstanceOf(DataException.class, e.getCause());
        assertEquals("t.csv, line 3: the record is longer than 64 characters (is a quote left open?)",
                cause.getMessage());
    }

    @Test
    void aFileWiderThanFastCsvsFieldLimitReads() {
        // FastCSV's own record handler stops at 16,384 fields; the only limit here is the record's length.
        int width = 20_000;
        StringBuilder csv = new StringBuilder();
        for (int line = 0; line < 2; line++) {
            for (int c = 0; c < width; c++) {
                csv.append(c == 0 ? "" : ",").append(line == 0 ? "x" + c : Integer.toString(c));
            }
            csv.append('\n');
        }
        CsvTable table = CsvTable.read(new java.io.ByteArrayInputStream(csv.toString().getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), "t.csv", ',');
        assertEquals(width, table.header().size());
        assertEquals("19999", table.field(0, width - 1));
    }
}
