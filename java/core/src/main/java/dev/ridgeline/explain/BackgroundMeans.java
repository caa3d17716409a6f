package dev.ridgeline.explain;

import java.util.Arrays;
import java.util.Objects;

/**
 * Column means E[x_j] of background rows (n columns, the model's input space), added a row at a time with an
 * optional weight: what an explanation's base value and SHAP values are taken against.
 *
 * <p>Each column is summed as its difference from a reference value (the model's feature shift, see {@link
 * LinearShap#backgroundMeans}), with Neumaier's compensation, and the mean is kept as that difference too
 * ({@link #offsets}). Plain sums of values far from 0 for their spread (1e14 +- 1: the sum's rounding step
 * grows to tens, the mean's own to 1/64) lost the spread, so the base value missed the mean prediction
 * although base + sum(phi) still equalled each prediction (both rested on the same wrong means).
 */
public final class BackgroundMeans {
    private final double[] reference;
    private final double[] sum;
    private final double[] compensation;
    private double weight;
    private long rows;

    /**
     * Means of rows summed as their differences from {@code reference} (n values, copied).
     *
     * @throws NullPointerException when reference is null
     */
    public BackgroundMeans(double[] reference) {
        this.reference = Objects.requireNonNull(reference, "reference").clone();
        this.sum = new double[reference.length];
        this.compensation = new double[reference.length];
    }

    /**
     * Adds one row (n values) of weight 1.
     *
     * @throws NullPointerException when row is null
     * @throws IllegalArgumentException as {@link #add(double[], double)}
     */
    public void add(double[] row) {
        add(row, 1);
    }

    /**
     * Adds one row (n finite values, the input space's: imputed) that counts {@code w} times (w finite, >= 0).
     * Both are checked before anything is added: a NaN value or an infinite weight had made every mean NaN, which
     * surfaced only at the first explanation as "SHAP additivity violated ... by NaN", and a negative weight
     * had been taken as it came.
     *
     * @throws NullPointerException when row is null
     * @throws IllegalArgumentException when the row is not of n values, w is negative or not finite, or a value is not
     *     finite (naming the background row and column); nothing is then added
     */
    public void add(double[] row, double w) {
        Objects.requireNonNull(row, "row");
        if (row.length != sum.length) {
            throw new IllegalArgumentException("a row of " + row.length + " values, the means have " + sum.length);
        }
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("background row " + rows + ": weight " + w
                    + " must be a finite number >= 0");
        }
        for (int j = 0; j < row.length; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException("background row " + rows + ", column " + j + ": value " + row[j]
                        + " is not a finite number (rows are in the input space, imputed: InputSpace.row(model, raw)"
                        + " imputes a raw row as predict does)");
            }
        }
        for (int j = 0; j < row.length; j++) {
            double v = w * (row[j] - reference[j]);
            double t = sum[j] + v;
            compensation[j] += Math.abs(sum[j]) >= Math.abs(v) ? (sum[j] - t) + v : (v - t) + sum[j];
            sum[j] = t;
        }
        weight += w;
        rows++;
    }

    /** The rows added, whatever their weights. */
    public long rows() {
        return rows;
    }

    /** The value each column is summed from (n): E[x_j] = reference_j + offsets_j. */
    public double[] reference() {
        return reference.clone();
    }

    /**
     * E[x_j] - reference_j for each column (n), weighted; an error when the weights add to nothing.
     *
     * @throws IllegalArgumentException when no row was added, or the rows' weights sum to 0
     */
    public double[] offsets() {
        if (!(weight > 0)) {
            throw new IllegalArgumentException(rows == 0 ? "the background data has no rows"
                    : "the rows' weights sum to " + weight + ": no mean to take");
        }
        double[] out = new double[sum.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (sum[j] + compensation[j]) / weight;
        }
        return out;
    }

    /**
     * The weighted mean of each column (n), rounded to a double at its own magnitude.
     *
     * @throws IllegalArgumentException when no row was added, or the rows' weights sum to 0
     */
    public double[] means() {
        double[] out = offsets();
        for (int j = 0; j < out.length; j++) {
            out[j] += reference[j];
        }
        return out;
    }

    @Override
    public String toString() {
        return "BackgroundMeans[rows=" + rows + ", reference=" + Arrays.toString(reference) + "]";
    }
}
