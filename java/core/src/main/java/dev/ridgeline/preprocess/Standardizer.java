package dev.ridgeline.preprocess;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Interrupts;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Z-score scaling fitted on training rows: x'_j = (x_j - mean_j) / sd_j, with the population standard
 * deviation. A constant column (sd = 0) keeps scale 1, so it maps to zero instead of dividing by zero.
 * Shapes: means and scales are (n). Statistics are computed in double, two passes.
 */
public final class Standardizer {
    private final double[] means;
    private final double[] scales;

    /** Given statistics, shapes (n) each: finite means, scales finite and above 0; copied. */
    public Standardizer(double[] means, double[] scales) {
        Objects.requireNonNull(means, "means");
        Objects.requireNonNull(scales, "scales");
        if (means.length != scales.length) {
            throw new IllegalArgumentException(means.length + " means but " + scales.length + " scales");
        }
        this.means = means.clone();
        this.scales = scales.clone();
        for (int j = 0; j < this.means.length; j++) {
            // As EncodedFeature requires: a zero or NaN scale had turned every value of the column into NaN.
            if (!Double.isFinite(this.means[j]) || !(this.scales[j] > 0) || !Double.isFinite(this.scales[j])) {
                throw new IllegalArgumentException("column " + j + ": mean " + this.means[j] + " and scale "
                        + this.scales[j] + " must be finite with scale > 0");
            }
        }
    }

    /**
     * Fits means and population standard deviations on every row of x (at least one, every value finite: a
     * {@link dev.ridgeline.data.DataException} names the first that is not). Shapes: x (m, n); means and scales (n).
     */
    public static Standardizer fit(DenseMatrix x) {
        Objects.requireNonNull(x, "x");
        return fit(x, null, x.rows());
    }

    /**
     * Fits weighted means and population standard deviations: a row of weight w counts as w copies of itself
     * (as in the objective, and as {@link PreprocessingFitter} scales a frame), so a row of weight 0 moves
     * neither. Shapes: x (m, n); weights (m), each finite and at least 0 with a positive sum, or null for one
     * each (then exactly {@link #fit(DenseMatrix)}).
     */
    public static Standardizer fit(DenseMatrix x, float[] weights) {
        Objects.requireNonNull(x, "x");
        return fit(x, weights, weights == null ? x.rows() : checkedTotal(weights, x.rows()));
    }

    /**
     * Two passes in double over x (m, n): sum w x / total, then sum w (x - mean)^2 / total. A weight of 1 (null
     * weights) multiplies exactly, so the unweighted statistics are those of plain sums bit for bit. Shapes:
     * weights (m) or null; means and scales (n).
     */
    private static Standardizer fit(DenseMatrix x, float[] weights, double total) {
        // Named here: a matrix without rows, or with a NaN, had been refused as "column 0: mean NaN and scale 1.0
        // must be finite with scale > 0", which names neither.
        if (x.rows() == 0) {
            throw new IllegalArgumentException("the matrix has no rows to fit the scaling on");
        }
        int m = x.rows();
        int n = x.cols();
        double[] mean = new double[n];
        for (int i = 0; i < m; i++) {
            float[] a = x.rowArray(i);
            int off = x.rowOffset(i);
            double w = weights == null ? 1.0 : weights[i];
            for (int j = 0; j < n; j++) {
                mean[j] += w * a[off + j];
            }
        }
        for (int j = 0; j < n; j++) {
            mean[j] /= total;
            if (!Double.isFinite(mean[j])) {
                // Names the value; looked for only now, so that finite data is read twice, not three times.
                x.requireFinite();
            }
        }
        double[] var = new double[n];
        for (int i = 0; i < m; i++) {
            float[] a = x.rowArray(i);
            int off = x.rowOffset(i);
            double w = weights == null ? 1.0 : weights[i];
            for (int j = 0; j < n; j++) {
                double d = a[off + j] - mean[j];
                var[j] += w * d * d;
            }
        }
        double[] scale = new double[n];
        for (int j = 0; j < n; j++) {
            double sd = Math.sqrt(var[j] / total);
            scale[j] = sd > 0 ? sd : 1.0;
        }
        return new Standardizer(mean, scale);
    }

