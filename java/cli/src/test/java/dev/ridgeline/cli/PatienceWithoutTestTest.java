package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping picks the weights kept on the validation rows, whose metrics are then the run's only held-out
 * figures: the run warns of their optimism (text, --json and metrics.json alike) unless test rows exist or
 * there is no --patience (then the validation rows chose nothing).
 */
class PatienceWithoutTestTest {
    @TempDir
    Path dir;

    @Test
    void patienceWithoutTestRowsWarnsThatTheValidationFiguresAreOptimistic() throws Exception {
        CliRun json = CliRun.of("train", "--patience", "3", "--json", "--out", dir.resolve("json").toString());
        assertEquals(0, json.code(), json.err());
        assertEquals("early_stopped", new ObjectMapper().readTree(json.out()).get("stop_reason").asText(), json.out());
        assertTrue(holds(new ObjectMapper().readTree(json.out()).get("warnings")), json.out());
        assertTrue(holds(new ObjectMapper().readTree(dir.resolve("json/metrics.json").toFile()).get("warnings")));

        CliRun text = CliRun.of("train", "--patience", "3", "--out", dir.resolve("text").toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.err().contains("ridgeline: warning: " + TrainPipeline.PATIENCE_WITHOUT_TEST), text.err());
    }

    /**
     * With test rows the fairness tables leave the validation rows, which --patience let choose the weights kept, for
     * the test rows, which no choice saw: the text's header, --json and the card say so, and the tables' overall row
     * is the test rows' metrics. Without --patience the validation rows chose nothing and stay.
     */
    @Test
    void fairnessLeavesTheValidationRowsThatChoseTheWeightsForTheTestRows() throws Exception {
        CliRun text = CliRun.of("train", "--patience", "3", "--test", "0.2", "--sensitive", "sex", "--bootstrap", "0",
                "--no-output");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("\nfairness   by sex on the test rows (88; not the validation rows, which chose"
                + " the weights kept by --patience)\n"), text.out());
        CliRun json = CliRun.of("train", "--patience", "3", "--test", "0.2", "--sensitive", "sex", "--bootstrap", "0",
                "--json", "--no-output");
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertEquals("early_stopped", report.get("stop_reason").asText(), "the rows below hold for an early stop");
        assertEquals("test", report.at("/fairness/rows").asText(), json.out());
        assertFalse(report.at("/fairness/rows_chose_stopping_epoch").asBoolean(), json.out());
        assertEquals(report.at("/metrics/test/mse").asDouble(),
                report.at("/fairness/attributes/0/overall/mse").asDouble(), 0.0, json.out());
        java.nio.file.Path out = dir.resolve("card");
        assertEquals(0, CliRun.of("train", "--patience", "3", "--test", "0.2", "--sensitive", "sex", "--bootstrap",
                "0", "--out", out.toString()).code());
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertEquals("test", card.at("/fairness/0/rows").asText(), card.toString());
        assertFalse(card.at("/fairnessRowsChoseStoppingEpoch").asBoolean());
        assertTrue(java.nio.file.Files.readString(out.resolve("model-card.md")).contains("Computed on the test rows"
                + " (88, held out from training and from every choice; not on the validation rows, on which early"
                + " stopping (--patience) chose the weights kept"), "model-card.md");

        CliRun plain = CliRun.of("train", "--test", "0.2", "--sensitive", "sex", "--bootstrap", "0", "--json",
                "--no-output");
        JsonNode fairness = new ObjectMapper().readTree(plain.out()).get("fairness");
        assertFalse(fairness.get("rows_chose_stopping_epoch").asBoolean(), plain.out());
        CliRun plainText = CliRun.of("train", "--test", "0.2", "--sensitive", "sex", "--bootstrap", "0", "--no-output");
        assertTrue(plainText.out().contains("\nfairness   by sex on the validation rows (88)\n"), plainText.out());
    }

    private static boolean holds(JsonNode warnings) {
        for (JsonNode w : warnings) {
            if (w.asText().equals(TrainPipeline.PATIENCE_WITHOUT_TEST)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void testRowsOrNoPatienceDrawNoSuchWarning() throws Exception {
        CliRun withTest = CliRun.of("train", "--patience", "3", "--test", "0.2", "--out", dir.resolve("t").toString());
        assertEquals(0, withTest.code(), withTest.err());
        assertFalse(withTest.err().contains(TrainPipeline.PATIENCE_WITHOUT_TEST), withTest.err());

        CliRun plain = CliRun.of("train", "--out", dir.resolve("p").toString());
        assertEquals(0, plain.code(), plain.err());
        assertFalse(plain.err().contains(TrainPipeline.PATIENCE_WITHOUT_TEST), plain.err());
        JsonNode card = new ObjectMapper().readTree(dir.resolve("p/model-card.json").toFile());
        assertEquals("validation rows (88)", card.at("/metrics").get(0).get("split").asText(), card.toString());
    }

    /**
     * A patience too long to stop the run still keeps its best validation read, here one long before the run
     * converged (which had kept the converged weights, unannounced): the validation rows chose the weights, so
     * the warning and the card say their figures are optimistic, and the report names the epoch kept.
     */
    @Test
    void aPatienceThatNeverStopsTheRunStillChoosesTheWeights() throws Exception {
        CliRun patient = CliRun.of("train", "--patience", "100000", "--json", "--out", dir.resolve("n").toString());
        assertEquals(0, patient.code(), patient.err());
        JsonNode json = new ObjectMapper().readTree(patient.out());
        assertEquals("converged", json.get("stop_reason").asText(), patient.out());
        int kept = json.get("kept_epoch").asInt();
        assertTrue(kept > 0 && kept < json.get("epochs").asInt(), patient.out());
        assertTrue(patient.err().contains(TrainPipeline.PATIENCE_WITHOUT_TEST), patient.err());
        JsonNode card = new ObjectMapper().readTree(dir.resolve("n/model-card.json").toFile());
        assertEquals("validation rows (88; they chose the weights kept by --patience, so these figures are optimistic)",
                card.at("/metrics").get(0).get("split").asText(), card.toString());
        assertEquals("those after epoch " + kept + ", the best validation read (--patience)",
                card.at("/training/settings/weights kept").asText());

        // Cut at --epochs after the best read: the weights kept are not the limit's, so no "raise --epochs".
        CliRun limited = CliRun.of("train", "--patience", "100000", "--epochs", "200", "--json", "--no-output");
        assertEquals(0, limited.code(), limited.err());
        assertEquals(kept, new ObjectMapper().readTree(limited.out()).get("kept_epoch").asInt(), limited.out());
        assertFalse(limited.err().contains("raise --epochs"), limited.err());
        CliRun control = CliRun.of("train", "--epochs", "200", "--no-output");
        assertTrue(control.err().contains("raise --epochs"), "without --patience the limit set them: " + control.err());
        CliRun text = CliRun.of("train", "--patience", "100000", "--no-output");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("\nkept       the weights after epoch " + kept + ", the best validation read"
                + " (--patience)\n"), text.out());
    }
}
