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
        // A batch larger than the rows is one step an epoch.
        String one = ShortPlateauWarning.of(StopReason.PLATEAU, 10, 64, 40).orElseThrow();
        assertTrue(one.contains("over 10 mini-batch steps (--plateau 10 epochs of 1 batch of 40 rows)"), one);
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
