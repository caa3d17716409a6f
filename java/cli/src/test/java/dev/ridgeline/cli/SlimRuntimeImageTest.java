package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime image made by jlink with the Java SE modules alone ({@code --add-modules java.se}): no
 * jdk.incubator.vector, so java-scalar runs, and no jdk.management, whose OperatingSystemMXBean the heap check
 * of the encoded matrix had asked for the machine's memory: every train ended with NoClassDefFoundError and a
 * stack trace, exit 1.
 */
class SlimRuntimeImageTest {
    @TempDir
    Path dir;

    @Test
    void trainRunsOnAnImageOfTheSeModulesAlone() throws Exception {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        assumeTrue(Files.isExecutable(jlink), "this JDK has no jlink");
        Path image = dir.resolve("image");
        Process made = new ProcessBuilder(jlink.toString(), "--add-modules", "java.se", "--output", image.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("jlink.log").toFile()).start();
        assertTrue(made.waitFor(120, TimeUnit.SECONDS), "jlink did not end");
        assumeTrue(made.exitValue() == 0, "jlink failed: " + Files.readString(dir.resolve("jlink.log")));
        assertFalse(Files.readString(image.resolve("release")).contains("jdk.management"), "the image is not slim");

        Process p = new ProcessBuilder(image.resolve("bin/java").toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--solver", "exact", "--no-output")
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not end");
        List<String> err = Files.readAllLines(dir.resolve("stderr"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join("\n", err));
        assertTrue(Files.readString(dir.resolve("stdout")).contains("backend    java-scalar"),
                Files.readString(dir.resolve("stdout")));
    }
}
