package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/**
 * A value that is not finite reaches the option's range check however it is spelled; a whole number beyond the
 * type's range is named as such.
 */
class NumberConvertersTest {
    @Test
    void infinitiesAndNaNAreReadInTheSpellingsOtherToolsUse() {
        for (String inf : new String[] {"inf", "Inf", "+INF", "infinity", "Infinity", " inf "}) {
            assertEquals(Double.POSITIVE_INFINITY, NumberConverters.real(inf), inf);
        }
        assertEquals(Double.NEGATIVE_INFINITY, NumberConverters.real("-inf"));
        assertEquals(Double.NEGATIVE_INFINITY, NumberConverters.real("-Infinity"));
        assertTrue(Double.isNaN(NumberConverters.real("nan")));
        assertTrue(Double.isNaN(NumberConverters.real("NaN")));
        assertEquals(0.25, NumberConverters.real("2.5e-1"));
        assertEquals(8.0, NumberConverters.real("0x1p3"));
        assertEquals("'infinite' is not a number",
                assertThrows(TypeConversionException.class, () -> NumberConverters.real("infinite")).getMessage());
        assertEquals("'' is not a number",
                assertThrows(TypeConversionException.class, () -> NumberConverters.real("")).getMessage());
    }

    /** Java's type letters (1f, 2d) are no part of a number here, as in a CSV file; the command line says so. */
    @Test
    void aTrailingTypeLetterIsNotANumber() {
        for (String text : new String[] {"1f", "1F", "2d", "2.5D", "1e-7f", " 0.1f "}) {
            assertEquals("'" + text + "' is not a number",
                    assertThrows(TypeConversionException.class, () -> NumberConverters.real(text)).getMessage());
        }
        CliRun r = CliRun.of("train", "--no-output", "--lambda", "1f");
        assertEquals(Main.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains("'1f' is not a number"), r.err());
    }

    @Test
    void wholeNumbersBeyondTheTypeAreNamedAsSuch() {
        assertEquals(Integer.MAX_VALUE, NumberConverters.whole("2147483647", Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertEquals(-3, NumberConverters.whole(" -3", Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertEquals(7, NumberConverters.whole("+7", Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertEquals("'2147483648' is too large for a whole number here (at most 2147483647)",
                assertThrows(TypeConversionException.class,
                        () -> NumberConverters.whole("2147483648", Integer.MIN_VALUE, Integer.MAX_VALUE)).getMessage());
        assertEquals("'-9223372036854775809' is too small for a whole number here (at least -9223372036854775808)",
                assertThrows(TypeConversionException.class,
                        () -> NumberConverters.whole("-9223372036854775809", Long.MIN_VALUE, Long.MAX_VALUE)).getMessage());
        for (String text : new String[] {"1.5", "1e3", "0x10", "abc", "", "٣"}) {
            assertEquals("'" + text + "' is not a whole number", assertThrows(TypeConversionException.class,
                    () -> NumberConverters.whole(text, Integer.MIN_VALUE, Integer.MAX_VALUE)).getMessage());
        }
    }

    /** Through the command line: the same exit code and message for inf as for Infinity, and for NaN as nan. */
    @Test
    void theCommandLineTreatsEverySpellingAlike() {
        for (String inf : new String[] {"inf", "Infinity"}) {
            CliRun r = CliRun.of("train", "--no-output", "--solver", "exact", "--lambda", inf);
            assertEquals(Main.EXIT_DATA, r.code(), r.err());
            assertTrue(r.err().contains("--lambda must be a finite number >= 0, got Infinity"), r.err());
        }
        for (String nan : new String[] {"nan", "NaN"}) {
            CliRun r = CliRun.of("train", "--no-output", "--lr", nan);
            assertEquals(Main.EXIT_DATA, r.code(), r.err());
            assertTrue(r.err().contains("--lr must be a positive number or auto, got NaN"), r.err());
        }
        CliRun big = CliRun.of("train", "--no-output", "--epochs", "2147483648");
        assertEquals(Main.EXIT_USAGE, big.code(), big.err());
        assertTrue(big.err().contains("'2147483648' is too large for a whole number here (at most 2147483647)"),
                big.err());
    }
}
