package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.card.Sha256;
import dev.ridgeline.privacy.RdpAccountant;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} with --sensitive, --mitigate and --dp: report sections, JSON keys, and the model card in the output folder. */
class ResponsibleTrainTest {
    @TempDir
    Path dir;

    @Test
    void sensitiveColumnGivesGroupTablesAndACardWithEverySection() throws Exception {
        Path out = dir.resolve("report");
        CliRun r = CliRun.of("train", "--sensitive", "sex", "--bootstrap", "100", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fairness   by sex on the validation rows (88)"), r.out());
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        for (String key : new String[] {"modelDetails", "intendedUse", "data", "training", "metrics", "fairness",
            "privacy", "explanation", "provenance", "plots"}) {
            assertTrue(card.has(key), key);
        }
        byte[] embedded;
        try (InputStream in = getClass().getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            embedded = in.readAllBytes();
        }
        assertEquals(Sha256.of(embedded), card.at("/data/sha256").asText());
        assertEquals(2, card.at("/fairness/0/groups").size());
        assertFalse(card.at("/privacy/guaranteed").asBoolean());
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("no formal privacy guarantee"), md);
        assertTrue(md.contains("![Error by sex](groups-sex.png)"), md);
        assertTrue(Files.size(out.resolve("groups-sex.png")) > 1000);
    }

    @Test
    void dpTrainingReportsTheAccountantsEpsilonAndKeepsJsonClean() throws Exception {
        Path out = dir.resolve("dp");
        CliRun r = CliRun.of("train", "--dp", "--dp-noise", "1.1", "--dp-batch", "50", "--dp-epochs", "2",
                "--dp-clip", "100", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        new ObjectMapper().readTree(r.out()); // stdout stays one JSON object
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertTrue(card.at("/privacy/guaranteed").asBoolean());
        // 354 training rows, q = 50/354, steps = ceil(2 / q) = 15
        double expected = new RdpAccountant().step(50.0 / 354, 1.1, 15).spent(1e-5).epsilon();
        assertEquals(expected, card.at("/privacy/epsilon").asDouble(), 1e-12 * expected);
        assertEquals(15, card.at("/privacy/steps").asLong());
        CliRun text = CliRun.of("train", "--dp", "--dp-noise", "1.1", "--dp-batch", "50", "--dp-epochs", "2");
        assertTrue(text.out().contains("privacy    (epsilon = "), text.out());
    }

    @Test
    void mitigationPrintsBeforeAndAfter() {
        CliRun r = CliRun.of("train", "--sensitive", "sex", "--mitigate", "--bootstrap", "0", "--mitigate-rounds", "5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("mitigation bounded group loss by sex"), r.out());
        assertTrue(r.out().contains("MSE before"), r.out());
    }

    @Test
    void badCombinationsAreClearErrors() {
        CliRun r = CliRun.of("train", "--mitigate");
        assertEquals(Main.EXIT_DATA, r.code());
        assertTrue(r.err().contains("--mitigate needs --sensitive"), r.err());
        CliRun col = CliRun.of("train", "--sensitive", "gender");
        assertEquals(Main.EXIT_DATA, col.code());
        assertTrue(col.err().contains("sensitive column 'gender' is not in the header"), col.err());
    }
}
