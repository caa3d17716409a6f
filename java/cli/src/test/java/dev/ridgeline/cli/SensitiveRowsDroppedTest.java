package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under --missing drop, rows missing the value of a sensitive column that --ignore leaves out of the features are
 * dropped from training too: --sensitive, meant to assess the model, changed it without a word.
 */
class SensitiveRowsDroppedTest {
    private static final String WARNING = "--missing drop removed 2 of the 200 rows only for a missing value of the"
            + " sensitive column 'grp', which --ignore leaves out of the features: these rows are left out of training"
            + " too, so the model differs from one trained without --sensitive";

    @TempDir
    Path dir;

    /** 200 rows; grp missing in rows 5 and 77, and in row 100 with x1 (dropped anyway); x2 missing in row 150. */
    private Path data() throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder("grp,x1,x2,y\n");
        for (int i = 0; i < 200; i++) {
            double x1 = rng.nextGaussian();
            double x2 = rng.nextGaussian();
            String grp = i == 5 || i == 77 || i == 100 ? "" : i % 2 == 0 ? "A" : "B";
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.4f%n", grp, i == 100 ? "" : String.format(Locale.ROOT,
                    "%.4f", x1), i == 150 ? "" : String.format(Locale.ROOT, "%.4f", x2),
                    2 * x1 - x2 + rng.nextGaussian()));
        }
        return Files.writeString(dir.resolve("d.csv"), csv);
    }

    private static List<String> warnings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(w -> out.add(w.asText()));
        return out;
    }

    @Test
    void rowsDroppedOnlyForAnIgnoredSensitiveColumnAreCountedAndNamed() throws Exception {
        Path data = data();
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--ignore", "grp", "--sensitive",
                "grp", "--missing", "drop", "--bootstrap", "0", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("ridgeline: warning: 4 of 200 rows had missing values and were dropped\n"
                + "ridgeline: warning: " + WARNING + "\n"), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(warnings(doc.get("warnings")).contains(WARNING), doc.get("warnings").toString());
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertTrue(warnings(card.get("warnings")).contains(WARNING), card.get("warnings").toString());
        assertTrue(Files.readString(out.resolve("model-card.md")).contains(WARNING));
        // The model is indeed another: without --sensitive only rows 100 and 150 are dropped.
        CliRun plain = CliRun.of("train", "--data", data.toString(), "--target", "y", "--ignore", "grp", "--missing",
                "drop", "--json", "--no-output");
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.err().contains("2 of 200 rows had missing values and were dropped"), plain.err());
        assertFalse(plain.err().contains("only for a missing value"), plain.err());
        JsonNode plainDoc = new ObjectMapper().readTree(plain.out());
        assertEquals(198 - plainDoc.at("/metrics/validation/rows").asInt(), plainDoc.at("/metrics/train/rows").asInt());
        assertEquals(196 - doc.at("/metrics/validation/rows").asInt(), doc.at("/metrics/train/rows").asInt());
    }

    @Test
    void aSensitiveColumnThatIsAFeatureDropsItsRowsWithOrWithoutSensitive() throws Exception {
        CliRun r = CliRun.of("train", "--data", data().toString(), "--target", "y", "--sensitive", "grp", "--missing",
                "drop", "--bootstrap", "0", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("4 of 200 rows had missing values and were dropped"), r.err());
        assertFalse(r.err().contains("only for a missing value"), r.err());
    }
}
