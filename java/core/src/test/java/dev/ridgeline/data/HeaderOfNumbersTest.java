package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderOfNumbersTest {
    @Test
    void aHeaderOfNumbersOnlyReadsLikeARowOfData() {
        assertTrue(ValueHints.headerOfNumbers(List.of("1.5", " -2", "3e4", "400")));
        assertFalse(ValueHints.headerOfNumbers(List.of("1.5", "2", "y")));
        assertFalse(ValueHints.headerOfNumbers(List.of("1.5", "NaN")));  // NaN is no value a data row holds here
        assertFalse(ValueHints.headerOfNumbers(List.of("1.5", "")));
        assertFalse(ValueHints.headerOfNumbers(List.of()));
    }
}
