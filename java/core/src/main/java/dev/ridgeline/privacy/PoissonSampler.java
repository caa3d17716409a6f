package dev.ridgeline.privacy;

import dev.ridgeline.engine.RowBatch;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Poisson sampling of rows: each of m rows joins the batch independently with probability q, so the batch
 * size varies (possibly 0). This is the sampling that the subsampled-Gaussian accountant assumes.
 *
 * <p>The rows are not drawn one by one: the gap between one chosen row and the next is geometric (the
 * failures before a success of probability q), drawn as floor(log U / log(1 - q)) for U uniform in (0, 1],
 * which gives the same distribution of batches with about q m draws a step instead of m. A draw of the
 * secure generator costs about half a microsecond; at one per row and step, 100,000 rows had spent about
 * 270 s of a default run drawing batches, and the cost grew with the square of the rows.
 */
final class PoissonSampler {
    private final int rows;
    private final double rate;
    /** log(1 - q), negative; unused when q >= 1 (every row joins). */
    private final double logMiss;
    private final RandomGenerator random;
    private final int[] buffer;

    PoissonSampler(int rows, double rate, RandomGenerator random) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("the sampling rate must be above 0, got " + rate);
        }
        this.rows = rows;
        this.rate = rate;
        this.logMiss = Math.log1p(-Math.min(rate, 1));
        this.random = random;
        this.buffer = new int[rows];
    }

    /**
     * The next batch: row indices in increasing order. Shape: (b) indices in [0, m), b binomial(m, q), all m rows
     * when q is at least 1.
     */
    RowBatch next() {
        if (rate >= 1) {
            for (int i = 0; i < rows; i++) {
                buffer[i] = i;
            }
            return new RowBatch(Arrays.copyOf(buffer, rows), 0, rows);
        }
        int count = 0;
        long row = -1;
        while (true) {
            row += 1 + gap();
            if (row >= rows) {
                break;
            }
            buffer[count++] = (int) row;
        }
        return new RowBatch(Arrays.copyOf(buffer, count), 0, count);
    }

    /** Rows passed over before the next chosen one: geometric, P(g) = (1 - q)^g q, g = 0, 1, ... */
    private long gap() {
        double u = 1.0 - random.nextDouble();  // (0, 1]: log(u) is finite
        double g = Math.floor(Math.log(u) / logMiss);
        return g >= rows ? rows : (long) g;  // past the last row either way; a cast of a huge double saturates
    }
}
