package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.train.StopReason;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShortPlateauWarningTest {
    @Test
    void aPlateauOfFewerThanAHundredStepsIsWarnedAboutWithThePlateauThatWouldDo() {
        // 288 rows in batches of 32: 9 steps an epoch, 90 in 10 epochs; 12 epochs make 108.
        String w = ShortPlateauWarning.of(StopReason.PLATEAU, 10, 32, 288).orElseThrow();
        assertTrue(w.startsWith("sgd stopped on a plateau judged over 90 mini-batch steps (--plateau 10 epochs of 9 "
                + "batches of 32 rows)"), w);
        assertTrue(w.endsWith("or a --plateau of at least 12"), w);
        // A batch of all the rows (or more) is one step an epoch, without the noise of batches.
        String one = ShortPlateauWarning.of(StopReason.PLATEAU, 10, 64, 40).orElseThrow();
        assertTrue(one.startsWith("sgd stopped on a plateau judged over 10 steps (--plateau 10 epochs of one batch of"
                + " all 40 rows): a loss that still falls slowly can look flat"), one);
        assertTrue(one.endsWith("or a --plateau of at least 100"), one);
        assertTrue(!one.contains("noise"), one);
        assertEquals(one, ShortPlateauWarning.of(StopReason.PLATEAU, 10, 40, 40).orElseThrow());
    }

    @Test
    void withMomentumTheRowsLeftOverMakeNoStepOfTheirOwn() {
        // 300 rows in batches of 32 under momentum: 9 steps an epoch, the last of 44 rows (10 without momentum).
        String w = ShortPlateauWarning.of(StopReason.PLATEAU, 10, 32, 300, true).orElseThrow();
        assertTrue(w.startsWith("sgd stopped on a plateau judged over 90 mini-batch steps (--plateau 10 epochs of 9 "
                + "batches of 32 rows, the last with the 12 left over)"), w);
        assertEquals(Optional.empty(), ShortPlateauWarning.of(StopReason.PLATEAU, 10, 32, 300, false));
        // 40 rows in batches of 32: one step of all of them.
        assertEquals(ShortPlateauWarning.of(StopReason.PLATEAU, 10, 40, 40).orElseThrow(),
                ShortPlateauWarning.of(StopReason.PLATEAU, 10, 32, 40, true).orElseThrow());
    }

    @Test
    void aHundredStepsOrAnotherStopReasonOrNoScheduleIsNot() {
        assertEquals(Optional.empty(), ShortPlateauWarning.of(StopReason.PLATEAU, 10, 32, 300)); // 10 x 10
        assertEquals(Optional.empty(), ShortPlateauWarning.of(StopReason.PLATEAU, 10, 32, 354)); // the embedded data
        assertEquals(Optional.empty(), ShortPlateauWarning.of(StopReason.CONVERGED, 10, 32, 40));
        assertEquals(Optional.empty(), ShortPlateauWarning.of(StopReason.MAX_EPOCHS, 10, 32, 40));
        assertEquals(Optional.empty(), ShortPlateauWarning.of(StopReason.PLATEAU, 0, 32, 40));
    }
}
