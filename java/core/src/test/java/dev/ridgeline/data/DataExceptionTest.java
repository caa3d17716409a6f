package dev.ridgeline.data;

import static dev.ridgeline.testing.CsvText.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Values as messages quote them. */
class DataExceptionTest {
    @Test
    void invisibleCharactersAreWrittenOut() {
        assertEquals("\\uFEFFa", DataException.shown("\uFEFFa"));
        assertEquals("price\\u200B", DataException.shown("price\u200B"));
        assertEquals("x\\u200Ey", DataException.shown("x\u200Ey"));
        String plain = "Z\u00fcrich 1.5";
        assertSame(plain, DataException.shown(plain), "visible text is quoted as it is");
        assertEquals(null, DataException.shown(null));
    }

    /**
     * A backslash is written doubled, so that a name holding a backslash then n is not read as one holding a line
     * break (which the command line writes \n), nor a backslash then uFEFF as a byte-order mark; ordinary names
     * are quoted as they are.
     */
    @Test
    void aBackslashIsWrittenDoubledSoThatEscapesAreUnambiguous() {
        assertEquals("a\\\\nb", DataException.shown("a\\nb"));
        assertEquals("a\nb", DataException.shown("a\nb"));  // the line break itself is the command line's to write
        assertEquals("\\\\uFEFFa", DataException.shown("\\uFEFFa"));
        assertEquals("\\uFEFFa", DataException.shown("\uFEFFa"));
        assertEquals("C:\\\\data\\u200B", DataException.shown("C:\\data\u200B"));
        for (String plain : new String[] {"price", "cust, id", "Z\u00fcrich", "a/b", "x=1"}) {
            assertSame(plain, DataException.shown(plain), plain);
        }
        DataException e = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("\"a\\nb\",y\n1,2\nx,3\n", ','), "y", Set.of()));
        assertTrue(e.getMessage().startsWith("t.csv, column 'a\\\\nb' mixes"), e.getMessage());
        // The option to type names the column as it is, with its one backslash.
        assertTrue(e.getMessage().endsWith("--categorical a\\nb if every value is a category"), e.getMessage());
        DataException absent = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("\"a\\nb\",\"a\nb\",y\n1,2,3\n", ','), "zz", Set.of()));
        assertTrue(absent.getMessage().endsWith("the columns are [a\\\\nb, a\nb, y]"), absent.getMessage());
    }

    /** Two files joined leave a byte-order mark mid-file: the error had quoted '\uFEFFa' as 'a'. */
    @Test
    void aByteOrderMarkMidFileIsNamed() {
        DataException e = assertThrows(DataException.class, () -> FrameReader.forTraining(
                table("a,b,y\n1,2,3\n2,1,5\n\uFEFFa,b,y\n3,5,2\n", ','), "y", Set.of()));
        assertTrue(e.getMessage().contains("the text '\\uFEFFa'"), e.getMessage());
    }

    @Test
    void aLongValueIsCutAndStillWrittenOut() {
        String shown = DataException.shown("\u200B" + "9".repeat(100));
        assertTrue(shown.startsWith("\\u200B999"), shown);
        assertTrue(shown.endsWith("... (101 characters)"), shown);
    }

    /** The option an error suggests names the column as it is: its invisible character written out would name another. */
    @Test
    void theSuggestedCategoricalOptionNamesTheColumnAsItIs() {
        DataException e = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("\u200Bprice,y\n1,2\nx,3\n", ','), "y", Set.of()));
        assertTrue(e.getMessage().startsWith("t.csv, column '\\u200Bprice' mixes"), e.getMessage());
        assertTrue(e.getMessage().endsWith("--categorical \u200Bprice if every value is a category"), e.getMessage());
    }
}
