package dev.ridgeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The arithmetic peak does the multiply-adds it counts: each chain's value, step by step in scalar floats. */
class ArithmeticPeakTest {
    /**
     * 1,000 iterations of 4 rounds: 4,000 steps a = fma(a, m, c) per chain, chain j starting at seed + j, every
     * lane alike. A loop that took one round fewer would move each chain 1,000 steps less (the sum by about
     * 0.04 of 528, far beyond the tolerance, which only covers the order of the final additions).
     */
    @Test
    void everyChainTakesEveryStep() {
        int iterations = 1000;
        float seed = 0;
        double expected = 0;
        for (int j = 0; j < ArithmeticPeak.CHAINS; j++) {
            float a = seed + j;
            for (int step = 0; step < iterations * ArithmeticPeak.ROUNDS; step++) {
                a = Math.fma(a, 0.9999999f, 1e-7f);
            }
            expected += (double) a * ArithmeticPeak.lanes();
        }
        assertEquals(expected, ArithmeticPeak.chains(iterations, seed), 1e-6 * expected);
    }

    /**
     * A run's calls take every iteration it counts: {@link ArithmeticPeak#CALLS} calls of an equal share, chain
     * j of call c starting at thread + c + j. The shares add up exactly (the first assertion); a call left out
     * would move the sum by thousands of times the tolerance.
     */
    @Test
    void theCallsOfARunTakeEveryIteration() {
        assertEquals(0, ArithmeticPeak.ITERATIONS % ArithmeticPeak.CALLS);
        int share = ArithmeticPeak.ITERATIONS / ArithmeticPeak.CALLS;
        int thread = 1;
        double expected = 0;
        for (int c = 0; c < ArithmeticPeak.CALLS; c++) {
            for (int j = 0; j < ArithmeticPeak.CHAINS; j++) {
                float a = thread + c + j;
                for (int step = 0; step < share * ArithmeticPeak.ROUNDS; step++) {
                    a = Math.fma(a, 0.9999999f, 1e-7f);
                }
                expected += (double) a * ArithmeticPeak.lanes();
            }
        }
        assertEquals(expected, ArithmeticPeak.calls(thread), 1e-6 * expected);
    }

    @Test
    void countsTwelveChainsOfFourRoundsOnEveryLaneAndThread() {
        assertEquals(3L * 12 * 4 * (1 << 20) * ArithmeticPeak.lanes(), ArithmeticPeak.multiplyAdds(3));
    }

    @Test
    void workLinesRoundTrip() {
        PeakWork work = new PeakWork(2, 16, 1_610_612_736L);
        assertEquals(work, PeakWork.parse(work.toLine()));
    }
}
