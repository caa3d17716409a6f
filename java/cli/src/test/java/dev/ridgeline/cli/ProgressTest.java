package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.fairness.BootstrapSettings;
import dev.ridgeline.fairness.FairnessAnalyzer;
import dev.ridgeline.fairness.FairnessReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without a terminal, long runs and long reads report on stderr every 30 s, short ones not at all. */
class ProgressTest {
    private long now = 1_000;

    @Test
    void withoutATerminalALineEveryThirtySecondsAndNoneBefore() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.logging("train", 10_000, () -> now, err)) {
            at(29.9, p, 100);
            assertEquals("", bytes.toString(StandardCharsets.UTF_8), "a run under 30 s stays silent");
            at(30, p, 120);
            at(45, p, 180);
            at(60.5, p, 240);
            at(61, p, 250);
        }
        assertEquals(List.of("ridgeline: train: epoch 120 of at most 10000, 30 s so far",
                "ridgeline: train: epoch 240 of at most 10000, 60 s so far"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void readingAFileReportsItsBytesEveryThirtySeconds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long size = 5_905_580_032L;
        try (Progress p = Progress.readingLines("reading big.csv", size, () -> now, err)) {
            at(12, p, 400L << 20);
            at(31, p, 1_288_490_189L);
            at(62, p, size);
        }
        assertEquals(List.of("ridgeline: reading big.csv: 1.2 GiB of 5.5 GiB, 31 s so far",
                "ridgeline: reading big.csv: 5.5 GiB of 5.5 GiB, 62 s so far"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void aPipeOfUnknownSizeReportsTheBytesReadSoFar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.readingLines("reading stdin", -1, () -> now, err)) {
            at(30, p, 700L << 20);
        }
        assertEquals(List.of("ridgeline: reading stdin: 700 MiB read, 30 s so far"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /**
     * A signal's line starts a line of its own: the hook closes the bar on the terminal first, which ends the bar's
     * line (Ctrl-C while reading had printed "... 181.6 MB/sridgeline: stopped by a signal ..."), and the command's
     * own close afterwards draws nothing more.
     */
    @Test
    void aBarEndedForASignalEndsItsLineOnceSoTheNextLineStandsAlone() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(screen, true, StandardCharsets.UTF_8);
        Progress p = Progress.epochBar("train", 10_000, err);
        p.stepTo(12);
        Progress.endShownBar();
        err.print(Main.STOPPED_BY_SIGNAL);
        String text = screen.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("train"), text);
        assertTrue(text.endsWith(System.lineSeparator() + Main.STOPPED_BY_SIGNAL), text);
        p.close();
        assertEquals(text, screen.toString(StandardCharsets.UTF_8), "closed once");
        Progress.endShownBar();  // none shown now: nothing to do
        assertEquals(text, screen.toString(StandardCharsets.UTF_8));
    }

    /** A model card's bootstrap over millions of held-out rows had run for seconds after the last epoch unseen. */
    @Test
    void resamplesAreCountedEveryThirtySecondsWithoutATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.resamplingLines("bootstrap validation", 1000, () -> now, err)) {
            at(10, p, 300);
            at(31, p, 620);
            at(45, p, 1000);
        }
        assertEquals(List.of("ridgeline: bootstrap validation: resample 620 of 1000, 31 s so far"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /**
     * The fairness tables count their resamples and the permutation test's relabellings (three passes over the
     * rows per resample): over millions of held-out rows they had run for many seconds with nothing on the screen.
     * A column name holding a line break keeps the line one.
     */
    @Test
    void theFairnessTablesCountTheirResamplesAndRelabellings() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int m = 200;
        double[] y = new double[m];
        double[] p = new double[m];
        String[] labels = new String[m];
        for (int i = 0; i < m; i++) {
            y[i] = i % 7;
            p[i] = i % 5;
            labels[i] = i % 2 == 0 ? "a" : "b";
        }
        BootstrapSettings boot = new BootstrapSettings(40, 3, 0.95);
        String task = ResponsibleRun.fairnessTask("se\nx");
        // Each look at the clock 31 s after the last: every pass is told in a line of its own.
        long step = TimeUnit.SECONDS.toNanos(31);
        try (Progress progress = Progress.resamplingLines(task, FairnessAnalyzer.steps(boot), () -> now += step, err)) {
            FairnessReport counted = ResponsibleRun.analyze("se\nx", y, p, null, labels, boot, true, progress);
            assertEquals(FairnessAnalyzer.analyze("se\nx", y, p, null, labels, boot, true), counted);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(120, lines.size(), lines.toString());
        assertEquals("ridgeline: fairness se\\nx: resample 1 of 120, 31 s so far", lines.get(0));
        assertEquals("ridgeline: fairness se\\nx: resample 120 of 120, 3720 s so far", lines.get(119));
    }

    @Test
    void aTerminalShowsTheResamplesOnABar() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(screen, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.resamplingBar("bootstrap validation", 1000, err)) {
            p.stepTo(430);
        }
        String text = screen.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("bootstrap validation") && text.contains("430/1000"), text);
        assertTrue(text.endsWith(System.lineSeparator()), "the bar's line ends: " + text);
    }

    @Test
    void sizesAreReadable() {
        assertEquals("0 bytes", Progress.readable(0));
        assertEquals("1023 bytes", Progress.readable(1023));
        assertEquals("1.0 KiB", Progress.readable(1024));
        assertEquals("9.9 MiB", Progress.readable(10_380_000));
        assertEquals("10 MiB", Progress.readable(10L << 20));
        assertEquals("527 MiB", Progress.readable(552_662_976));
        assertEquals("1.2 GiB", Progress.readable(1_288_490_189L));
    }

    private void at(double seconds, Progress p, long epoch) {
        now = 1_000 + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
        p.stepTo(epoch);
    }
}
