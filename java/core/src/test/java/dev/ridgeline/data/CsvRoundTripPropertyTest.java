package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.testing.CsvText;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any table of text fields written per RFC 4180 reads back field for field: quotes, delimiters, line breaks
 * (LF, CRLF, a lone CR) inside quoted fields, non-ASCII text (outside the BMP too), spaces kept at the ends of
 * fields, empty fields. Written by a writer in this test (quoting what needs it, or every field) and by
 * {@link CsvTable#csvField}. The one documented loss: trailing empty records of a one-column file are dropped.
 */
class CsvRoundTripPropertyTest {
    private static final String[] TEXT = {"a", "Z", "7", "-1.5e3", " ", ".", "é", "中文", "\uD83D\uDE00", "ß",
        "'", "#", ",", ";", "\t", "|", "\"", "\n", "\r\n", "\r", "NA", "\u00A0", "\uFEFF"};

    enum Quoting { WHERE_NEEDED, EVERY_FIELD, CSV_FIELD }

    record Table(char delimiter, String lineEnd, Quoting quoting, List<String> header, List<List<String>> rows) {
        /** Shown with escapes, so that a shrunk sample says which line breaks and marks it holds. */
        @Override
        public String toString() {
            return escaped("Table[delimiter=" + delimiter + ", lineEnd=" + lineEnd + ", quoting=" + quoting
                    + ", header=" + header + ", rows=" + rows + "]");
        }
    }

    private static String escaped(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> out.append(c >= ' ' && c < 127 ? Character.toString(c)
                : String.format("\\u%04X", c)));
        return out.toString();
    }

    @Provide
    Arbitrary<Table> tables() {
        Arbitrary<Character> delimiter = Arbitraries.of(',', ';', '\t', '|');
        Arbitrary<Integer> columns = Arbitraries.integers().between(1, 4);
        return Combinators.combine(delimiter, Arbitraries.of("\n", "\r\n"), Arbitraries.of(Quoting.class), columns)
                .flatAs((d, end, quoting, n) -> Combinators.combine(
                        headerName().list().ofSize(n).uniqueElements(),
                        text().list().ofSize(n).list().ofMaxSize(6))
                        .as((header, rows) -> new Table(quoting == Quoting.CSV_FIELD ? ',' : d, end, quoting,
                                header, rows)));
    }

    /** Fields: any sequence of the awkward pieces above. */
    private static Arbitrary<String> text() {
        return Arbitraries.of(TEXT).list().ofMaxSize(6).map(parts -> String.join("", parts));
    }

    /**
     * Header names: non-empty, without spaces at the ends (the reader trims them, no-break spaces included:
     * {@link UnicodeText#trimmed}) or a leading byte-order mark.
     */
    private static Arbitrary<String> headerName() {
        return text().filter(s -> !s.isEmpty() && s.equals(UnicodeText.trimmed(s)) && s.charAt(0) != '\uFEFF');
    }

    @Property(tries = 200, seed = "4180")
    void anyTableReadsBackFieldForField(@ForAll("tables") Table t) {
        StringBuilder file = new StringBuilder();
        line(file, t, t.header());
        for (List<String> row : t.rows()) {
            line(file, t, row);
        }
        CsvTable read = CsvText.table(file.toString(), t.delimiter());
        assertEquals(t.header(), read.header());
        List<List<String>> expected = new ArrayList<>(t.rows());
        // Trailing empty lines are dropped; an empty value written as "" is a value, kept.
        while (t.header().size() == 1 && !expected.isEmpty() && expected.get(expected.size() - 1).get(0).isEmpty()
                && field("", t).isEmpty()) {
            expected.remove(expected.size() - 1);
        }
        assertEquals(expected.size(), read.rows(), "rows");
        for (int r = 0; r < expected.size(); r++) {
            assertArrayEquals(expected.get(r).toArray(new String[0]), read.record(r), "row " + r);
        }
    }

    private static void line(StringBuilder file, Table t, List<String> fields) {
        for (int c = 0; c < fields.size(); c++) {
            if (c > 0) {
                file.append(t.delimiter());
            }
            file.append(field(fields.get(c), t));
        }
        file.append(t.lineEnd());
    }

    private static String field(String text, Table t) {
        boolean needsQuotes = text.indexOf(t.delimiter()) >= 0 || text.indexOf('"') >= 0
                || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return switch (t.quoting()) {
            case CSV_FIELD -> CsvTable.csvField(text);
            case EVERY_FIELD -> quoted(text);
            case WHERE_NEEDED -> needsQuotes ? quoted(text) : text;
        };
    }

    private static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
