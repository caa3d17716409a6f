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
 * hooks take, and every file it saved is whole; a save made by a shutdown hook succeeds.
 */
class AtomicFilesShutdownTest {
    private static final long WHOLE = (long) AtomicFilesShutdownProbe.PIECES * AtomicFilesShutdownProbe.PIECE;

    @TempDir
    Path dir;

    @Test
    void savesGoingOnDuringAnExitLeaveNoHalfFile() throws Exception {
        String output = probe("daemon");
        long saved = 0;
        for (Path f : files()) {
            String name = f.getFileName().toString();
            assertTrue(!name.endsWith(".tmp"), "a temporary file was left: " + name + "; " + output);
            if (name.startsWith("model-")) {
                assertEquals(WHOLE, Files.size(f), name);
                saved++;
            }
        }
        // About 0.5 s before the exit and 1.5 s of the slow hook, at about 0.17 s a save.
        assertTrue(saved >= 3, "only " + saved + " saves finished: " + files() + "; " + output);
    }

    @Test
    void aSaveFromAShutdownHookSucceeds() throws Exception {
        String output = probe("hook");
        Path saved = dir.resolve("saved-by-hook.json");
        assertTrue(Files.exists(saved), "the hook's save is missing: " + files() + "; " + output);
        assertEquals(WHOLE, Files.size(saved));
        assertTrue(files().stream().noneMatch(f -> f.toString().endsWith(".tmp")), files().toString());
    }

    private String probe(String mode) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                AtomicFilesShutdownProbe.class.getName(), dir.toString(), mode).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe did not end");
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
