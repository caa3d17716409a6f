package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row of weight 0 moves nothing, whatever its features hold. One of them holding 1e38, a legal float32 value that
 * z-scores to about 1e38, had overflowed java-vector's float32 products of that row, and 0 x Infinity made its sums
 * NaN: exit 3, "the automatic learning rate could not be estimated (curvature NaN ...); scale the features (--scale
 * zscore)" (or, on other such data, exit 4, "training diverged at epoch 1: loss NaN (overflowed) ... the automatic
 * learning rate 0.8159 is too large"), and tune blamed its lambdas, where java-scalar reached the minimum.
 */
class WeightlessRowsTest {
    @TempDir
    Path dir;

    @Test
    void aHugeValueInARowOfWeightZeroLeavesTheFitAsWithoutIt() throws Exception {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "needs the vector module");
        Path data = Files.writeString(dir.resolve("weightless.csv"), csv());
        JsonNode vector = fit(data, "java-vector");
        JsonNode scalar = fit(data, "java-scalar");
        for (String name : new String[] {"a", "b"}) {
            double expected = scalar.get("coefficients_standardized").get(name).asDouble();
            assertEquals(expected, vector.get("coefficients_standardized").get(name).asDouble(), 1e-5 * Math.abs(expected),
                    name);
        }
        assertEquals(scalar.get("loss").asDouble(), vector.get("loss").asDouble(), 1e-5 * scalar.get("loss").asDouble());
    }

    @Test
    void tuneFitsAroundAHugeValueInARowOfWeightZero() throws Exception {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "needs the vector module");
        Path data = Files.writeString(dir.resolve("weightless.csv"), csv());
        // The preprocessing refitted in each fold, and fitted once for all of them.
        for (String preprocessing : new String[] {"--seed=42", "--shared-preprocessing"}) {
            CliRun r = CliRun.of("tune", "--data", data.toString(), "--target", "y", "--weights", "w", "--lambdas",
                    "0.1,1", "--folds", "3", preprocessing, "--backend", "java-vector", "--no-output");
            assertEquals(0, r.code(), preprocessing + ": " + r.err());
        }
    }

    /** 100 rows: y = 5 a + 2 b + noise, and row 7 holding a = 1e38 at weight 0. */
    private static String csv() {
        SplittableRandom random = new SplittableRandom(6);
        StringBuilder csv = new StringBuilder("a,b,y,w\n");
        for (int i = 0; i < 100; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double y = 5 * a + 2 * b + 0.1 * random.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.17g,%.17g,%.17g,%s%n", i == 7 ? 1e38 : a, b, y, i == 7 ? "0" : "1"));
        }
        return csv.toString();
    }

    private static JsonNode fit(Path data, String backend) throws Exception {
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--weights", "w", "--holdout", "0",
                "--backend", backend, "--json", "--no-output");
        assertEquals(0, r.code(), backend + ": " + r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("converged", json.get("stop_reason").asText(), backend);
        return json;
    }
}
