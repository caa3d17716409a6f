package dev.ridgeline.privacy;

import dev.ridgeline.engine.RowBatch;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Poisson sampling of rows: each of m rows joins the batch independently with probability q, so the batch
 * size varies (possibly 0). This is the sampling that the subsampled-Gaussian accountant assumes.
 */
final class PoissonSampler {
    private final int rows;
    private final double rate;
    private final RandomGenerator random;
    private final int[] buffer;

    PoissonSampler(int rows, double rate, RandomGenerator random) {
        this.rows = rows;
        this.rate = rate;
        this.random = random;
        this.buffer = new int[rows];
    }

    /** The next batch: row indices in increasing order. */
    RowBatch next() {
        int count = 0;
        for (int i = 0; i < rows; i++) {
            if (rate >= 1 || random.nextDouble() < rate) {
                buffer[count++] = i;
            }
        }
        return new RowBatch(Arrays.copyOf(buffer, count), 0, count);
    }
}
