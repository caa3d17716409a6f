package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The in-place parse of a field ({@link NumberSyntax#parse}, FastDoubleParser) against the plain one (the
 * JDK's {@link Double#parseDouble} on the trimmed substring): the same bits for every field, number or not,
 * with text around the field that must not be read.
 */
class NumberSyntaxTest {
    /** Pieces of number syntax and near misses, joined at random into fields. */
    private static final String[] PIECES = {"0", "1", "7", "9", "12345678901234567890", ".", "e", "E", "+", "-",
        "x", "0x", "0X", "p", "P", "a", "F", "f", "d", "D", "NaN", "Infinity", "N", "I", " ", "\t", "\u00A0", "_",
        ",", "1e", "0x1", "p-3", "1.5", "e400", "e-400", "\u0661"};

    /** Edge cases of rounding, range and syntax, each also checked inside a longer text. */
    private static final String[] EDGES = {"1", "-1", "+1", " 1 ", "\t1\n", "1e5", "1E-5", "1.", "  .5", ".", "-.",
        "e5", "1e", "1e+", "0x1p3", "0X1.8P-2", "0x1p", "0x.p1", "NaN", "-NaN", "+Infinity", "-Infinity", "inf",
        "nan", "1f", "1d", "1F", "1D", "0x1p3d", "1.5e308", "1e309", "-1e309", "4.9e-324", "2e-324", "2.5e-324",
        "1e-400", "0", "-0", "-0.0", "00012", "1_000", "1,5", "1 2", "--1", "+-1", "123456789012345678901234567890",
        "0.1000000000000000055511151231257827021181583404541015625", "2.2250738585072011e-308",
        "2.2250738585072012e-308", "9007199254740993", "1.7976931348623157e308", "1.7976931348623159e308",
        "0x1.fffffffffffff8p1023", "0x1p-1075", "0x1p-1074", "1e-1000000000000", "1e1000000000000",
        "3.4028235e38", "3.4028236e38", "1.401298464324817e-45", "", " ", "NA", " NA ", "N A", "\u0000",
        "1\u0000", "\u001f1", "E1NaN", "e0Infinity", "+", "-", "+.", "+.e1", "0x", "1.0e+0010"};

    @Test
    void edgeCasesParseAsTheJdkDoes() {
        for (String field : EDGES) {
            assertSame(field);
            assertSame("a,b" + field + "c", 3, 3 + field.length());
        }
    }

    @Test
    void printedDoublesAndFloatsParseAsTheJdkDoes() {
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                case 2 -> Float.intBitsToFloat(random.nextInt());
                default -> random.nextInt(2001) - 1000;
            };
            String field = switch (random.nextInt(4)) {
                case 0 -> Double.toString(value);
                case 1 -> Float.toString((float) value);
                case 2 -> String.format(Locale.ROOT, "%." + random.nextInt(20) + "g", value);
                default -> Double.toHexString(value);
            };
            assertSame(field);
        }
    }

    @Property(tries = 20_000, seed = "20261130")
    void anyJoinOfNumberPiecesParsesAsTheJdkDoes(@ForAll("fields") String field) {
        assertSame(field);
        assertSame("9" + field + "9", 1, 1 + field.length());
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts));
    }

    @Test
    void missingIsEmptyOrNaAroundWhiteSpace() {
        for (String missing : new String[] {"", " ", "\t", "NA", " NA\t"}) {
            assertTrue(NumberSyntax.isMissing("x" + missing + "x", 1, 1 + missing.length()), missing);
        }
        for (String present : new String[] {"N", "NAN", "na", "N A", "0", "xNA"}) {
            assertFalse(NumberSyntax.isMissing(present, 0, present.length()), present);
        }
    }

    /**
     * No-break and other Unicode spaces around a number are white space, as around a label: '12' followed by
     * U+00A0 had been text (an error naming the cell), and a cell of only U+00A0 text, where the same cell in a
     * text column is missing.
     */
    @Test
    void unicodeSpacesAroundANumberAreWhiteSpace() {
        assertEquals(12.0, NumberSyntax.parse("12\u00a0", 0, 3));
        assertEquals(-3.5, NumberSyntax.parse("x\u202f-3.5\u2007x", 1, 7));
        assertEquals(0.25, NumberSyntax.plain("\u3000.25\u00a0"));
        assertTrue(NumberSyntax.spellsNaN("\u00a0NaN"));
        assertTrue(NumberSyntax.isMissing("\u00a0", 0, 1));
        assertTrue(NumberSyntax.isMissing("\u2007NA\u00a0", 0, 4));
        // A space inside the number still makes it text.
        assertTrue(Double.isNaN(NumberSyntax.parse("1\u00a0000", 0, 5)));
    }

    private static void assertSame(String field) {
        assertSame(field, 0, field.length());
    }

    /** text[from, to) parsed in place has the bits the plain parse of that substring has. */
    private static void assertSame(String text, int from, int to) {
        double expected = NumberSyntax.plain(text.substring(from, to));
        double actual = NumberSyntax.parse(text, from, to);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> "field '" + text.substring(from, to) + "': plain " + expected + ", in place " + actual);
    }
}
