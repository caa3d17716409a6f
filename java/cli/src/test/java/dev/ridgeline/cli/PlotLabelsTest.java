package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlotLabelsTest {
    @Test
    void longNamesKeepTheirStartAndEndAroundAnEllipsis() {
        assertEquals("x35", PlotLabels.shorten("x35", 24));
        String name = "measurement_of_something_long_21";  // 32 characters
        String cut = PlotLabels.shorten(name, 24);
        assertEquals("measurement_\u2026ing_long_21", cut);
        assertEquals(24, cut.length());
        assertEquals("abcdefghij", PlotLabels.shorten("abcdefghij", 10));
        assertEquals("abcde\u2026hijk", PlotLabels.shorten("abcdefghijk", 10));
    }

    @Test
    void characterCountsAreCodePoints() {
        // Six emoji of two chars each: shortened to 5 code points, never splitting a surrogate pair.
        String emoji = "\uD83D\uDE00".repeat(6);
        assertEquals("\uD83D\uDE00\uD83D\uDE00\u2026\uD83D\uDE00\uD83D\uDE00", PlotLabels.shorten(emoji, 5));
    }

    @Test
    void namesWhoseShortFormsCoincideStayWhole() {
        String a = "measurement_of_A_something_long_21";
        String b = "measurement_of_B_something_long_21";
        assertEquals(List.of(a, b, "x1"), PlotLabels.shortenAll(List.of(a, b, "x1")));
        assertEquals(List.of("measurement_\u2026ing_long_21", "x1"), PlotLabels.shortenAll(List.of(a, "x1")));
    }

    @Test
    void labelsTurnUprightAsBarsCrowdTheAxis() {
        assertEquals(0, PlotLabels.rotation(6));
        assertEquals(45, PlotLabels.rotation(7));
        assertEquals(45, PlotLabels.rotation(20));
        assertEquals(90, PlotLabels.rotation(21));
    }
}
