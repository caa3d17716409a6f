package dev.ridgeline.train;

import java.util.List;
import java.util.Locale;

/**
 * The most nearly collinear column of one exact solve, read off its Cholesky factorisation at no extra cost.
 *
 * <p>The solver factors the system scaled to a unit diagonal, S = D (Xc^T W Xc + lambda I) D. The pivot of
 * column j is then 1 - R^2 of column j regressed (weighted, centred, with the ridge term) on the columns before
 * it; 1 / pivot is its variance inflation against them and a lower bound on the condition number of S. The
 * data are float32, about 7 significant digits: below {@link #THRESHOLD} their rounding alone moves the
 * coefficients along the nearly collinear direction by 1e-4 to 1e-2 of their size (measured against a float64
 * solve of the decimals: 2e-3 at a correlation of 1 - 1e-9), while the predictions hardly change.
 *
 * @param column the column with the smallest pivot
 * @param partner the earlier column most correlated with it (in S); -1 for the first column
 * @param pivot 1 - R^2 of {@code column} against the earlier columns
 * @param correlation the entry of S between the two columns (their weighted correlation, ridge included)
 * @param lambda the model's lambda
 */
public record NearCollinearity(int column, int partner, double pivot, double correlation, double lambda) {
    /** Pivots below this leave the coefficients poorly determined at float32 precision. */
    public static final double THRESHOLD = 1e-6;
    /** The remedy that ends {@link #message}, which a caller who knows more of the columns may word otherwise. */
    public static final String REMEDY = "a larger lambda or dropping one of the columns makes them well determined";

    /** Whether the coefficients are poorly determined ({@link #THRESHOLD}). */
    public boolean poorlyDetermined() {
        return pivot < THRESHOLD;
    }

    /** The warning, with the columns named from {@code names} (null: x0, x1, ...). */
    public String message(List<String> names) {
        String with = partner < 0 ? ""
                : String.format(Locale.ROOT, "; correlation %s with '%s'", digits(correlation), name(partner, names));
        return String.format(Locale.ROOT, "with lambda = %s, column '%s' is almost a linear combination of the "
                + "columns before it (1 - R^2 = %.2g against them%s): at the data's float32 precision (about 7 "
                + "digits) the coefficients along that combination are poorly determined, though the predictions "
                + "are not; " + REMEDY, lambda, name(column, names), pivot, with);
    }

    /** Enough digits to tell the correlation from 1: 0.99999999 rather than 1.0000. */
    private static String digits(double r) {
        int places = Math.max(4, Math.min(15, (int) Math.ceil(-Math.log10(Math.max(1e-15, 1 - Math.abs(r)))) + 2));
        return String.format(Locale.ROOT, "%." + places + "f", r);
    }

    private static String name(int column, List<String> names) {
        return names == null ? "x" + column : names.get(column);
    }
}
