package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The file-name part of a sensitive attribute's plot: portable ASCII, and never a bare "_". */
class PlotStemTest {
    @Test
    void accentsAreDroppedAndOtherCharactersBecomeOneUnderscore() {
        assertEquals("sex", CardAssembler.plotStem("sex", 1));
        assertEquals("Region", CardAssembler.plotStem("Région", 1));
        assertEquals("Zurich_Bern", CardAssembler.plotStem("Zürich / Bern", 1));
        assertEquals("Gro_e", CardAssembler.plotStem("Größe", 1));  // ß has no accent to drop
        assertEquals("a_b_x_c", CardAssembler.plotStem("a b x c", 1));
    }

    /** "性别" had made groups-_.png, and a second such column groups-_-2.png. */
    @Test
    void aNameWithNoAsciiLetterOrDigitLeftIsNamedByItsPlace() {
        assertEquals("attribute-2", CardAssembler.plotStem("性别", 2));
        assertEquals("attribute-1", CardAssembler.plotStem("--", 1));
    }
}
