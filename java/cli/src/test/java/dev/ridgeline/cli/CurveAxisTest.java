package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CurveAxisTest {
    @Test
    void linearWithinAFactorOfTenOrWithValuesNotPositive() {
        assertEquals(new CurveAxis(false, false, null), CurveAxis.of(1413, 2960));
        assertEquals(new CurveAxis(false, false, null), CurveAxis.of(0, 5000));
        assertEquals(new CurveAxis(false, false, null), CurveAxis.of(-3, 5000));
    }

    @Test
    void logLabelledAtEveryDigitUpToTwoDecadesAndAtPowersOfTenBeyond() {
        assertEquals(new CurveAxis(true, true, "#,##0"), CurveAxis.of(1413, 30_000));
        assertEquals(new CurveAxis(true, true, "#,##0"), CurveAxis.of(100, 10_000));
        assertEquals(new CurveAxis(true, false, "#,##0"), CurveAxis.of(1413, 3e6));
        assertEquals(new CurveAxis(true, false, "#,##0.#####"), CurveAxis.of(0.002, 40));
        assertEquals(new CurveAxis(true, false, "0.#E0"), CurveAxis.of(2e-7, 3));
    }

    @Test
    void tickPatternsWriteEveryTickOfTheirRangeExactly() {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        assertEquals("30,000", new DecimalFormat(CurveAxis.tickPattern(1413), symbols).format(30_000.0));
        assertEquals("0.0002", new DecimalFormat(CurveAxis.tickPattern(1.2e-4), symbols).format(2e-4));
        assertEquals("0.03", new DecimalFormat(CurveAxis.tickPattern(0.02), symbols).format(0.03));
        assertEquals("3E-7", new DecimalFormat(CurveAxis.tickPattern(2e-7), symbols).format(3e-7));
    }
}
