package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.train.PlateauSchedule.Action;
import org.junit.jupiter.api.Test;

class PlateauScheduleTest {

    /** Feeds {@code reads} losses equal to {@code loss} and returns the last action. */
    private static Action feed(PlateauSchedule s, int k, double loss, int reads) {
        Action last = Action.NONE;
        for (int i = 0; i < reads; i++) {
            last = s.observe(k, loss);
        }
        return last;
    }

    @Test
    void aPlateauOfReadsHalvesTheStepAndTheFifthStops() {
        PlateauSchedule s = new PlateauSchedule(3, 1);
        assertEquals(Action.NONE, s.observe(0, 100.0));
        for (int cut = 1; cut <= PlateauSchedule.MAX_CUTS; cut++) {
            assertEquals(Action.NONE, feed(s, 0, 100.0, 2));
            assertEquals(Action.CUT_STEP, s.observe(0, 100.0));
            assertEquals(cut, s.cuts(0));
        }
        assertEquals(Action.NONE, feed(s, 0, 100.0, 2));
        assertEquals(Action.STOP, s.observe(0, 100.0));
    }

    @Test
    void anImprovementSmallerThanTheThresholdDoesNotResetTheCount() {
        PlateauSchedule s = new PlateauSchedule(2, 1);
        s.observe(0, 1000.0);
        // 1e-6 relative below the best: a new best, but not an improvement.
        assertEquals(Action.NONE, s.observe(0, 1000.0 * (1 - 1e-6)));
        assertEquals(Action.CUT_STEP, s.observe(0, 1000.0 * (1 - 2e-6)));
    }

    @Test
    void anImprovementResetsTheCountAndIsMeasuredAgainstTheBestSoFar() {
        PlateauSchedule s = new PlateauSchedule(2, 1);
        s.observe(0, 1000.0);
        assertEquals(Action.NONE, s.observe(0, 1200.0));
        assertEquals(Action.NONE, s.observe(0, 990.0));
        assertEquals(Action.NONE, s.observe(0, 995.0));
        // 995 is above the best, 990: the second read without improvement is a plateau.
        assertEquals(Action.CUT_STEP, s.observe(0, 991.0));
    }

    @Test
    void eachModelKeepsItsOwnCount() {
        PlateauSchedule s = new PlateauSchedule(2, 2);
        s.observe(0, 5.0);
        s.observe(1, 5.0);
        assertEquals(Action.NONE, s.observe(0, 5.0));
        assertEquals(Action.NONE, s.observe(1, 4.0));
        assertEquals(Action.CUT_STEP, s.observe(0, 5.0));
        assertEquals(Action.NONE, s.observe(1, 4.0));
        assertEquals(0, s.cuts(1));
    }

    @Test
    void lossesNearZeroStillCount() {
        PlateauSchedule s = new PlateauSchedule(1, 1);
        s.observe(0, 1e-30);
        assertEquals(Action.NONE, s.observe(0, 5e-31));
        assertEquals(Action.CUT_STEP, s.observe(0, 5e-31));
    }

    @Test
    void atLeastOneRead() {
        assertThrows(IllegalArgumentException.class, () -> new PlateauSchedule(0, 1));
    }
}
