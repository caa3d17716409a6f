package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host where Java finds no font: the plots cannot be drawn, said in one line, not a stack trace. */
class MissingFontsTest {
    @TempDir
    Path dir;

    @Test
    void theFontManagersFailureIsNamedAndOtherErrorsAreNot() {
        InternalError e = new InternalError(new InvocationTargetException(new RuntimeException(
                "Fontconfig head is null, check your fonts or fonts configuration")));
        assertEquals("cannot draw the plots: Java finds no usable font on this machine (Fontconfig head is null,"
                + " check your fonts or fonts configuration); install fonts (on Debian or Ubuntu: apt-get install"
                + " fontconfig fonts-dejavu-core; on Alpine: apk add fontconfig ttf-dejavu), or leave the plots out"
                + " (train and tune: --no-plots; explain: without --plots)", MissingFonts.message(e));
        assertTrue(MissingFonts.message(new NoClassDefFoundError("Could not initialize class sun.awt.X11FontManager"))
                .startsWith("cannot draw the plots"));
        assertNull(MissingFonts.message(new InternalError("something else")));
        assertNull(MissingFonts.message(new NoClassDefFoundError("dev/ridgeline/Missing")));
    }

    /**
     * A fontconfig configuration that lists no font, as on a host with no font package: train had ended with
     * "Exception in thread main java.lang.InternalError" and 40 lines of stack, exit 1.
     */
    @Test
    void trainOnAHostWithoutFontsSaysSoInOneLineAndWritesNothing() throws Exception {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "fontconfig is Linux's");
        Path out = dir.resolve("out");
        Process p = trainWithoutFonts("--out", out.toString());
        List<String> err = errorLines();
        assumeTrue(p.exitValue() != 0, "this JDK draws text without the host's fonts");
        assertEquals(Main.EXIT_DATA, p.exitValue(), String.join("\n", err));
        assertEquals(1, err.size(), String.join("\n", err));
        assertTrue(err.get(0).startsWith("ridgeline: error: cannot draw the plots: Java finds no usable font"),
                err.get(0));
        assertFalse(Files.exists(out), "the output folder was written");
    }

    /** On that host --no-plots writes the model, its metrics and its card, and no plot. */
    @Test
    void trainWithoutPlotsOnAHostWithoutFontsWritesTheRest() throws Exception {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "fontconfig is Linux's");
        Path out = dir.resolve("out");
        Process p = trainWithoutFonts("--no-plots", "--out", out.toString());
        assertEquals(0, p.exitValue(), String.join("\n", errorLines()));
        for (String file : List.of("model.json", "metrics.json", "model-card.md", "model-card.json")) {
            assertTrue(Files.exists(out.resolve(file)), file);
        }
        try (var files = Files.list(out)) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".png")), "a plot was written");
        }
    }

    /** train --solver exact in its own JVM under a fontconfig configuration that lists no font, as on a host without. */
    private Process trainWithoutFonts(String... options) throws Exception {
        Path conf = dir.resolve("fonts.conf");
        Files.writeString(conf, "<?xml version=\"1.0\"?>\n<fontconfig><cachedir>" + dir.resolve("cache")
                + "</cachedir></fontconfig>\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Duser.home=" + home, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "train", "--solver", "exact"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("FONTCONFIG_FILE", conf.toString());
        Process p = builder.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not end");
        return p;
    }

    /** The last run's standard error, less the JVM's note on the incubator module. */
    private List<String> errorLines() throws Exception {
        return Files.readAllLines(dir.resolve("stderr"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("WARNING: Using incubator modules")).toList();
    }
}
