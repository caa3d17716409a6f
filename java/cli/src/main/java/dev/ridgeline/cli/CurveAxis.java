package dev.ridgeline.cli;

import org.knowm.xchart.style.AxesChartStyler;

/**
 * How the y axis of a curve plot is scaled and labelled, chosen from the values it shows.
 *
 * <p>XChart's logarithmic axis labels only powers of ten by default, so a loss falling from 30,000 to 1,400
 * showed one label or none; its labels at every 1..9 x 10^k crowd into each other past two decades; and its
 * default format writes them as "3E4". Hence: a linear axis for values within a factor of 10 (a log scale adds
 * nothing there), a log axis labelled at 1..9 x 10^k up to {@link #CROWDED_DECADES} decades, at powers of ten
 * beyond, with plain-number labels throughout.
 */
record CurveAxis(boolean logarithmic, boolean everyDigit, String pattern) {
    /** Past this many decades the 1..9 x 10^k labels overlap on a 600-pixel plot. */
    static final double CROWDED_DECADES = 2.0;

    /** The axis for finite values {@code min <= max}; linear when any value is not positive. */
    static CurveAxis of(double min, double max) {
        if (!(min > 0) || max / min < 10) {
            return new CurveAxis(false, false, null);
        }
        boolean everyDigit = Math.log10(max / min) <= CROWDED_DECADES;
        return new CurveAxis(true, everyDigit, tickPattern(min));
    }

    /**
     * A decimal pattern that writes every tick label of a log axis starting at {@code min} exactly: grouped
     * integers from 1 up, enough decimals for ticks down to 0.0001, scientific notation below.
     */
    static String tickPattern(double min) {
        if (min >= 1) {
            return "#,##0";
        }
        if (min >= 1e-4) {
            return "#,##0.#####";
        }
        return "0.#E0";
    }

    void applyTo(AxesChartStyler styler) {
        styler.setYAxisLogarithmic(logarithmic);
        if (logarithmic) {
            styler.setYAxisLogarithmicDecadeOnly(!everyDigit);
            styler.setYAxisDecimalPattern(pattern);
        }
    }
}
