package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain keeps the rows of a pipe in memory, where it reads a file twice a chunk at a time: a pipe that fills the
 * heap is told so, with the file as the remedy, and how many rows filled how much heap. Twice the heap had been
 * suggested alone (1 GB), where a pipe of about 1,000,000 rows needed about 1.5 GB.
 */
class ExplainPipeHeapTest {
    private static final int FEATURES = 20;

    @TempDir
    Path dir;

    @Test
    void aPipeThatFillsTheHeapNamesAFileAsTheRemedy() throws Exception {
        Path csv = dir.resolve("small.csv");
        StringBuilder s = new StringBuilder(header());
        for (int i = 0; i < 200; i++) {
            s.append(row(i)).append('\n');
        }
        Files.writeString(csv, s);
        Path out = dir.resolve("m");
        CliRun train = CliRun.of("train", "--data", csv.toString(), "--solver", "exact", "--bootstrap", "0", "--out",
                out.toString());
        assertEquals(0, train.code(), train.err());
        Path fifo = dir.resolve("rows.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        // 300,000 rows of 20 features kept take about 55 MB: more than a 64 MB heap holds beside a chunk being read.
        Thread writer = new Thread(() -> {
            try (BufferedWriter w = Files.newBufferedWriter(fifo, StandardCharsets.UTF_8)) {
                w.write(header());
                for (int i = 0; i < 300_000; i++) {
                    w.write(row(i));
                    w.write('\n');
                }
            } catch (IOException e) {
                // The reader gave up (a broken pipe): what this test expects.
            }
        });
        writer.setDaemon(true);
        writer.start();
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "explain", "--model",
                out.resolve("model.json").toString(), "--data", fifo.toString(), "--json")
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not end");
        String text = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_DATA, p.exitValue(), text);
        List<String> lines = text.lines().toList();
        assertEquals(1, lines.size(), text);
        assertTrue(lines.get(0).startsWith("ridgeline: error: " + fifo + ": the rows of this pipe filled the heap"
                + " (at most "), text);
        assertTrue(lines.get(0).contains(" MiB of it: explain keeps a pipe's rows in memory, 8 bytes per feature ("),
                text);
        assertTrue(lines.get(0).contains(" here) a row, where a file is read twice, a chunk at a time, and keeps none;"
                + " save the rows to a file and give that as --data"), text);
        assertTrue(lines.get(0).contains("; with bin/ridgeline: RIDGELINE_JAVA_OPTS=-Xmx"), text);
    }

    private static String header() {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < FEATURES; j++) {
            s.append('x').append(j).append(',');
        }
        return s.append("y\n").toString();
    }

    /** Row i: features of four decimals, the target their sum. */
    private static String row(int i) {
        StringBuilder s = new StringBuilder();
        int sum = 0;
        for (int j = 0; j < FEATURES; j++) {
            int v = (int) ((i * 7919L + j * 104_729L + (long) i * j * 31) % 10_000);
            sum += v;
            s.append("0.").append(String.format(java.util.Locale.ROOT, "%04d", v)).append(',');
        }
        return s.append(sum / 10_000.0).toString();
    }
}
