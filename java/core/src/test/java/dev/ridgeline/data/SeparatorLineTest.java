package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A spreadsheet's first line "sep=;" names the delimiter; it had been read as a header of one column. */
class SeparatorLineTest {
    private static CsvTable table(String text, char delimiter) {
        return CsvTable.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", delimiter);
    }

    @Test
    void aSeparatorLineNamingTheDelimiterInUseIsSkippedAndLinesKeepTheirNumbers() {
        CsvTable semi = table("sep=;\na;y\n1;2\n", ';');
        assertEquals(List.of("a", "y"), semi.header());
        assertEquals(3, semi.line(0));
        assertEquals(List.of("a", "y"), table("\uFEFFsep=,\na,y\n1,2\n", ',').header());
        assertEquals(List.of("a", "y"), table("sep=\t\na\ty\n1\t2\n", '\t').header());
    }

    @Test
    void aSeparatorLineNamingAnotherDelimiterIsRefusedWithTheOptionToPass() {
        assertEquals("t.csv, line 1: the line 'sep=;' says the file is separated by ';', but it is read with ',';"
                + " try --delimiter ';'", assertThrows(DataException.class, () -> table("sep=;\na;y\n1;2\n", ','))
                .getMessage());
        assertEquals("t.csv, line 1: the line 'sep=\\t' says the file is separated by tab, but it is read with ',';"
                + " try --delimiter tab", assertThrows(DataException.class, () -> table("sep=\t\na\ty\n", ','))
                .getMessage());
    }

    @Test
    void onlyTheFirstLineAndOnlyTheExactFormAreSeparatorLines() {
        // After an empty first line it is a header like any other; "sep=;;" or "sep" are column names.
        assertEquals(List.of("sep=;"), table("\nsep=;\n1\n", ',').header());
        assertEquals(List.of("sep=;;"), table("sep=;;\n1\n", ',').header());
        assertEquals(List.of("sep", "y"), table("sep,y\n1,2\n", ',').header());
    }

    @Test
    void aFirstLineSepEqualsALetterOrDigitIsAHeaderNotADelimiter() {
        // No spreadsheet writes "sep=1": it is a column's name, in the delimiter the file is read with or not.
        assertEquals(List.of("sep=1"), table("sep=1\n3\n4\n", ',').header());
        assertEquals(List.of("sep=x"), table("sep=x\n3\n", ';').header());
    }
}
