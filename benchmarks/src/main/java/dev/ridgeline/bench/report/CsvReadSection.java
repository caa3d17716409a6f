package dev.ridgeline.bench.report;

import dev.ridgeline.bench.CsvFileSize;
import dev.ridgeline.bench.CsvReadBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The "Reading a CSV file" section of summary.md: for each file and read, the time per read, the MB/s of
 * the file, and the time as a multiple of decoding the same file in the same run. Decoding is the floor of
 * any text reader, so the multiple says what parsing costs beyond it, on whatever machine ran it; a read
 * that got slower shows as a larger multiple. Every expected read without a result is listed as missing;
 * with no file expected (a run without the benchmark) the section is left out.
 */
final class CsvReadSection {
    private final List<Measurement> reads;
    private final Expected expected;
    private final List<CsvFileSize> sizes;

    CsvReadSection(List<Measurement> all, Expected expected, List<CsvFileSize> sizes) {
        this.reads = all.stream().filter(Measurement::isCsvRead).toList();
        this.expected = expected;
        this.sizes = sizes;
    }

    /** On how many threads the frame's numbers were parsed, in words. */
    static String parsers(Integer threads) {
        if (threads == null) {
            return "up to 4 processors";
        }
        int n = Math.min(4, threads);
        return n == 1 ? "the calling thread (THREADS=1)" : n + " threads (THREADS=" + threads + ", at most 4)";
    }

    /**
     * @param threads the run's THREADS (-Dridgeline.threads), which caps the frame's parsers too; null: all
     *     processors
     */
    void appendTo(StringBuilder md, boolean smoke, Integer threads) {
        List<String> files = new ArrayList<>(expected.csvFiles());
        // Results of the run beyond the expected files still appear.
        reads.stream().map(Measurement::shape).distinct().filter(f -> !files.contains(f)).forEach(files::add);
        if (files.isEmpty()) {
            return;
        }
        md.append("\n## Reading a CSV file\n\n");
        md.append("One file of numbers read three ways: `decode` only decodes its bytes as UTF-8 through a Reader,"
                + " the floor for any text reader; `fastcsvRecords` reads FastCSV's records, a String per field;"
                + " `frame` is Ridgeline's read for training (`FrameReader.forTraining` over `CsvChunks`: the"
                + " records, a SHA-256 of the bytes, the numbers parsed on " + parsers(threads)
                + " into typed columns)."
                + " `decode` and FastCSV run on one thread. The file (records x numeric columns, plus the target"
                + " y) is written in setup from the fixed seed, six significant digits a number, and is read from"
                + " the page cache. MB/s = bytes of the file (10^6) / time per read. \"x the decode time\" is the"
                + " read's time over `decode`'s in this run, with its interval: the figure to compare across"
                + " runs.");
        if (smoke) {
            md.append(" A quick run: a small file and a few short iterations; the figures only show that the"
                    + " benchmark and the report work.");
        }
        md.append("\n\n| file (records x numbers) | MB | read | ms per read | ± ms | MB/s | x the decode time"
                + " | interval |\n|---|---:|---|---:|---:|---:|---:|---|\n");
        for (String file : files) {
            Optional<Long> bytes = sizes.stream().filter(s -> s.csv().equals(file)).map(CsvFileSize::bytes).findFirst();
            String mb = bytes.map(b -> String.format(Locale.ROOT, "%.1f", b / 1e6)).orElse("not recorded");
            Optional<Measurement> decode = find(file, CsvReadBenchmark.BASELINE);
            for (String read : reads(file)) {
                Optional<Measurement> m = find(file, read);
                md.append(m.map(x -> row(x, mb, bytes, decode))
                        .orElse(String.format(Locale.ROOT, "| %s | %s | %s | missing | | | | |", file, mb, read)))
                        .append('\n');
            }
        }
    }

    /** The benchmark's reads in report order, then any other read of this file in the results. */
    private List<String> reads(String file) {
        List<String> out = new ArrayList<>(Expected.csvBenchmarks());
        reads.stream().filter(m -> m.shape().equals(file)).map(Measurement::series).filter(s -> !out.contains(s))
                .forEach(out::add);
        return out;
    }

    private Optional<Measurement> find(String file, String read) {
        return reads.stream().filter(m -> m.shape().equals(file) && m.series().equals(read)).findFirst();
    }

    private static String row(Measurement m, String mb, Optional<Long> bytes, Optional<Measurement> decode) {
        String rate = bytes.map(b -> String.format(Locale.ROOT, "%.0f", b / 1e6 / (m.epochMillis() * 1e-3)))
                .orElse("n/a");
        String ratio;
        String interval;
        if (m.series().equals(CsvReadBenchmark.BASELINE)) {
            ratio = "baseline";
            interval = "";
        } else if (decode.isEmpty()) {
            ratio = "n/a";
            interval = "";
        } else {
            Ratio r = Ratio.of(m, decode.get());
            ratio = r.value2();
            interval = r.interval();
        }
        return String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %s | %s | %s | %s |", m.shape(), mb, m.series(),
                m.epochMillis(), Double.isNaN(m.errorMillis()) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f", m.errorMillis()), rate, ratio, interval);
    }
}
