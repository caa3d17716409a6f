package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Table cells padded by terminal columns, and name columns as wide as their longest name (within a cap). */
class TextCellsTest {
    @Test
    void wideCharactersTakeTwoColumnsAndCombiningMarksNone() {
        assertEquals(3, TextCells.width("abc"));
        assertEquals(4, TextCells.width("年齢"));
        assertEquals(7, TextCells.width("区域=东"));  // 2 + 2 + 1 + 2
        assertEquals(3, TextCells.width("Zu\u0308r"));  // "Zür" with the umlaut decomposed: 4 chars, 3 columns
        assertEquals(6, TextCells.width("Zu\u0308rich"));
        assertEquals(2, TextCells.width("\uD840\uDC00"));  // U+20000, CJK extension B: one wide character
    }

    @Test
    void padFillsToTheColumnsAndNeverCuts() {
        assertEquals("年齢  |", TextCells.pad("年齢", 6) + "|");
        assertEquals("abc|", TextCells.pad("abc", 2) + "|");
    }

    @Test
    void aNameColumnFitsItsLongestNameBetweenTheMinimumAndTheCap() {
        assertEquals(12, TextCells.nameColumn(12, List.of("age", "bmi")));
        assertEquals(23, TextCells.nameColumn(12, List.of("age", "blood_pressure_systolic")));
        assertEquals(TextCells.MAX_NAME_WIDTH, TextCells.nameColumn(12, List.of("x".repeat(300))));
        assertEquals(12, TextCells.nameColumn(12, List.of()));
    }
}
