package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvReadingTest {
    private static CsvTable table(String text) {
        return CsvTable.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", ',');
    }

    /** A file saved twice with a BOM starts with two: neither is part of the first name (it had been "\uFEFFa"). */
    @Test
    void aSecondByteOrderMarkIsNotPartOfTheFirstName() {
        assertEquals(List.of("a", "y"), table("\uFEFF\uFEFFa,y\n1,2\n").header());
    }

    /**
     * A space before an opening quote makes the quotes part of the value (a quote opens a quoted field only as
     * its first character): ' "red"' had trained as a category of its own beside 'red'. Refused, naming the
     * place, in any record, the header too; a quoted field that starts with spaces is read as before.
     */
    @Test
    void aQuoteAfterASpaceIsRefusedAndAQuotedFieldStartingWithSpacesIsNot() {
        assertEquals("t.csv, line 3, field 1: ' \"red\"' has a space before its opening quote, so CSV reads the"
                + " quotes as part of the value; remove the space after the delimiter",
                assertThrows(DataException.class, () -> table("c,y\nred,1\n \"red\",2\n")).getMessage());
        assertEquals("t.csv, line 1, field 2: ' \"y\"' has a space before its opening quote, so CSV reads the"
                + " quotes as part of the value; remove the space after the delimiter",
                assertThrows(DataException.class, () -> table("c, \"y\"\nred,1\n")).getMessage());
        // "  ""big"" one" is one quoted field: its value starts with spaces and a quote, as written.
        Frame quoted = FrameReader.forTraining(table("c,y\n\"  \"\"big\"\" one\",1\nsay \"hi\",2\n"), "y", Set.of());
        assertEquals("\"big\" one", quoted.label(quoted.indexOf("c"), 0));
        assertEquals("say \"hi\"", quoted.label(quoted.indexOf("c"), 1));
    }

    /** Header faults name the header's line (empty lines may come before it), and a long name is cut. */
    @Test
    void headerFaultsNameTheirLineAndCutLongNames() {
        assertEquals("t.csv, line 3: header column 2 has no name (after 'a')",
                assertThrows(DataException.class, () -> table("\n\na,,y\n1,2,3\n")).getMessage());
        assertEquals("t.csv, line 1: header column 1 has no name: if it is a row index, as pandas' to_csv writes one,"
                        + " write the file with index=False, or name the column and leave it out with --ignore",
                assertThrows(DataException.class, () -> table(",a,y\n1,2,3\n")).getMessage());
        assertEquals("t.csv, line 1: header columns 3 to 4 have no name (after 'y'): if they are empty columns, such as"
                + " a spreadsheet's trailing commas, remove them",
                assertThrows(DataException.class, () -> table("a,y,,\n1,2,,\n")).getMessage());
        assertEquals("t.csv, line 1: header column 3 has no name (after 'y'): if it is an empty column, such as a"
                + " spreadsheet's trailing comma, remove it",
                assertThrows(DataException.class, () -> table("a,y,\n1,2,\n")).getMessage());
        String longName = "n".repeat(100_000);
        String message = assertThrows(DataException.class, () -> table(longName + "," + longName + "\n1,2\n"))
                .getMessage();
        assertEquals("t.csv, line 1: column name '" + DataException.shown(longName) + "' appears twice in the header",
                message);
        assertTrue(message.length() < 300, message.length() + " characters");
    }

    @Test
    void readsQuotedFieldsBomAndCrlf() {
        Dataset d = CsvDatasets.numeric(table("\uFEFFa,\"b\",y\r\n1,\"2.5\",3\r\n4,5,6\r\n"), "y");
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(2.5f, d.x().get(0, 1));
        assertEquals(6f, d.target()[1]);
    }

    @Test
    void fieldsKeepEmbeddedDelimitersQuotesAndEmptyEnds() {
        CsvTable t = table("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\n,,\n");
        assertEquals(List.of("x,y", "say \"hi\"", ""), List.of(t.record(0)));
        assertEquals(3, t.fieldCount(1));
        assertEquals("", t.field(1, 0));
        assertEquals("", t.field(1, 2));
        assertEquals(3, t.line(1));
    }

    /**
     * FastCSV 4.0.0 kept a quoted field's lone CR as "the last character was CR", so the LF ending the record
     * was taken for the tail of a CRLF: the record ran on into the next line (1, 3, 4). Fixed in later
     * FastCSV releases; this pins the version we depend on.
     */
    @Test
    void aQuotedFieldHoldingALoneCrKeepsItsRecordsEnd() {
        CsvTable t = table("a,b\n1,\"q\rr\"\n3,4\n");
        assertEquals(2, t.rows());
        assertEquals(List.of("1", "q\rr"), List.of(t.record(0)));
        assertEquals(List.of("3", "4"), List.of(t.record(1)));
        assertEquals(4, t.line(1), "CR, LF and CRLF each end a line, inside quotes too");
        CsvTable header = table("a,Z,7,\"a\ra\"\n1,2,3,4\n");
        assertEquals(List.of("a", "Z", "7", "a\ra"), header.header());
        assertEquals(1, header.rows());
    }

    /** FastCSV's own message names the record's line; it is given once, not repeated as its own cause. */
    @Test
    void malformedCsvIsOneMessageNamingTheLine() {
        DataException e = assertThrows(DataException.class, () -> table("a,b\n1,2\n3,\"4\"x\n"));
        assertEquals("t.csv, line 3: malformed CSV: unexpected character after closing quote: 'x' (0x78); a quoted"
                + " field ends at its closing quote, so the delimiter or the end of the line must come next: remove what"
                + " follows the quote, or move it inside the quotes",
                e.getMessage());
    }

    /**
     * A quote left open at the end of the file took the rest as one field: {@code 4,"4} (with its line end) read
     * as the number 4, and a lone quote after the last row read as a trailing blank line, both in silence.
     */
    @Test
    void aQuoteOpenAtTheEndOfTheFileIsNamed() {
        String[][] cases = {{"a,b\n1,2\n3,\"4\n", "3"}, {"a,b\n1,2\n3,4\n\"", "4"}, {"a,b\n1,2\n3,4\n\n\"", "5"}};
        for (String[] c : cases) {
            DataException e = assertThrows(DataException.class, () -> table(c[0]), c[0]);
            assertEquals("t.csv, line " + c[1] + ": a quote opened in this record is never closed, so the rest of the"
                    + " file would be one field", e.getMessage());
        }
    }

    @Test
    void badValueNamesFileLineColumnAndValue() {
        DataException e = assertThrows(DataException.class,
                () -> CsvDatasets.numeric(table("a,b,y\n1,2,3\n4,five,6\n"), "y"));
        assertEquals("t.csv, line 3, column 'b': value 'five' is not a number", e.getMessage());
    }

    @Test
    void emptyAndNonFiniteValuesAreNamed() {
        assertEquals("t.csv, line 2, column 'a': value '' is empty (missing value)",
                assertThrows(DataException.class, () -> CsvDatasets.numeric(table("a,y\n,1\n"), "y")).getMessage());
        assertEquals("t.csv, line 2, column 'y': value 'NaN' is not a finite number",
                assertThrows(DataException.class, () -> CsvDatasets.numeric(table("a,y\n1,NaN\n"), "y")).getMessage());
        for (String other : new String[] {"nan", "-nan", "inf", "-inf", "Infinity", "-Infinity"}) {
            assertEquals("t.csv, line 2, column 'y': value '" + other + "' is not a finite number",
                    assertThrows(DataException.class, () -> CsvDatasets.numeric(table("a,y\n1," + other + "\n"), "y"))
                    .getMessage());
        }
    }

    @Test
    void missingTargetListsTheColumns() {
        DataException e = assertThrows(DataException.class, () -> CsvDatasets.numeric(table("a,b\n1,2\n"), "price"));
        assertEquals("t.csv: no column named 'price'; the columns are [a, b]", e.getMessage());
    }

    @Test
    void aHeaderSplitWithTheWrongDelimiterSaysWhichOneItHolds() {
        assertEquals("t.csv: no column named 'y'; the columns are [a;b;y] (read as one column: is the file separated "
                        + "by ';'? try --delimiter ';')",
                assertThrows(DataException.class, () -> CsvDatasets.numeric(table("a;b;y\n1;2;3\n"), "y")).getMessage());
        CsvTable tabs = CsvTable.read(new ByteArrayInputStream("a\tb\n1\t2\n".getBytes(StandardCharsets.UTF_8)), "t.tsv",
                ';');
        assertEquals("t.tsv: no column named 'b'; the columns are [a\tb] (read as one column: is the file separated "
                + "by tab? try --delimiter tab)", assertThrows(DataException.class, () -> tabs.column("b")).getMessage());
        // One real column with no other separator in its name: no guess.
        assertEquals("t.csv: no column named 'y'; the columns are [a b]",
                assertThrows(DataException.class, () -> table("a b\n1\n").column("y")).getMessage());
    }

    @Test
    void shortRowsAndDuplicateHeadersAreRejected() {
        assertEquals("t.csv, line 3: 1 field, the header has 2",
                assertThrows(DataException.class, () -> CsvDatasets.numeric(table("a,y\n1,2\n3\n"), "y")).getMessage());
        assertEquals("t.csv, line 1: column name 'a' appears twice in the header",
                assertThrows(DataException.class, () -> table("a,a,y\n1,2,3\n")).getMessage());
        assertEquals("t.csv: the file is empty (no header row)",
                assertThrows(DataException.class, () -> table("")).getMessage());
    }

    @Test
    void anEmptyLineOfAOneColumnFileIsAMissingValueInItsPlace() {
        CsvTable t = table("\n\nx\n1\n\n3\nNA\n5\n\n\r\n");
        assertEquals(List.of("x"), t.header());
        // The blank lines after the last record are a file ending in extra line breaks, not missing rows.
        assertEquals(5, t.rows());
        assertEquals("", t.field(1, 0));
        assertEquals(1, t.fieldCount(1));
        // Lines are the file's own, the skipped leading blank lines counted.
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L),
                java.util.stream.IntStream.range(0, 5).mapToObj(t::line).toList());
        assertEquals("t.csv, line 6, column 'x': value 'oops' is not a number",
                assertThrows(DataException.class, () -> FrameReader.forModel(table("x\n1\n\n3\n\noops\n"),
                        java.util.Map.of("x", ColumnKind.NUMERIC), "y")).getMessage());
    }

    /**
     * A note written above the header or between records, as other tools write comments: no line is read as a
     * comment, and the errors had named only the missing column or the field count, not the line to delete.
     */
    @Test
    void aCommentLineIsNamedAsOneWithTheRemedy() {
        assertEquals("t.csv: no column named 'y'; the columns are [# exported 2024-01-05] (the first line, '# exported "
                        + "2024-01-05', reads like a comment: every line is read as the header or a record, so delete it)",
                assertThrows(DataException.class, () -> CsvDatasets.numeric(table("# exported 2024-01-05\na,b,y\n"),
                        "y")).getMessage());
        assertEquals("t.csv: no column named 'y'; the columns are [# exported, by me] (the first line, '# exported, "
                        + "...', reads like a comment: every line is read as the header or a record, so delete it)",
                assertThrows(DataException.class, () -> CsvDatasets.numeric(table("# exported, by me\na,b,y\n"),
                        "y")).getMessage());
        // A comment-like note containing ';' is a note, not a file split at ';'.
        assertEquals("t.csv: no column named 'y'; the columns are [# a; b] (the first line, '# a; b', reads like a "
                        + "comment: every line is read as the header or a record, so delete it)",
                assertThrows(DataException.class, () -> CsvDatasets.numeric(table("# a; b\na,b,y\n"), "y"))
                        .getMessage());
        assertEquals("t.csv, line 3: 1 field, the header has 3 (the line starts with '#', a comment to other tools: "
                        + "every line is read as a record, so delete it)",
                assertThrows(DataException.class, () -> CsvDatasets.numeric(table("a,b,y\n1,2,3\n# batch 2\n4,5,6\n"),
                        "y")).getMessage());
        // Columns named '#' (a row number) or '#rooms' are names: no hint.
        assertEquals("t.csv: no column named 'y'; the columns are [#, #rooms, z]",
                assertThrows(DataException.class, () -> table("#,#rooms,z\n1,2,3\n").column("y")).getMessage());
    }

    /**
     * A header whose first name starts with '#' and is as wide as its records is the header, not a note above it:
     * "# of rooms" had been called a comment to delete, and "#rooms;x2;price" read at ',' had lost the hint at ';'.
     */
    @Test
    void aHeaderAsWideAsItsRecordsIsNotNamedAsAComment() {
        assertEquals("t.csv: no column named 'prize' (did you mean 'price'?); the columns are [# of rooms, x2, price]",
                assertThrows(DataException.class, () -> table("# of rooms,x2,price\n3,1,100\n").column("prize"))
                        .getMessage());
        assertEquals("t.csv: no column named 'price'; the columns are [#rooms;x2;price] (read as one column: is the"
                        + " file separated by ';'? try --delimiter ';')",
                assertThrows(DataException.class, () -> table("#rooms;x2;price\n3;1;100\n").column("price"))
                        .getMessage());
        // Read in chunks, as the command line reads, the header comes alone: the first record is read ahead.
        assertEquals("t.csv: no column named 'prize' (did you mean 'price'?); the columns are [# of rooms, x2, price]",
                assertThrows(DataException.class, () -> FrameReader.forTraining(chunks("# of rooms,x2,price\n\n3,1,100\n"),
                        "prize", null, Set.of(), 1)).getMessage());
        assertEquals("t.csv: no column named 'y'; the columns are [# exported, by me] (the first line, '# exported, "
                        + "...', reads like a comment: every line is read as the header or a record, so delete it)",
                assertThrows(DataException.class, () -> FrameReader.forTraining(chunks("# exported, by me\na,b,y\n"),
                        "y", null, Set.of(), 1)).getMessage());
        // The record read ahead is still read: the blank line before it is the error it was.
        try (CsvChunks chunks = chunks("# of rooms,x2,price\n\n3,1,100\n")) {
            chunks.withoutRows().delimiterHint();
            CsvTable read = chunks.next();
            assertEquals(2, read.rows());
            assertEquals(List.of("3", "1", "100"), List.of(read.record(1)));
        }
    }

    /** A record short of a field whose first value starts with '#' ("#N/A", a spreadsheet's) is no comment. */
    @Test
    void aShortRecordStartingWithAHashValueIsNotNamedAsAComment() {
        assertEquals("t.csv, line 3: 2 fields, the header has 3",
                assertThrows(DataException.class, () -> FrameReader.forTraining(chunks("t,x,y\n#a,1,2\n#N/A,2\n"), "y",
                        null, Set.of("t"), 1)).getMessage());
    }

    private static CsvChunks chunks(String text) {
        return CsvChunks.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", ',', 10);
    }

    @Test
    void anEmptyLineInsideAWiderFileIsRefusedWithItsLineAndTrailingOnesAreDropped() {
        assertEquals("t.csv, line 3: 1 field, the header has 3 (the line is empty: delete it, or write a row of"
                        + " missing values as ',,')",
                assertThrows(DataException.class, () -> CsvDatasets.numeric(table("a,b,y\n1,2,3\n\n4,5,6\n"), "y"))
                        .getMessage());
        CsvTable t = table("a,b,y\n1,2,3\n4,5,6\n\n\r\n\n");
        assertEquals(2, t.rows());
        assertEquals(3, t.line(1));
    }

    /**
     * A line holding only {@code ""} is a quoted empty value, not an empty line: at the end of a wider file it is
     * the short record it is mid-file (it had been dropped as a trailing empty line), and in a one-column file a
     * missing value, at the end too.
     */
    @Test
    void aLineOfAnEmptyQuotedValueIsARecordAlsoAtTheEnd() {
        for (String text : new String[] {"a,b,y\n1,2,3\n\"\"\n4,5,6\n", "a,b,y\n1,2,3\n4,5,6\n\"\"\n"}) {
            CsvTable t = table(text);
            assertEquals(3, t.rows(), text);
            DataException e = assertThrows(DataException.class, () -> CsvDatasets.numeric(t, "y"));
            assertEquals("t.csv, line " + (text.indexOf("\"") > 15 ? 4 : 3) + ": 1 field, the header has 3 (the line"
                    + " holds only \"\", one quoted empty value: delete it, or write a row of missing values as ',,')",
                    e.getMessage());
        }
        CsvTable one = table("x\n1\n\"\"\n");
        assertEquals(2, one.rows());
        assertEquals("", one.field(1, 0));
    }

    /**
     * pandas' {@code df.to_csv("f.csv")} writes the row index as a first column without a name, the commonest
     * unnamed column: the error had named the column only.
     */
    @Test
    void anUnnamedFirstColumnIsNamedAsTheRowIndexPandasWrites() {
        assertEquals("t.csv, line 1: header column 1 has no name: if it is a row index, as pandas' to_csv writes one,"
                        + " write the file with index=False, or name the column and leave it out with --ignore",
                assertThrows(DataException.class, () -> table(",size,price\n0,50,1000\n1,60,1200\n")).getMessage());
    }

    /**
     * A line of only spaces looks empty: before the header it is skipped as an empty line is (it had been a header
     * whose first column has no name), and among the data the error says what it holds.
     */
    @Test
    void aLineOfOnlySpacesIsTreatedAsTheEmptyLineItLooksLike() {
        CsvTable t = table("  \n\t\na,b,y\n1,2,3\n");
        assertEquals(List.of("a", "b", "y"), t.header());
        assertEquals(4, t.line(0));
        assertEquals("t.csv, line 3: 1 field, the header has 3 (the line is only spaces: delete it, or write a row of"
                        + " missing values as ',,')",
                assertThrows(DataException.class, () -> CsvDatasets.numeric(table("a,b,y\n1,2,3\n   \n"), "y"))
                        .getMessage());
    }

    /** A last line holding a DOS end-of-file mark (U+001A) is named as such, not as spaces. */
    @Test
    void aLineWithAControlCharacterAmongItsSpacesNamesIt() {
        assertEquals("t.csv, line 3: 1 field, the header has 3 (the line is blank but for the control character"
                        + " U+001A (an end-of-file mark of old DOS editors): delete it, or write a row of missing values"
                        + " as ',,')",
                assertThrows(DataException.class, () -> CsvDatasets.numeric(table("a,b,y\n1,2,3\n\u001a"), "y"))
                        .getMessage());
        assertEquals("t.csv, line 3: 1 field, the header has 3 (the line is blank but for the control character"
                        + " U+0007: delete it, or write a row of missing values as ',,')",
                assertThrows(DataException.class, () -> CsvDatasets.numeric(table("a,b,y\n1,2,3\n \u0007\n"), "y"))
                        .getMessage());
    }

    @Test
    void csvFieldQuotesOnlyWhatNeedsIt() {
        assertEquals("plain name", CsvTable.csvField("plain name"));
        assertEquals("\"a,b\"", CsvTable.csvField("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvTable.csvField("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvTable.csvField("two\nlines"));
        String text = "x," + CsvTable.csvField("price, \"USD\"") + "," + CsvTable.csvField("a\r\nb") + "\n1,2,3\n";
        assertEquals(List.of("x", "price, \"USD\"", "a\r\nb"), table(text).header());
    }

    @Test
    void embeddedDiabetesHasTheExpectedShape() {
        Dataset d = EmbeddedData.diabetes();
        assertEquals(442, d.rows());
        assertEquals(10, d.features());
        assertEquals("progression", d.targetNames().get(0));
    }

    @Test
    void anyDelimiterButTheQuoteAndLineBreaksWorks() {
        for (char d : new char[] {'#', ';', '|', ' ', '\t', '!'}) {
            // '~' stands for the delimiter; a line that starts with it (or with '#') is data, never a comment.
            String text = "\"#id\"~a~y\n\"#1\"~\"x~y\"~3\n~b~4\n".replace('~', d);
            CsvTable t = CsvTable.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", d);
            assertEquals(List.of("#id", "a", "y"), t.header(), "delimiter " + d);
            assertEquals(List.of("#1", "x" + d + "y", "3"), List.of(t.record(0)), "delimiter " + d);
            assertEquals(List.of("", "b", "4"), List.of(t.record(1)), "delimiter " + d);
            assertEquals(3, t.line(1));
        }
        for (char d : new char[] {'"', '\r', '\n'}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTable.read(
                    new ByteArrayInputStream("a\n1\n".getBytes(StandardCharsets.UTF_8)), "t.csv", d));
            assertEquals("the delimiter " + CsvTable.unusableDelimiter(d), e.getMessage());
        }
        assertEquals("'\"' cannot separate fields: it is the quote character", CsvTable.unusableDelimiter('"'));
        assertEquals("'\\n' cannot separate fields: a line break ends records", CsvTable.unusableDelimiter('\n'));
    }

    @Test
    void aFieldBeyondTheReadersLimitIsNamedWithItsLine() {
        String text = "a,y\n1,2\n" + "7".repeat(17 << 20) + ",3\n";
        DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                () -> FrameReader.forTraining(table(text), "y", java.util.Set.of()));
        assertEquals("t.csv, line 3: a field longer than 16,777,216 characters, the most one field may hold (is a"
                + " quote left open? A quoted field runs on, over delimiters and lines, to the next quote)", e.getMessage());
    }

    /**
     * A quote left open in a large file runs into the field limit before the file ends: the error had named only
     * the length, of a field whose line is 4 characters long.
     */
    @Test
    void anUnclosedQuoteInALargeFileIsSuggested() {
        String text = "a,y\n1,2\n\"3,4\n" + "5,6\n".repeat(5 << 20);
        DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                () -> FrameReader.forTraining(table(text), "y", java.util.Set.of()));
        assertTrue(e.getMessage().startsWith("t.csv, line 3: a field longer than"), e.getMessage());
        assertTrue(e.getMessage().contains("is a quote left open?"), e.getMessage());
    }
}
