package dev.ridgeline.bench;

import dev.ridgeline.data.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading a CSV file of numbers ({@link CsvBenchFile}), three ways over the same file: decoding its text
 * (the floor no text reader can beat), FastCSV's records (the library Ridgeline parses with, a String per
 * field) and Ridgeline's typed frame for training. The report gives each as a multiple of the decode time
 * of the same run, so a slower read shows on any machine. The file lives in the page cache after the first
 * read: what is timed is decoding and parsing, not the disk. Its size goes to {@value CsvFileSize#FILE}
 * beside the notes file named by {@code ridgeline.bench.notes} (to standard output without it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CsvReadBenchmark {
    /** The benchmark every other read of the file is a multiple of. */
    public static final String BASELINE = "decode";

    /** Records x numeric columns; the target y is one more column. */
    @Param({"200000x32"})
    public String csv;

    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("ridgeline-csv-bench-", ".csv");
        // The tear-down does not run in a fork stopped by Ctrl-C (an interrupted run); the JVM's exit does.
        file.toFile().deleteOnExit();
        CsvBenchFile.write(file, Shape.parse(csv), BenchData.SEED);
        record(new CsvFileSize(csv, Files.size(file)));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public long decode() throws IOException {
        return CsvRead.decodedChars(file);
    }

    @Benchmark
    public long fastcsvRecords() throws IOException {
        return CsvRead.fastcsvFields(file);
    }

    @Benchmark
    public Frame frame() {
        return CsvRead.frame(file);
    }

    private static void record(CsvFileSize size) {
        BenchNotes.beside(CsvFileSize.FILE, size.toLine());
    }
}
