package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that exits while files are being saved leaves no temporary file, however long its other shutdown
 * hooks take, and every file it did save is whole; saves that would begin or end during the shutdown are
 * refused, saying why.
 */
class AtomicFilesShutdownTest {
    @TempDir
    Path dir;

    @Test
    void anExitDuringSavesLeavesNoHalfFile() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                AtomicFilesShutdownProbe.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe did not end");
        assertEquals(0, p.exitValue(), output);
        assertTrue(Files.exists(dir.resolve("started")), output);
        List<Path> left;
        try (Stream<Path> files = Files.list(dir)) {
            left = files.toList();
        }
        long saved = 0;
        for (Path f : left) {
            String name = f.getFileName().toString();
            assertTrue(!name.endsWith(".tmp"), "a temporary file was left: " + name + "; " + output);
            if (name.startsWith("model-")) {
                assertEquals((long) AtomicFilesShutdownProbe.PIECES * AtomicFilesShutdownProbe.PIECE, Files.size(f), name);
                saved++;
            }
        }
        assertTrue(saved >= 1, "no save finished before the exit: " + left);
        assertTrue(output.contains("the JVM is shutting down"), output);
    }
}
