package dev.ridgeline.data;

import static dev.ridgeline.testing.CsvText.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Columns left out of the features when reading for training, and frames without some columns. */
class IgnoredColumnsReadTest {
    private static final String CSV = "id,note,a,w,y\nc-1,12,1.5,1,3\nc-2,\"x, y\",2.5,2,4\nc-3,,3.5,1,5\n";

    @Test
    void leftOutColumnsAreNotReadSoWhatTheyHoldCannotStopTheRead() {
        // 'note' mixes a number, text and a missing value: read as a feature it would be refused.
        Frame frame = FrameReader.forTraining(table(CSV, ','), "y", "w", Set.of(), Set.of("id", "note"));
        assertEquals(List.of("a"), frame.names());
        assertEquals(3, frame.rows());
        assertEquals(2.5, frame.number(0, 1));
        assertEquals(2.0, frame.weight(1));
        assertEquals(4.0, frame.target(1));
        assertThrows(DataException.class, () -> FrameReader.forTraining(table(CSV, ','), "y", "w", Set.of(),
                Set.of("id")));
    }

    @Test
    void aLeftOutColumnMustExistAndHaveNoOtherRole() {
        String[][] cases = {
            {"idd", "no column named 'idd' to leave out (did you mean 'id'?)"},
            {"y", "the column 'y' is the target and cannot also be left out"},
            {"w", "the column 'w' is the row weights and cannot also be left out"},
        };
        for (String[] c : cases) {
            DataException e = assertThrows(DataException.class, () -> FrameReader.forTraining(table(CSV, ','), "y",
                    "w", Set.of(), Set.of(c[0], "note")));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        DataException both = assertThrows(DataException.class, () -> FrameReader.forTraining(table(CSV, ','), "y",
                "w", Set.of("id"), Set.of("id", "note")));
        assertTrue(both.getMessage().contains("the column 'id' is declared categorical"), both.getMessage());
        DataException none = assertThrows(DataException.class, () -> FrameReader.forTraining(table(CSV, ','), "y",
                "w", Set.of(), Set.of("id", "note", "a")));
        assertTrue(none.getMessage().contains("no feature columns besides the target 'y' and the row weights 'w' and"
                + " the 3 left out"), none.getMessage());
    }

    @Test
    void aFrameWithoutColumnsKeepsTheRestRowsTargetAndWeights() {
        Frame frame = FrameReader.forTraining(table("g,a,b,w,y\nu,1,2,1,3\nv,4,5,2,6\nu,7,8,3,9\n", ','), "y", "w",
                Set.of());
        Frame view = frame.viewRows(new int[] {2, 0});
        Frame without = view.withoutColumns(List.of("g", "b", "absent"));
        assertEquals(List.of("a"), without.names());
        assertEquals(0, without.indexOf("a"));
        assertEquals(-1, without.indexOf("g"));
        assertEquals(7.0, without.number(0, 0));
        assertEquals(9.0, without.target(0));
        assertEquals(3.0, without.weight(0));
        assertEquals(4, without.line(0));
        assertSame(view, view.withoutColumns(List.of("absent")));
    }
}
