package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command ended by SIGTERM says so on standard error; one that finishes says nothing of the kind. */
class SignalMessageTest {
    @TempDir
    Path dir;

    @Test
    void aSignalDuringTrainingIsNamed() throws Exception {
        Process p = start("train", "--epochs", "100000000", "--tol", "0", "--no-output");
        Path err = dir.resolve("stderr");
        // Wait until training runs (its progress line or any output on stderr), then SIGTERM.
        for (int i = 0; i < 200 && Files.size(err) == 0; i++) {
            Thread.sleep(50);
        }
        Thread.sleep(1_000);
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the run did not stop");
        assertEquals(143, p.exitValue());
        String text = Files.readString(err, StandardCharsets.UTF_8);
        assertTrue(text.contains(Main.STOPPED_BY_SIGNAL), text);
    }

    @Test
    void aFinishedCommandSaysNothingOfASignal() throws Exception {
        Process p = start("info");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not end");
        String text = Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
        assertTrue(!text.contains("stopped by a signal"), text);
    }

    /**
     * A signal that stops an output folder's commit makes the command fail as well: its error line ("cannot
     * write the output folder ...: the run was interrupted") had followed the signal's own line, two lines where
     * the docs promise one. An error handled while the JVM shuts down prints nothing; before, it prints its line.
     */
    @Test
    void anErrorWhileASignalEndsTheRunPrintsNoSecondLine() throws Exception {
        Process p = startClass(ErrorDuringShutdown.class.getName());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe did not end");
        List<String> lines = Files.readAllLines(dir.resolve("stderr"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("WARNING: Using incubator modules")).toList();
        assertEquals(List.of("ridgeline: error: before the shutdown"), lines);
        assertEquals("shutting down: true, code 3" + System.lineSeparator(),
                Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8));
    }

    /** Handles one error before the JVM shuts down and one in a shutdown hook, as a signal would have it. */
    static final class ErrorDuringShutdown {
        public static void main(String[] args) {
            picocli.CommandLine cmd = new picocli.CommandLine(new InfoCommand());
            ErrorHandler handler = new ErrorHandler();
            handler.handleExecutionException(new java.io.UncheckedIOException("before the shutdown",
                    new java.io.IOException("disk")), cmd, null);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                int code = handler.handleExecutionException(new java.io.UncheckedIOException("cannot write the"
                        + " output folder out: the run was interrupted", new java.io.IOException("interrupted")), cmd, null);
                System.out.println("shutting down: " + ErrorHandler.shuttingDown() + ", code " + code);
            }));
            System.exit(0);
        }
    }

    private Process start(String... args) throws Exception {
        return startClass(Main.class.getName(), args);
    }

    private Process startClass(String mainClass, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules",
                "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile()).start();
    }
}
