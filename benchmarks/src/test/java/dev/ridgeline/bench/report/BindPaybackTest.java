package dev.ridgeline.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The epochs after which java-vector's panel copy has paid for itself (BindSection.payback), by hand. */
class BindPaybackTest {
    private static Measurement op(double ms, double error) {
        return new Measurement(Measurement.BIND, "bind", "1000x256", 1, ms, error);
    }

    private static Measurement epoch(String kind, double ms, double error, List<Double> forks) {
        return new Measurement(kind, kind, "1000x256", 1, ms, error, forks);
    }

    /**
     * op 50 +- 5, panel epoch 10 +- 0.5 (forks 9.8 and 10.2), no-copy epoch 20 +- 1 (forks 19 and 21): (50 - 10) /
     * (20 - 10) = 4.0. Gain from min(19 - 10.5, 19 - 10.2) = 8.5 to max(21 - 9.5, 21 - 9.8) = 11.5; cost from
     * 45 - 10.5 = 34.5 to 55 - 9.5 = 45.5: [34.5 / 11.5, 45.5 / 8.5] = [3.0, 5.4].
     */
    @Test
    void paybackIsTheCopysCostOverEachEpochsGain() {
        assertEquals("4.0 [3.0, 5.4]", BindSection.payback(op(50, 5),
                epoch(Measurement.VECTOR, 10, 0.5, List.of(9.8, 10.2)),
                epoch(Measurement.VECTOR_ROWS, 20, 1, List.of(19.0, 21.0))));
    }

    /**
     * The interval's bounds are rounded outwards, as the summary's ratios are: op 50 +- 4 gives a cost from 35.5 to
     * 44.5, so [35.5 / 11.5, 44.5 / 8.5] = [3.087, 5.235], shown as [3.0, 5.3] (to nearest it had been [3.1, 5.2],
     * narrower than what was measured).
     */
    @Test
    void paybackBoundsAreRoundedOutwards() {
        assertEquals("4.0 [3.0, 5.3]", BindSection.payback(op(50, 4),
                epoch(Measurement.VECTOR, 10, 0.5, List.of()), epoch(Measurement.VECTOR_ROWS, 20, 1, List.of())));
    }

    /** A fork pair where the no-copy epoch ran faster (9.0 against 9.8): the gain is not sure, whatever the mean. */
    @Test
    void aGainThatAForkPairContradictsIsNoGain() {
        assertEquals("no gain measured", BindSection.payback(op(50, 5),
                epoch(Measurement.VECTOR, 10, 0.1, List.of(9.8, 10.2)),
                epoch(Measurement.VECTOR_ROWS, 12, 0.1, List.of(9.0, 15.0))));
        // The same kernel both ways (no copy at this shape): equal epochs, no gain.
        assertEquals("no gain measured", BindSection.payback(op(12, 2),
                epoch(Measurement.VECTOR, 10, 0.5, List.of()), epoch(Measurement.VECTOR_ROWS, 10, 0.5, List.of())));
    }

    /** An op cheaper than a no-copy epoch pays back in its own first epoch: never fewer than one. */
    @Test
    void paybackIsAtLeastOneEpoch() {
        assertEquals("1.0 [1.0, 1.0]", BindSection.payback(op(15, 0.1),
                epoch(Measurement.VECTOR, 10, 0.1, List.of()), epoch(Measurement.VECTOR_ROWS, 40, 0.1, List.of())));
        assertEquals("4.0 (no interval)", BindSection.payback(op(50, Double.NaN),
                epoch(Measurement.VECTOR, 10, 0.5, List.of()), epoch(Measurement.VECTOR_ROWS, 20, 1, List.of())));
    }
}
