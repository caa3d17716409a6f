package dev.ridgeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV benchmark's file (64 MB in the full suite) goes when its JVM is stopped, as Ctrl-C stops the forks of
 * an interrupted run before the benchmark's tear-down runs.
 */
class CsvBenchFileExitTest {
    @TempDir
    Path tmp;

    @Test
    void aForkStoppedAfterItsSetupLeavesNoFile() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--add-modules=jdk.incubator.vector",
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                CsvBenchFileExitProbe.class.getName()).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && !line.equals("ready"); line = out.readLine()) {
                output.append(line).append('\n');
            }
            assertEquals(1, files().size(), "the setup wrote no file: " + output);
            // SIGTERM; Ctrl-C's SIGINT ends a JVM the same way, through its shutdown hooks.
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the probe did not end");
        }
        assertEquals(List.of(), files(), output.toString());
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().startsWith("ridgeline-csv-bench-")).toList();
        }
    }
}
