package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard output and standard error are UTF-8 whatever the JVM's default charset: JSON must be, and a
 * column named in the data must read the same on the terminal as in the files. Run in a JVM of its own
 * started with {@code -Dfile.encoding=ISO-8859-1}, where both had printed "?" for every non-ASCII letter.
 */
class Utf8StreamsTest {
    private static final String NAME = "größe_中文";

    @TempDir
    Path dir;

    @Test
    void jsonOnStandardOutputIsUtf8UnderALatin1Default() throws Exception {
        Path data = dir.resolve("d.csv");
        StringBuilder csv = new StringBuilder(NAME + ",b,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7).append(',').append((i * 3) % 5).append(',').append(2 * (i % 7) - (i * 3) % 5)
                    .append('\n');
        }
        Files.writeString(data, csv, StandardCharsets.UTF_8);
        Result r = runMain("train", "--data", data.toString(), "--target", "y", "--solver", "exact", "--json",
                "--no-output");
        assertEquals(0, r.code, r.err);
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertTrue(json.get("coefficients").has(NAME), r.out);
    }

    @Test
    void errorsOnStandardErrorAreUtf8UnderALatin1Default() throws Exception {
        Path data = dir.resolve("bad.csv");
        Files.writeString(data, NAME + ",y\n1,2\nzwölf,3\n4,5\n", StandardCharsets.UTF_8);
        Result r = runMain("train", "--data", data.toString(), "--target", "y", "--no-output");
        assertEquals(Main.EXIT_DATA, r.code, r.err);
        assertTrue(r.err.contains("'" + NAME + "'") && r.err.contains("zwölf"), r.err);
    }

    private record Result(int code, String out, String err) {
    }

    /** Main in a fresh JVM whose default charset is ISO-8859-1; its streams decoded as UTF-8. */
    private Result runMain(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=ISO-8859-1", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not end");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