    /**
     * sum w over m rows, after checking the length and every weight (finite, at least 0) and the sum (above 0).
     * Shape: weights (m).
     */
    private static double checkedTotal(float[] weights, int m) {
        if (weights.length != m) {
            throw new IllegalArgumentException(weights.length + " weights for " + m + " rows");
        }
        double total = 0;
        for (int i = 0; i < m; i++) {
            if (!(weights[i] >= 0) || weights[i] == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("row " + i + ": weight " + weights[i]
                        + " must be a finite number of at least 0");
            }
            total += weights[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the weights of the " + m + " rows sum to 0: nothing to scale by");
        }
        return total;
    }

    /**
     * A new matrix of scaled values (computed in double, stored as float32). Looks at the thread's interrupt status
     * before each block of {@value #BLOCK_ROWS} rows. Shapes: x (m, n), means and scales (n); returns (m, n).
     *
     * @throws DataException when the heap has no room for the copy
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (its status stays set)
     */
    public DenseMatrix transform(DenseMatrix x) {
        if (x.cols() != means.length) {
            throw new IllegalArgumentException("data has " + x.cols() + " columns, the scaler was fitted on " + means.length);
        }
        DenseMatrix out = allocateCopy(x.rows(), x.cols(), Runtime.getRuntime().maxMemory(), DenseMatrix::zeros);
        float[] row = new float[x.cols()];
        for (int i = 0; i < x.rows(); i++) {
            if (i % BLOCK_ROWS == 0) {
                Interrupts.check("scaling the features");
            }
            x.copyRow(i, row);
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) ((row[j] - means[j]) / scales[j]);
            }
            out.setRow(i, row);
        }
        return out;
    }

    /** Rows between two looks at the interrupt status. */
    static final int BLOCK_ROWS = 4096;

    /**
     * The (rows, cols) matrix of the scaled copy, or the documented DataException with the heap's size when the
     * JVM cannot allocate it (the copy is as large as X, and the caller still holds X).
     */
    static DenseMatrix allocateCopy(int rows, int cols, long maxHeapBytes,
            BiFunction<Integer, Integer, DenseMatrix> zeros) {
        try {
            return zeros.apply(rows, cols);
        } catch (OutOfMemoryError e) {
            // The failed allocation's chunks, if any were made, are unreachable again: nothing is left behind.
            long mib = 4L * rows * cols >> 20;
            throw new DataException(String.format(Locale.ROOT, "scaling the features: the scaled copy of %,d rows x"
                    + " %,d features takes %,d MiB of float32, and the heap (at most %,d MiB, X itself in it) has no"
                    + " room for it; give the JVM a larger heap (-Xmx), or fit without standardising features"
                    + " already on a common scale", rows, cols, mib, maxHeapBytes >> 20), e);
        }
    }

    /** Column j's mean; an IndexOutOfBoundsException naming j and the column count unless {@code 0 <= j < n}. */
    public double mean(int j) {
        return means[column(j)];
    }

    /** Column j's scale; an IndexOutOfBoundsException naming j and the column count unless {@code 0 <= j < n}. */
    public double scale(int j) {
        return scales[column(j)];
    }

    /** j itself when there is a column j; else an error saying how many there are ("Index 99 ..." had not). */
    private int column(int j) {
        if (j < 0 || j >= means.length) {
            throw new IndexOutOfBoundsException("column " + j + " of a standardizer of " + means.length
                    + (means.length == 1 ? " column" : " columns"));
        }
        return j;
    }

    public double[] means() {
        return means.clone();
    }

    public double[] scales() {
        return scales.clone();
    }
}
