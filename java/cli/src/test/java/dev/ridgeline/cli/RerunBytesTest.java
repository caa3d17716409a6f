package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rerun writes the same bytes: its --json and metrics.json hold the same numbers, keyed in the same order.
 * Each run is a JVM of its own with the parallel collector, as bin/ridgeline starts it: there the iteration order
 * of Map.of and Set.of is drawn afresh in every JVM (with G1 it comes from the JDK's class-data archive, fixed for
 * one JDK build), and the mitigation's per-group mse_before and mse_after, kept in a Map.of, had come out in
 * either order from run to run (5 of 8 runs of bin/ridgeline train --sensitive sex --mitigate put mse_after
 * first).
 */
class RerunBytesTest {
    /** Fresh JVMs: with two orders drawn at even odds, six agree by chance once in 32. */
    private static final int RUNS = 6;

    @TempDir
    Path dir;

    @Test
    void aMitigatedTrainingWritesTheSameJsonAndMetricsInEveryJvm() throws Exception {
        Path out = dir.resolve("run");
        String firstJson = null;
        String firstMetrics = null;
        for (int i = 0; i < RUNS; i++) {
            String json = runMain("train", "--sensitive", "sex", "--mitigate", "--mitigate-rounds", "3",
                    "--bootstrap", "0", "--solver", "exact", "--json", "--out", out.toString());
            String metrics = Files.readString(out.resolve("metrics.json"), StandardCharsets.UTF_8);
            assertTrue(json.indexOf("\"mse_before\"") < json.indexOf("\"mse_after\""), json);
            if (i == 0) {
                firstJson = json;
                firstMetrics = metrics;
            } else {
                assertEquals(firstJson, json, "--json of run " + (i + 1));
                assertEquals(firstMetrics, metrics, "metrics.json of run " + (i + 1));
            }
        }
    }

    /** Main in a fresh JVM as the launcher starts it; returns its standard output, after checking that it succeeded. */
    private String runMain(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not end");
        assertEquals(0, p.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
