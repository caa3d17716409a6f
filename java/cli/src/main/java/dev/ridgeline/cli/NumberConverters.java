package dev.ridgeline.cli;

import java.math.BigInteger;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How numeric options read their values. Real numbers: Java's forms plus {@code inf}, {@code -inf},
 * {@code infinity} and {@code nan} in any case, as other tools write them, so that a value that is not finite
 * meets the option's own range check however it is spelled (`--lambda inf` had been "not a number", exit 2,
 * and `--lambda Infinity` "must be finite", exit 3). Whole numbers: a value beyond the type's range is named as
 * such, not as "not a whole number".
 */
final class NumberConverters {
    private NumberConverters() {
    }

    /** Registers the converters for double, int and long options (boxed or not) on {@code cmd}. */
    static void register(CommandLine cmd) {
        ITypeConverter<Double> real = NumberConverters::real;
        cmd.registerConverter(Double.class, real);
        cmd.registerConverter(Double.TYPE, real);
        ITypeConverter<Integer> whole = text -> (int) whole(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
        cmd.registerConverter(Integer.class, whole);
        cmd.registerConverter(Integer.TYPE, whole);
        ITypeConverter<Long> wide = text -> whole(text, Long.MIN_VALUE, Long.MAX_VALUE);
        cmd.registerConverter(Long.class, wide);
        cmd.registerConverter(Long.TYPE, wide);
    }

    /**
     * A number written out in full whose size no double reaches (1e400), or a nonzero one too small for any
     * (1e-400): named as such, not read as infinity or 0, which the range checks had then quoted as typed.
     */
    static final class BeyondRange extends NumberFormatException {
        BeyondRange(String text, boolean large) {
            super("'" + text + "' is " + (large ? "beyond the range of numbers here (sizes up to about 1.8e308)"
                    : "too small for a number here (nonzero sizes down to about 4.9e-324); write 0 for zero"));
        }
    }

    /** {@link #parseReal}, or a conversion error "'x' is not a number" (or is beyond the range). */
    static double real(String text) {
        try {
            return parseReal(text);
        } catch (BeyondRange e) {
            throw new TypeConversionException(e.getMessage());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a number");
        }
    }

    /**
     * Double.parseDouble, which also takes inf, -inf, +inf, infinity and nan in any case (surrounding spaces
     * allowed, as Java allows them), without Java's trailing type letter: {@code 1f} and {@code 2d} are refused
     * here as the CSV reader refuses them (a typo, not a number a user means). A number too large for a double
     * ({@code 1e400}) is a {@link BeyondRange}: read as infinity, it had been refused as "got Infinity".
     */
    static double parseReal(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        String magnitude = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (magnitude.equals("inf") || magnitude.equals("infinity")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (magnitude.equals("nan")) {
            return Double.NaN;
        }
        if (t.endsWith("f") || t.endsWith("d")) {
            throw new NumberFormatException("a type letter ends '" + text + "'");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new BeyondRange(text, true);
        }
        if (value == 0 && nonzeroMantissa(t)) {
            throw new BeyondRange(text, false);
        }
        return value;
    }

    /**
     * Whether the digits before the exponent of {@code t} (stripped, lower case; decimal or hexadecimal) hold one
     * that is not 0: a number that reads as 0 only because its exponent takes it below a double's range.
     */
    private static boolean nonzeroMantissa(String t) {
        String digits = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        boolean hex = digits.startsWith("0x");
        if (hex) {
            digits = digits.substring(2);
        }
        int end = hex ? digits.indexOf('p') : digits.indexOf('e');
        String mantissa = end < 0 ? digits : digits.substring(0, end);
        return mantissa.chars().anyMatch(c -> hex ? Character.digit(c, 16) > 0 : c >= '1' && c <= '9');
    }

    /** A whole number in [min, max]; a whole number beyond them is named as too large or too small. */
    static long whole(String text, long min, long max) {
        String t = text.strip();
        if (!t.matches("[+-]?\\d+")) {
            // "1.5", "1e3", "abc": Java's integer parsing refuses them too, and so did picocli's.
            throw new TypeConversionException("'" + text + "' is not a whole number");
        }
        BigInteger value = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new TypeConversionException("'" + text + "' is too large for a whole number here (at most " + max
                    + ")");
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0) {
            throw new TypeConversionException("'" + text + "' is too small for a whole number here (at least " + min
                    + ")");
        }
        return value.longValueExact();
    }
}
