package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A delta of at least 1/n admits publishing whole rows: {@code privacy} and {@code train --dp} warn, in one line. */
class DeltaWarningTest {
    private static long warnings(CliRun r, String about) {
        return r.err().lines().filter(l -> l.startsWith("ridgeline: warning: " + about)).count();
    }

    @Test
    void privacyWarnsFromDeltaOneOverNUp() throws Exception {
        CliRun big = CliRun.of("privacy", "--n", "100", "--batch", "10", "--noise", "1", "--epochs", "1", "--delta", "0.5",
                "--json");
        assertEquals(0, big.code(), big.err());
        assertEquals(1, warnings(big, "--delta 0.5 is not below 1/n = 0.01000 (n = 100 rows, --n):"), big.err());
        assertTrue(big.err().contains("(50.0 rows expected); choose delta well below 1/n"), big.err());
        new ObjectMapper().readTree(big.out());
        CliRun atOneOverN = CliRun.of("privacy", "--n", "100", "--batch", "10", "--noise", "1", "--epochs", "1",
                "--delta", "0.01");
        assertEquals(1, warnings(atOneOverN, "--delta 0.01 is not below"), atOneOverN.err());
        CliRun below = CliRun.of("privacy", "--n", "100", "--batch", "10", "--noise", "1", "--epochs", "1",
                "--delta", "0.0099");
        assertEquals(0, below.code(), below.err());
        assertFalse(below.err().contains("warning"), below.err());
    }

    @Test
    void trainDpWarnsAgainstTheTrainingRows() {
        // 442 rows, 20% held out: 354 training rows, 1/n = 0.002825
        CliRun big = CliRun.of("train", "--dp", "--dp-noise", "1", "--dp-clip", "200", "--dp-epochs", "1",
                "--dp-delta", "0.1", "--dp-secure-random", "--no-output");
        assertEquals(0, big.code(), big.err());
        assertEquals(1, warnings(big, "--dp-delta 0.1 is not below 1/n = 0.002825 (n = 354 training rows):"), big.err());
        // Unscaled (numeric columns, nothing imputed): no preprocessing statistics for the --dp warning either;
        // unscaled gradients are larger (columns up to about 300), so a clip that leaves some unclipped, and a
        // step to match (the default 0.5 ended at a loss of 4e13, above the start's 14,342: now warned about;
        // 1e-5 ends near 2,800).
        CliRun usual = CliRun.of("train", "--dp", "--dp-noise", "1", "--dp-clip", "1e5", "--dp-epochs", "1",
                "--dp-lr", "1e-5", "--dp-secure-random", "--scale", "none", "--no-output");
        assertEquals(0, usual.code(), usual.err());
        assertFalse(usual.err().contains("warning"), usual.err());
    }

    /** --dp with --dp-noise 0 runs (the report says "no formal privacy guarantee") and warns of it aloud, once. */
    @Test
    void trainDpWithoutNoiseWarnsThatThereIsNoGuarantee() throws Exception {
        CliRun r = CliRun.of("train", "--dp", "--dp-noise", "0", "--dp-clip", "1e5", "--dp-epochs", "1", "--dp-lr", "1e-5",
                "--dp-secure-random", "--scale", "none", "--no-output", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, warnings(r, "--dp-noise 0: DP-SGD without noise gives no formal privacy guarantee"), r.err());
        com.fasterxml.jackson.databind.JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.path("warnings").toString().contains("--dp-noise 0: DP-SGD without noise"), r.out());
        assertFalse(json.path("privacy").path("guaranteed").asBoolean(true), r.out());
    }
}
