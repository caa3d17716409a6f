package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/**
 * Run from a folder whose name holds bytes that are not UTF-8 (a Latin-1 'caf\u00E9'), the JVM knows the
 * working folder as 'caf\uFFFD' and resolves relative paths against that name: {@code --out o2} had written
 * 'caf\uFFFD/o2', a folder made beside the working one, and reported "wrote o2"; {@code --model m.json} had said
 * the file does not exist. Relative paths are refused there with the cause; absolute ones still work.
 */
class WorkingFolderNameTest {
    @TempDir
    Path dir;

    @Test
    void aRelativePathFromAFolderNamedInLatin1IsRefusedWithTheCause() {
        PathConverter converter = new PathConverter("/data/caf\uFFFD");
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("o2"));
        assertEquals("'o2' is relative to the working folder /data/caf\uFFFD, whose name holds bytes that are not"
                + " UTF-8 text (shown as \uFFFD): give an absolute path, or run from a folder with a UTF-8 name",
                e.getMessage());
        assertEquals(Path.of("/data/o2"), converter.convert("/data/o2"));
        assertEquals(Path.of("o2"), new PathConverter("/data/caf\u00E9").convert("o2"));
        assertNull(PathConverter.unreachable(Path.of("/tmp/x"), "/data/caf\uFFFD"));
    }

    @Test
    void theCommandsWriteNothingBesideAFolderNamedInLatin1() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        CliRun model = CliRun.of("train", "--solver", "exact", "--out", dir.resolve("m").toString());
        assertEquals(0, model.code(), model.err());
        Path data = dir.resolve("d.csv");
        try (java.io.InputStream in = getClass().getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            Files.copy(in, data);
        }

        Result train = runIn("train", "--solver", "exact", "--out", "o2");
        assertEquals(Main.EXIT_USAGE, train.code, train.err);
        assertTrue(train.err.contains("invalid value for option '--out': 'o2' is relative to the working folder "
                + dir + "/caf\uFFFD, whose name holds bytes that are not UTF-8 text"), train.err);
        Result tune = runIn("tune", "--lambdas", "1", "--folds", "2");
        assertEquals(Main.EXIT_USAGE, tune.code, tune.err);
        assertTrue(tune.err.contains("'ridgeline-out' is relative to the working folder"), tune.err);
        // No --out was given: the message says the name is the default's.
        assertTrue(tune.err.contains("invalid value for option '--out' (its default, as none was given):"
                + " 'ridgeline-out' is relative"), tune.err);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("caf")).count(),
                    "a folder was made beside the working one");
        }

        Result predict = runIn("predict", "--model", "../m/model.json", "--data", data.toString());
        assertEquals(Main.EXIT_USAGE, predict.code, predict.err);
        assertTrue(predict.err.contains("invalid value for option '--model': '../m/model.json' is relative"),
                predict.err);

        Result absolute = runIn("predict", "--model", dir.resolve("m/model.json").toString(), "--data",
                data.toString());
        assertEquals(0, absolute.code, absolute.err);
        assertEquals(443, absolute.out.lines().count());
        Result reportOnly = runIn("train", "--solver", "exact", "--no-output");
        assertEquals(0, reportOnly.code, reportOnly.err);
    }

    private record Result(int code, String out, String err) {
    }

    /** Main in a fresh JVM, in the UTF-8 locale bin/ridgeline sets, started in the folder {@code caf\xE9}. */
    private Result runIn(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", "mkdir -p $'caf\\xe9' && cd $'caf\\xe9'"
                + " && exec \"$@\"", "bash", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process p = builder.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not end");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
