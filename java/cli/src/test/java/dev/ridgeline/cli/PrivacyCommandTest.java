package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code ridgeline privacy} end to end. */
class PrivacyCommandTest {
    @Test
    void jsonReproducesTheTfPrivacyMnistFigure() throws Exception {
        CliRun r = CliRun.of("privacy", "--n", "60000", "--batch", "150", "--noise", "1.3", "--epochs", "15",
                "--delta", "1e-5", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(0.7242234026109595, doc.get("epsilon").asDouble(), 1e-4 * 0.7242234026109595);
        // The order and the figures of the run, each under its own key. Order 19: the integer orders' binomial sums
        // (Mironov, Talwar, Zhang 2019) with the improved conversion, in Python over orders 2 .. 63, 128, 256, 512,
        // give their least epsilon, 0.72422340261099, there.
        assertEquals(19.0, doc.get("order").asDouble());
        assertEquals(150.0 / 60000, doc.get("sampling_rate").asDouble());
        assertEquals(1.3, doc.get("noise").asDouble());
        assertEquals(1e-5, doc.get("delta").asDouble());
        assertEquals(6000, doc.get("steps").asLong());
        assertEquals(0, doc.get("warnings").size(), doc.toString());
        CliRun large = CliRun.of("privacy", "--n", "1000", "--batch", "10", "--noise", "1", "--epochs", "1",
                "--delta", "0.01", "--json");
        JsonNode warned = new ObjectMapper().readTree(large.out());
        assertEquals(1, warned.get("warnings").size(), warned.toString());
        assertTrue(large.err().contains("ridgeline: warning: " + warned.get("warnings").get(0).asText()), large.err());
    }

    /**
     * The text's epsilon and delta are rounded up, never claiming more privacy than the accountant gives: epsilon
     * 0.7242234 had read 0.724223 (the JSON keeps every digit).
     */
    @Test
    void theTextRoundsEpsilonAndDeltaUp() {
        CliRun r = CliRun.of("privacy", "--n", "60000", "--batch", "150", "--noise", "1.3", "--epochs", "15",
                "--delta", "1.2345e-5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(line -> line.startsWith("epsilon    ")
                && line.endsWith(" at delta 1.24e-05 (improved conversion)")), r.out());
        CliRun mnist = CliRun.of("privacy", "--n", "60000", "--batch", "150", "--noise", "1.3", "--epochs", "15",
                "--delta", "1e-5");
        assertTrue(mnist.out().startsWith("epsilon    0.724224 at delta 1.00e-05 (improved conversion)"), mnist.out());
    }

    @Test
    void targetEpsilonSolvesForTheNoise() throws Exception {
        CliRun r = CliRun.of("privacy", "--n", "60000", "--batch", "150", "--target-epsilon", "0.7242234026109595",
                "--epochs", "15", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(1.3, doc.get("noise").asDouble(), 1e-4 * 1.3);
        assertTrue(doc.get("epsilon").asDouble() <= 0.7242234026109595);
    }

    /**
     * The solved noise as printed, passed back as --noise, still meets the target: rounded to the nearest six
     * digits, 1.097564 had read 1.09756, whose epsilon is 1.0000045 for a target of 1.
     */
    @Test
    void thePrintedNoiseMeetsTheTarget() throws Exception {
        for (String target : new String[] {"1", "5"}) {
            CliRun solved = CliRun.of("privacy", "--n", "60000", "--batch", "150", "--target-epsilon", target,
                    "--epochs", "15");
            assertEquals(0, solved.code(), solved.err());
            String printed = solved.out().lines().findFirst().orElseThrow().split("\\s+")[1];
            CliRun back = CliRun.of("privacy", "--n", "60000", "--batch", "150", "--noise", printed, "--epochs", "15",
                    "--json");
            assertEquals(0, back.code(), back.err());
            double epsilon = new ObjectMapper().readTree(back.out()).get("epsilon").asDouble();
            assertTrue(epsilon <= Double.parseDouble(target), "--noise " + printed + " gives " + epsilon);
            assertTrue(solved.out().contains("noise multiplier " + printed + "\n")
                    || solved.out().contains("noise multiplier " + printed + System.lineSeparator()), solved.out());
        }
    }

    @Test
    void textReportNamesEpsilonAndOrder() {
        CliRun r = CliRun.of("privacy", "--n", "1000", "--batch", "100", "--noise", "1.1", "--epochs", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("epsilon    "), r.out());
        assertTrue(r.out().contains("best Renyi order"), r.out());
    }

    /** Both or neither of --noise and --target-epsilon is a bad command line: exit 2 and the hint to --help. */
    @Test
    void noiseAndTargetTogetherOrNeitherIsAUsageError() {
        String[][] lines = {
            {"privacy", "--n", "1000", "--batch", "100", "--noise", "1", "--target-epsilon", "1", "--epochs", "1"},
            {"privacy", "--n", "1000", "--batch", "100", "--epochs", "1", "--json"},
        };
        for (String[] args : lines) {
            CliRun r = CliRun.of(args);
            assertEquals(Main.EXIT_USAGE, r.code(), r.err());
            assertEquals("", r.out());
            assertEquals(java.util.List.of("ridgeline: error: give exactly one of --noise and --target-epsilon",
                    "Try 'ridgeline privacy --help' for the options."), r.err().lines().toList());
        }
    }

    @Test
    void batchAboveTheRowsIsAClearError() {
        CliRun big = CliRun.of("privacy", "--n", "100", "--batch", "200", "--noise", "1", "--epochs", "1");
        assertEquals(Main.EXIT_DATA, big.code());
        assertTrue(big.err().contains("--batch must be between 1 and --n (100), got 200"), big.err());
    }

    /** More steps than the accountant counts: the option named, its value as typed (it had read "1.0E300 epochs"). */
    @Test
    void tooManyStepsNameTheEpochsOption() {
        CliRun r = CliRun.of("privacy", "--n", "10", "--batch", "5", "--noise", "1", "--epochs", "1e300");
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        assertEquals("ridgeline: error: --epochs 1E+300 with --n 10 and --batch 5 is 2.00e+300 steps, more than the"
                + " accountant counts (2^53); give fewer", r.err().strip());
        CliRun fine = CliRun.of("privacy", "--n", "10", "--batch", "5", "--noise", "1", "--epochs", "1e15");
        assertEquals(0, fine.code(), fine.err());
    }
}
