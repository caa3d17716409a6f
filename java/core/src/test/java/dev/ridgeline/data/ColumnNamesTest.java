package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnNamesTest {
    /**
     * A name typed in a Latin-1 terminal reaches the JVM with U+FFFD for its bytes that are not UTF-8: the cause is
     * named, as the path options name it, and the suggestion kept; a header that holds U+FFFD itself gets neither.
     */
    @Test
    void aNameOfBytesThatAreNotUtf8SaysSoAndKeepsTheSuggestion() {
        String cause = "the name holds bytes that are not UTF-8 text, shown as \uFFFD, as a terminal or script in"
                + " another encoding (such as Latin-1) sends them: give it in UTF-8";
        assertEquals(" (" + cause + "; did you mean 'gr\u00F6\u00DFe'?)",
                ColumnNames.didYouMean("gr\uFFFD\uFFFDe", List.of("id", "gr\u00F6\u00DFe", "y")));
        assertEquals(" (" + cause + ")", ColumnNames.didYouMean("\uFFFD\uFFFD\uFFFD", List.of("id", "price")));
        assertEquals("", ColumnNames.didYouMean("a\uFFFDb", List.of("x\uFFFDy", "price")));
    }

    @Test
    void aShortListReadsAsAList() {
        assertEquals("[a, b, c]", ColumnNames.listed(List.of("a", "b", "c")));
        assertEquals("[]", ColumnNames.listed(List.of()));
    }

    @Test
    void aLongListNamesTwentyAndCountsTheRest() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            names.add("x" + i);
        }
        String listed = ColumnNames.listed(names);
        assertTrue(listed.startsWith("[x0, x1, "), listed);
        assertTrue(listed.endsWith(", x19, ... and 4,980 more]"), listed);
    }

    @Test
    void aVeryLongNameIsCut() {
        String listed = ColumnNames.listed(List.of("z".repeat(1_000_000)));
        assertTrue(listed.length() < 200 && listed.contains("(1000000 characters)"), listed);
    }

    @Test
    void caseAndSpacesAreSuggestedFirst() {
        assertEquals(" (did you mean 'y'?)", ColumnNames.didYouMean("Y", List.of("a", "y", "yy")));
        assertEquals(" (did you mean 'y'?)", ColumnNames.didYouMean(" y", List.of("a", "y")));
    }

    @Test
    void theNearestMisspellingsAreSuggestedNearestFirst() {
        assertEquals(" (did you mean 'price' or 'prices'?)",
                ColumnNames.didYouMean("prise", List.of("rooms", "prices", "price", "area")));
        assertEquals("", ColumnNames.didYouMean("bogus", List.of("rooms", "price", "area")));
        assertEquals("", ColumnNames.didYouMean("z", List.of("a", "w", "c", "y")));
        assertEquals(" (did you mean 'aera'?)", ColumnNames.didYouMean("area", List.of("aera", "rooms")));
        assertEquals(" (did you mean 'price'?)", ColumnNames.didYouMean("pirce", List.of("rooms", "price")));
    }

    /** A stray double quote, as an unbalanced one in a list option leaves it, is named with the quoting rule. */
    @Test
    void aNameWithAQuoteGetsTheQuotingRule() {
        String rule = " (an unbalanced double quote? In a list a name holding a comma goes whole in double quotes:"
                + " '\"cust, id\"')";
        assertEquals(rule, ColumnNames.didYouMean("\"cust", List.of("rooms", "price")));
        assertEquals(" (did you mean 'price'?)" + rule, ColumnNames.didYouMean("\"price", List.of("rooms", "price")));
    }

    /** Balanced quotes with text outside them are not called unbalanced, and get the same rule. */
    @Test
    void balancedQuotesWithTextOutsideGetTheRuleNotTheWordUnbalanced() {
        assertEquals(" (text outside a name's double quotes? In a list a name holding a comma goes whole in double"
                + " quotes: '\"cust, id\"')", ColumnNames.didYouMean("\"cust, id\"x", List.of("rooms", "price")));
    }

    /** A name wholly in quotes comes from a one-name option, which keeps them: the hint says so. */
    @Test
    void aNameWhollyInQuotesIsToldThatOnlyListsTakeThemOff() {
        assertEquals(" (did you mean 'price'?) (the double quotes are part of the name here: only the list options"
                + " (--ignore, --keep, --categorical, --sensitive) take them off)",
                ColumnNames.didYouMean("\"price\"", List.of("rooms", "price")));
    }

    @Test
    void editsCountASwapOfNeighboursAsOne() {
        assertEquals(0, ColumnNames.edits("price", "price"));
        assertEquals(1, ColumnNames.edits("pirce", "price"));
        assertEquals(1, ColumnNames.edits("price", "prices"));
        assertEquals(3, ColumnNames.edits("kitten", "sitting"));
        assertEquals(3, ColumnNames.edits("", "abc"));
    }

    @Test
    void aMissingColumnOfAWideFileIsOneShortLine() {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            header.append(i == 0 ? "" : ",").append("x").append(i);
        }
        header.append(",y\n");
        CsvTable table = CsvTable.read(new ByteArrayInputStream(header.toString().getBytes(StandardCharsets.UTF_8)),
                "wide.csv", ',');
        DataException e = assertThrows(DataException.class, () -> table.column("Y"));
        assertEquals("wide.csv: no column named 'Y' (did you mean 'y'?); the columns are [x0, x1, x2, x3, x4, x5, x6,"
                + " x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, x18, x19, ... and 4,981 more]", e.getMessage());
    }

    /**
     * A name holding a comma is listed in double quotes (bare, [cust, id, a] read as two columns), and a piece of
     * it, as --ignore 'cust, id' splits it, is pointed at the whole name and the quoting rule.
     */
    @Test
    void aNameHoldingACommaIsListedQuotedAndItsPieceIsPointedAtIt() {
        List<String> header = List.of("cust, id", "a", "y");
        assertEquals("t.csv: no column named 'cust' to leave out (part of the column 'cust, id'? In a list a name"
                + " holding a comma goes whole in double quotes: '\"cust, id\"'); the columns are [\"cust, id\", a, y]",
                ColumnNames.absent("t.csv", "cust", "leave out", header, ""));
        assertEquals("t.csv: no column named 'b' to leave out; the columns are [\"cust, id\", a, y]",
                ColumnNames.absent("t.csv", "b", "leave out", header, ""));
    }
}
