package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --mitigate on targets far from 0 (1e8 + a spread of a few units): its group losses were measured against the
 * targets rounded to float32 (steps of 8), so the rounds chased, and the report showed, losses of other targets.
 * Its training figures after mitigation must be the fairness report's for the same model on the same rows.
 */
class FarTargetsMitigationTest {
    @TempDir
    Path dir;

    @Test
    void theMitigationsGroupLossesAreThoseOfTheTargetsAsRead() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("x,g,y\n");
        for (int i = 0; i < 500; i++) {
            double x = rnd.nextDouble();
            boolean a = i % 2 == 0;
            double y = 1e8 + (a ? x : 1 - x) + rnd.nextGaussian() * (a ? 0.5 : 1.0);
            csv.append(String.format(Locale.ROOT, "%.6f,%s,%.6f%n", x, a ? "a" : "b", y));
        }
        Path data = dir.resolve("far.csv");
        Files.writeString(data, csv);
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--sensitive", "g", "--ignore", "g",
                "--mitigate", "--solver", "exact", "--scale", "none", "--holdout", "0", "--bootstrap", "0",
                "--no-output", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode fairness = json.at("/fairness/attributes/0/groups");
        for (JsonNode group : fairness) {
            String name = group.get("group").asText();
            double reported = group.get("mse").asDouble();
            double mitigation = json.at("/mitigation/train/groups/" + name + "/mse_after").asDouble();
            assertEquals(reported, mitigation, 1e-6 * reported, "group " + name);
        }
    }
}
