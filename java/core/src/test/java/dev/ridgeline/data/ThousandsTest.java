package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The heap messages' numbers read as the formatter's {@code %,d} writes them, without the formatter. */
class ThousandsTest {
    @Test
    void groupsDigitsInThreesAsTheFormatterDoes() {
        for (long v : new long[] {0, 7, 23, 999, 1000, 1024, 65_536, 999_999, 1_000_000, 12_345_678_901L, -1, -1234,
                Long.MAX_VALUE, Long.MIN_VALUE + 1}) {
            assertEquals(String.format(Locale.ROOT, "%,d", v), DataException.thousands(v), String.valueOf(v));
        }
    }
}
