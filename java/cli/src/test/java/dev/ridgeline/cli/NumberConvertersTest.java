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

    /**
     * A number too large for a double is named as such where it is typed: read as infinity, {@code --lambda 1e400}
     * had been refused as "got Infinity", a value the user never wrote.
     */
    @Test
    void aNumberBeyondTheRangeOfADoubleIsNamedAsTyped() {
        String beyond = "'1e400' is beyond the range of numbers here (sizes up to about 1.8e308)";
        assertEquals(beyond, assertThrows(TypeConversionException.class, () -> NumberConverters.real("1e400"))
                .getMessage());
        assertEquals(-1.7976931348623157e308, NumberConverters.real("-1.7976931348623157e308"));
        String tiny = "'1e-400' is too small for a number here (nonzero sizes down to about 4.9e-324); write 0 for zero";
        assertEquals(tiny, assertThrows(TypeConversionException.class, () -> NumberConverters.real("1e-400"))
                .getMessage());
        assertEquals(4.9e-324, NumberConverters.real("4.9e-324"));
        for (String zero : new String[] {"0", "0.0", "-0e-500", "0x0p-2000", "000.000e5"}) {
            assertEquals(0.0, Math.abs(NumberConverters.real(zero)), zero);
        }
        assertThrows(TypeConversionException.class, () -> NumberConverters.real("0x1p-2000"));
        CliRun small = CliRun.of("train", "--no-output", "--lr", "1e-400");
        assertEquals(Main.EXIT_USAGE, small.code(), small.err());
        assertTrue(small.err().contains("'1e-400' is too small for a number here"), small.err());
        for (String[] args : new String[][] {{"train", "--no-output", "--lambda", "1e400"},
                {"train", "--no-output", "--lr", "1e400"}, {"tune", "--no-output", "--lambdas", "1,1e400"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(Main.EXIT_USAGE, r.code(), r.err());
            assertTrue(r.err().contains(beyond), r.err());
        }
    }

    /** A value out of range is shown in the command line's plain form, whether the CLI or the library checks it. */
    @Test
    void anOutOfRangeValueIsShownPlainly() {
        String[][] cases = {{"--lr", "-0.5e-3", "--lr must be a positive number or auto, got -0.0005"},
                {"--lambda", "-1", "--lambda must be a finite number >= 0, got -1"},
                {"--momentum", "1.5", "--momentum must be in [0, 1), got 1.5"},
                {"--tol", "2", "(a share of the starting gradient norm), got 2"}};
        for (String[] c : cases) {
            CliRun r = CliRun.of("train", "--no-output", c[0], c[1]);
            assertEquals(Main.EXIT_DATA, r.code(), r.err());
            assertTrue(r.err().strip().endsWith(c[2]), r.err());
        }
    }
}
