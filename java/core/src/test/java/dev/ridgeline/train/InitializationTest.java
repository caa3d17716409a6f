package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.engine.Parameters;
import org.junit.jupiter.api.Test;

/** Starting points: zeros, or N(0, scale^2) draws that depend on the seed alone. */
class InitializationTest {
    /**
     * 4,000 draws of scale 0.01: their root mean square estimates 0.01 with a standard error of about
     * 0.01 / sqrt(2 * 4000) = 1.1e-4 (tolerance 4e-4), their mean 0 with one of 0.01 / sqrt(4000) = 1.6e-4
     * (tolerance 6e-4). The bias starts at 0.
     */
    @Test
    void randomDrawsHaveTheirScaleAsStandardDeviation() {
        Parameters p = Initialization.random(0.01, 7).create(1, 4000);
        double sum = 0;
        double squares = 0;
        for (int j = 0; j < 4000; j++) {
            sum += p.theta(0, j);
            squares += p.theta(0, j) * p.theta(0, j);
        }
        assertEquals(0.0, p.bias(0), 0);
        assertEquals(0.01, Math.sqrt(squares / 4000), 4e-4);
        assertEquals(0.0, sum / 4000, 6e-4);
    }

    @Test
    void theSameSeedGivesTheSameStartAndZerosAreZeros() {
        assertArrayEquals(Initialization.random(0.01, 3).create(1, 5).theta(0),
                Initialization.random(0.01, 3).create(1, 5).theta(0), 0);
        assertArrayEquals(new double[5], Initialization.zeros().create(1, 5).theta(0), 0);
    }

    /**
     * The draws are Box-Muller's in StrictMath, whose results the Java specification fixes on every CPU and JVM:
     * with Math.log and Math.cos, which may round otherwise elsewhere, about 6 % of these draws differed from
     * them in the last bit on x86-64 HotSpot, so a seed's start was the machine's.
     */
    @Test
    void drawsAreThoseOfStrictMathOnEveryMachine() {
        int n = 20_000;
        Parameters p = Initialization.random(1.0, 42).create(1, n);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(42);
        for (int j = 0; j < n; j++) {
            double u = 1.0 - rng.nextDouble();
            double v = rng.nextDouble();
            double expected = StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
            assertEquals(expected, p.theta(0, j), 0, "draw " + j);
        }
    }

    /** Every model of a batch starts from the draws a single model gets: its fit cannot depend on the others. */
    @Test
    void everyModelOfABatchStartsWhereItWouldAlone() {
        Parameters alone = Initialization.random(0.01, 3).create(1, 5);
        Parameters batch = Initialization.random(0.01, 3).create(4, 5);
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(alone.theta(0), batch.theta(k), 0, "model " + k);
            assertEquals(0.0, batch.bias(k), 0);
        }
    }
}
