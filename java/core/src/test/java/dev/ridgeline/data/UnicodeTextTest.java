package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Names and labels are read composed (NFC), so a decomposed file reads as the composed one. */
class UnicodeTextTest {
    private static final String COMPOSED = "gr\u00f6\u00dfe,city,y\nZ\u00fcrich,Z\u00fcrich,1\n2,Oslo,2\n";

    @Test
    void composedTextIsReturnedAsItIs() {
        String ascii = "price";
        assertSame(ascii, UnicodeText.composed(ascii));
        String nfc = "Z\u00fcrich";
        assertSame(nfc, UnicodeText.composed(nfc));
        assertEquals(nfc, UnicodeText.composed("Zu\u0308rich"));
    }

    /**
     * Labels lose the no-break spaces around them too (U+00A0 ends many cells exported from spreadsheets and
     * web pages): 'Paris\u00a0' had been a category of its own beside 'Paris', and a cell of only such
     * spaces is missing, as an empty one is.
     */
    @Test
    void labelsAreTrimmedOfNoBreakSpacesAndAllSpaceIsMissing() {
        assertEquals("Paris", UnicodeText.trimmed("Paris\u00a0"));
        assertEquals("Oslo", UnicodeText.trimmed("\u202f\tOslo \u2007"));
        assertEquals("S\u00e3o Paulo", UnicodeText.trimmed("\u3000S\u00e3o Paulo\u00a0"));
        String plain = "Oslo";
        assertSame(plain, UnicodeText.trimmed(plain));
        Frame f = FrameReader.forTraining(table("city,y\nParis,1\nParis\u00a0,2\n\u00a0Oslo,3\n\u00a0,4\n"), "y",
                Set.of());
        assertEquals("Paris", f.label(0, 0));
        assertEquals("Paris", f.label(0, 1));
        assertEquals("Oslo", f.label(0, 2));
        assertEquals(true, f.isMissing(0, 3));
    }

    /** In a numeric column the same spaces are white space too: the number beside them, or a missing cell. */
    @Test
    void numbersAreTrimmedOfNoBreakSpacesAndAllSpaceIsMissing() {
        Frame f = FrameReader.forTraining(table("x,y\n1.5\u00a0,1\n\u202f2,2\n\u00a0,3\n4,4\n"), "y", Set.of());
        assertEquals(List.of("x"), f.names());
        assertEquals(ColumnKind.NUMERIC, f.kind(0));
        assertEquals(1.5, f.number(0, 0));
        assertEquals(2.0, f.number(0, 1));
        assertEquals(true, f.isMissing(0, 2));
        assertEquals(4.0, f.number(0, 3));
    }

    /**
     * Column names too: 'b' + U+00A0 had been a column 'b ' that no option could name (options are trimmed), and
     * a name of only U+00A0 a column ' ' where one of plain spaces has no name.
     */
    @Test
    void columnNamesAreTrimmedOfNoBreakSpaces() {
        Frame f = FrameReader.forTraining(table("a,b\u00a0,\u202fy\n1,2,3\n2,1,5\n"), "y", Set.of());
        assertEquals(List.of("a", "b"), f.names());
        assertEquals("y", f.targetName());
        DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a,\u00a0,y\n1,2,3\n"), "y", Set.of()));
        assertTrue(e.getMessage().contains("header column 2 has no name"), e.getMessage());
    }

    @Test
    void aDecomposedFileReadsAsTheComposedOne() {
        String decomposed = Normalizer.normalize(COMPOSED, Normalizer.Form.NFD);
        Frame nfc = FrameReader.forTraining(table(COMPOSED), "y", Set.of("gr\u00f6\u00dfe"));
        Frame nfd = FrameReader.forTraining(table(decomposed), "y", Set.of("gr\u00f6\u00dfe"));
        assertEquals(nfc.names(), nfd.names());
        assertEquals(List.of("gr\u00f6\u00dfe", "city"), nfd.names());
        for (int c = 0; c < 2; c++) {
            assertEquals(nfc.label(c, 0), nfd.label(c, 0));
        }
        assertEquals("Z\u00fcrich", nfd.label(1, 0));
        // Names asked for decomposed find the composed columns.
        assertEquals(1, nfc.indexOf("city"));
        assertEquals(0, nfc.indexOf("gro\u0308\u00dfe"));
        Frame asked = FrameReader.forTraining(table(COMPOSED), "y", Set.of("gro\u0308\u00dfe"));
        assertEquals(ColumnKind.CATEGORICAL, asked.kind(0));
    }

    private static CsvTable table(String text) {
        return CsvTable.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", ',');
    }
}
