package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Numbers the user gave, echoed as typed where short, and in scientific notation where their plain form is not. */
class PlainNumberTest {
    @Test
    void shortValuesArePlainAndLongOnesScientific() {
        assertEquals("0.2", TrainPipeline.plain(0.2));
        assertEquals("1000000", TrainPipeline.plain(1e6));
        assertEquals("123456.789", TrainPipeline.plain(123456.789));
        assertEquals("1E-300", TrainPipeline.plain(1e-300));
        assertEquals("1E+21", TrainPipeline.plain(1e21));
    }

    /** --dp-epochs 1e-300 is valid (one step); the report had printed it as 300 digits. */
    @Test
    void aTinyDpEpochCountIsReportedInScientificNotation() {
        CliRun r = CliRun.of("train", "--dp", "--dp-seeded", "--dp-batch", "20", "--dp-epochs", "1e-300", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("epochs     1E-300 in expectation (--dp-epochs)"), r.out());
    }
}
