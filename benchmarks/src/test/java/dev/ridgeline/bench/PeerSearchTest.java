package dev.ridgeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The peer's epoch search and the outcome the report prints for it. */
class PeerSearchTest {
    /** Loss 1 / epochs: the target 1/21 is first reached at 21 epochs, between the powers 16 and 32. */
    @Test
    void bisectionFindsTheFewestEpochsBetweenTwoPowers() {
        List<Integer> tried = new ArrayList<>();
        PeerOutcome o = PeerBenchmark.fewestEpochs(e -> {
            tried.add(e);
            return 1.0 / e;
        }, 1.0 / 21, 32, "s", "b");
        assertTrue(o.reached());
        assertEquals(21, o.epochs());
        assertEquals("yes in 21 epochs", o.text());
        assertEquals(List.of(1, 2, 4, 8, 16, 32), tried.subList(0, 6));
        assertTrue(tried.size() <= 6 + 4, "bisection of 16..32 takes at most 4 more fits: " + tried);
    }

    @Test
    void notReachedIsTimedAtTheCapWithTheBestLoss() {
        PeerOutcome o = PeerBenchmark.fewestEpochs(e -> e == 16 ? 0.0016 : 0.0017, 0.001, 32, "s", "b");
        assertFalse(o.reached());
        assertEquals(32, o.epochs());
        assertEquals(0.0016, o.loss(), 0);
        assertEquals("no: best J 0.00160000 after 32 epochs", o.text());
        assertEquals(o, PeerOutcome.parse(o.toLine()));
    }

    @Test
    void reachedAtTheFirstEpoch() {
        assertEquals(1, PeerBenchmark.fewestEpochs(e -> 0, 1, 32, "s", "b").epochs());
    }
}
