package dev.ridgeline.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.RowBatch;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The sampler draws the gaps between chosen rows, not a coin per row: its batches must still be what the
 * accountant assumes, each row in independently with probability q. Each statistic is checked against its
 * expectation within five standard deviations (seeded, so the test is deterministic).
 */
class PoissonSamplerTest {
    private static final int ROWS = 1_000;
    private static final int BATCHES = 20_000;

    @Test
    void eachRowJoinsIndependentlyWithProbabilityQ() {
        for (double q : new double[] {0.003, 0.03, 0.5, 0.97}) {
            PoissonSampler sampler = new PoissonSampler(ROWS, q, new SplittableRandom(7));
            long[] joined = new long[ROWS];
            long together = 0;  // rows 0 and 1 in one batch (adjacent: a gap of 0 between them)
            long apart = 0;     // rows 10 and 500
            double sum = 0;
            double sumSquares = 0;
            for (int b = 0; b < BATCHES; b++) {
                RowBatch batch = sampler.next();
                int[] rows = batch.order();
                boolean zero = false;
                boolean one = false;
                boolean ten = false;
                boolean fiveHundred = false;
                for (int i = 0; i < rows.length; i++) {
                    assertTrue(i == 0 || rows[i] > rows[i - 1], "rows ascending, each once");
                    joined[rows[i]]++;
                    zero |= rows[i] == 0;
                    one |= rows[i] == 1;
                    ten |= rows[i] == 10;
                    fiveHundred |= rows[i] == 500;
                }
                together += zero && one ? 1 : 0;
                apart += ten && fiveHundred ? 1 : 0;
                sum += batch.size();
                sumSquares += (double) batch.size() * batch.size();
            }
            double mean = sum / BATCHES;
            double variance = sumSquares / BATCHES - mean * mean;
            double sizeVariance = ROWS * q * (1 - q);  // binomial
            assertEquals(ROWS * q, mean, 5 * Math.sqrt(sizeVariance / BATCHES), "mean batch size at q = " + q);
            // The variance of a sample variance of n draws is about 2 sigma^4 / n for a near-normal count.
            assertEquals(sizeVariance, variance, 5 * sizeVariance * Math.sqrt(2.0 / BATCHES) + 0.05,
                    "batch size variance at q = " + q);
            double perRow = Math.sqrt(q * (1 - q) / BATCHES);
            for (int row = 0; row < ROWS; row++) {
                // Five sigma per row over 1,000 rows: a false alarm about once in 2,000 runs of a fair sampler;
                // the seed fixes the draws, so this run passes or fails for good.
                assertEquals(q, joined[row] / (double) BATCHES, 5.5 * perRow, "row " + row + " at q = " + q);
            }
            double pair = Math.sqrt(q * q * (1 - q * q) / BATCHES);
            assertEquals(q * q, together / (double) BATCHES, 5 * pair, "rows 0 and 1 together at q = " + q);
            assertEquals(q * q, apart / (double) BATCHES, 5 * pair, "rows 10 and 500 together at q = " + q);
        }
    }

    @Test
    void aRateOfOneTakesEveryRowAndTinyRatesStayInRange() {
        PoissonSampler all = new PoissonSampler(5, 1.0, new SplittableRandom(1));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, all.next().order());
        PoissonSampler rare = new PoissonSampler(3, 1e-300, new SplittableRandom(1));
        for (int b = 0; b < 1_000; b++) {
            assertEquals(0, rare.next().size(), "a gap of about 1e300 rows passes every row");
        }
        PoissonSampler near = new PoissonSampler(ROWS, 1 - 1e-12, new SplittableRandom(1));
        assertTrue(IntStream.range(0, 100).allMatch(b -> near.next().size() >= ROWS - 1));
    }
}
