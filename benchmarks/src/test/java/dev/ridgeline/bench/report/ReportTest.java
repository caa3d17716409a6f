package dev.ridgeline.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.card.BuildInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-written JMH result file through the report: bandwidth, ratios and targets by hand. */
class ReportTest {
    private static String result(String clazz, String params, double ms) {
        return result(clazz, params, ms, Double.NaN);
    }

    private static String result(String clazz, String params, double ms, double error) {
        return "{\"benchmark\":\"dev.ridgeline.bench." + clazz + "\",\"params\":{" + params + "},"
                + "\"primaryMetric\":{\"score\":" + ms + ",\"scoreError\":\"" + error + "\",\"scoreUnit\":\"ms/op\"}}";
    }

    /** Six results of one shape, 1000 x 256: the streaming read, each epoch, the vector K = 8 and its row kernel. */
    private static String oneShape() {
        String shape = "\"shape\":\"1000x256\"";
        return "[" + String.join(",",
                result("StreamingReadBenchmark.read", shape, 0.1, 0.001),
                result("VectorEpochBenchmark.epoch", shape + ",\"models\":\"1\"", 0.125, 0.001),
                result("VectorEpochBenchmark.epoch", shape + ",\"models\":\"8\"", 0.3, 0.001),
                result("ScalarEpochBenchmark.epoch", shape + ",\"models\":\"1\"", 0.5, 0.001),
                result("UnfusedEpochBenchmark.epoch", shape + ",\"models\":\"1\"", 0.25, 0.001),
                result("VectorRowKernelEpochBenchmark.epoch", shape + ",\"models\":\"8\"", 0.4, 0.001)) + "]";
    }

    @Test
    void summaryHasBandwidthRatiosAndTargets(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh.json"), oneShape());
        List<Measurement> all = JmhResults.read(dir.resolve("jmh.json"));
        assertEquals(6, all.size());
        // 1000 x 256 x 4 bytes = 1.024 MB in 0.1 ms = 10.24 GB/s.
        assertEquals(10.24, all.get(0).gigabytesPerSecond(), 1e-9);
        Report.run(new String[] {dir.toString(), "run.sh", "load 1", "load 2"});
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("| 1000x256 | streaming read | 0.100 | 0.001 | 10.24 | - |  |\n"), "the read against itself: no ratio\n" + md);
        assertTrue(md.contains("| 1000x256 | java-vector K=1 | 0.125 | 0.001 | 8.19 | 0.80 | [0.78, 0.82] |"), md);
        assertTrue(md.contains("| 1000x256 | java-vector, no panel copy K=8 | 0.400 | 0.001 | 2.56 | 0.25 | [0.24, 0.26] |"), md);
        int rows = md.indexOf("java-vector, no panel copy K=8");
        assertTrue(rows < md.indexOf("java-vector K=1"), "the row kernel comes before the default vector backend");
        assertTrue(md.contains("| vector K=1 bandwidth / streaming read >= 0.75 | 1000x256 | 0.80 | [0.78, 0.82] | met |"), md);
        assertTrue(md.contains("| vector K=1 (all threads) speed-up over scalar (1 thread) >= 3 | 1000x256 | 4.00 | [3.96, 4.05] | met |"), md);
        // 1 MB is in cache: the unfused baseline's dispatch, not its second pass, sets its time there.
        assertTrue(md.contains("| vector K=1 speed-up over unfused two-pass (from memory: >= 1.6) | 1000x256 | 2.00 |"
                + " [1.97, 2.03] | no goal: in cache the baseline's two dispatches of pooled tasks, not its second pass,"
                + " set its time |"), md);
        assertTrue(md.contains("| vector time K=8 / K=1 <= 2 | 1000x256 | 2.40 | [2.37, 2.43] | NOT met |"), md);
        assertFalse(md.contains("## Reading a CSV file"), "no CSV read ran and none was expected");
        assertTrue(Files.size(dir.resolve("bandwidth.png")) > 1000);
    }

    /** From memory (64 MiB and more) the unfused epoch is the baseline to beat: a verdict, as for the other goals. */
    @Test
    void theUnfusedGoalIsJudgedOnShapesReadFromMemory(@TempDir Path dir) throws IOException {
        String shape = "\"shape\":\"65536x1024\"";
        Files.writeString(dir.resolve("jmh.json"), "[" + String.join(",",
                result("StreamingReadBenchmark.read", shape, 10, 0.1),
                result("VectorEpochBenchmark.epoch", shape + ",\"models\":\"1\"", 12, 0.1),
                result("UnfusedEpochBenchmark.epoch", shape + ",\"models\":\"1\"", 30, 0.1)) + "]");
        Report.run(new String[] {dir.toString(), "run.sh", "load 1", "load 2", "--shapes=65536x1024"});
        String md = Files.readString(dir.resolve("summary.md"));
        String row = md.lines().filter(l -> l.startsWith("| vector K=1 speed-up over unfused two-pass >= 1.6 |"))
                .findFirst().orElseThrow(() -> new AssertionError(md));
        assertTrue(row.startsWith("| vector K=1 speed-up over unfused two-pass >= 1.6 | 65536x1024 | 2.50 |"), row);
        assertTrue(row.endsWith("| met |"), row);
        assertFalse(md.contains("no goal: in cache"), md);
    }

    /** THREADS=N: the speed-up's label and the peers' note name the count the run set, not "all". */
    @Test
    void aThreadCountSetForTheRunIsNamedWhereTheSummarySaysAll(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh.json"), oneShape());
        Report.run(new String[] {dir.toString(), "THREADS=1 benchmarks/run.sh", "load 1", "load 2",
            "--shapes=1000x256", "--threads=1"});
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("| vector K=1 (1 thread) speed-up over scalar (1 thread) >= 3 | 1000x256 | 4.00 |"), md);
        assertTrue(md.contains("Ridgeline's gradient descent runs on 1 thread; EJML"), md);
        assertFalse(md.contains("all threads"), md);
        assertTrue(md.contains("- command: `THREADS=1 benchmarks/run.sh`"), md);
    }

    /** THREADS caps the frame's parsers too (at most 4), and the CSV section says on how many it parsed. */
    @Test
    void theCsvSectionNamesTheParsersThatThreadsLeaves() {
        assertEquals("up to 4 processors", CsvReadSection.parsers(null));
        assertEquals("the calling thread (THREADS=1)", CsvReadSection.parsers(1));
        assertEquals("2 threads (THREADS=2, at most 4)", CsvReadSection.parsers(2));
        assertEquals("4 threads (THREADS=64, at most 4)", CsvReadSection.parsers(64));
    }

    /**
     * Two CSV files, each read compared with the decode of its own file: 7 MB decoded in 10 ms is 700 MB/s;
     * FastCSV's 30 ms and the frame's 45 ms are 3.00 and 4.50 times that. A ratio taken the wrong way up
     * (0.33, 0.22), against FastCSV (1.50) or against the other file's decode would change these rows.
     * The size lines come once per setup and fork, so twice here. CSV reads stay out of the epoch table.
     */
    @Test
    void csvReadsAsMegabytesPerSecondAndMultiplesOfTheirOwnDecode(@TempDir Path dir) throws IOException {
        String shape = "\"shape\":\"1000x256\"";
        String big = "\"csv\":\"20000x32\"";
        String small = "\"csv\":\"2000x8\"";
        String json = "[" + String.join(",",
                result("StreamingReadBenchmark.read", shape, 0.1, 0.001),
                result("VectorEpochBenchmark.epoch", shape + ",\"models\":\"1\"", 0.125, 0.001),
                result("CsvReadBenchmark.frame", big, 45.0, 1.5),
                result("CsvReadBenchmark.fastcsvRecords", big, 30.0, 1.0),
                result("CsvReadBenchmark.decode", big, 10.0, 0.5),
                result("CsvReadBenchmark.decode", small, 0.5, 0.01),
                result("CsvReadBenchmark.frame", small, 2.0, 0.02)) + "]";
        Files.writeString(dir.resolve("jmh.json"), json);
        Files.writeString(dir.resolve(dev.ridgeline.bench.CsvFileSize.FILE),
                "20000x32\t7000000\n2000x8\t250000\n20000x32\t7000000\n2000x8\t250000\n");
        Report.run(new String[] {dir.toString(), "run.sh", "load 1", "load 2"});
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("\n## Reading a CSV file\n"), md);
        assertTrue(md.contains("| 20000x32 | 7.0 | decode | 10.00 | 0.50 | 700 | baseline |  |\n"
                + "| 20000x32 | 7.0 | fastcsvRecords | 30.00 | 1.00 | 233 | 3.00 | [2.76, 3.27] |\n"
                + "| 20000x32 | 7.0 | frame | 45.00 | 1.50 | 156 | 4.50 | [4.14, 4.90] |\n"), md);
        assertTrue(md.contains("| 2000x8 | 0.3 | decode | 0.50 | 0.01 | 500 | baseline |  |\n"
                + "| 2000x8 | 0.3 | fastcsvRecords | missing | | | | |\n"
                + "| 2000x8 | 0.3 | frame | 2.00 | 0.02 | 125 | 4.00 | [3.88, 4.13] |\n"), md);
        assertFalse(md.contains("| 20000x32 | decode |"), "a CSV read is no epoch");
        assertTrue(Files.size(dir.resolve("bandwidth.png")) > 1000);
    }

    /** run.sh's full run gives no --csv: the benchmark's own file is expected, its reads with decode first. */
    @Test
    void theCsvFileExpectedByDefaultIsTheBenchmarksParameter() {
        Expected e = Report.expected(new String[] {"dir", "run.sh", "load 1", "load 2", "--shapes=1000x256"},
                List.of());
        assertEquals(List.of("200000x32"), e.csvFiles());
        assertEquals(List.of("decode", "fastcsvRecords", "frame"), Expected.csvBenchmarks());
    }

    /** Without the file sizes the times and multiples stand, MB/s cannot; without decode there is no multiple. */
    @Test
    void csvReadsWithoutSizeOrDecode(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh.json"),
                "[" + result("CsvReadBenchmark.frame", "\"csv\":\"20000x32\"", 45.0, 1.5) + "]");
        Report.run(new String[] {dir.toString(), "run.sh", "load 1", "load 2"});
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("| 20000x32 | not recorded | decode | missing | | | | |\n"), md);
        assertTrue(md.contains("| 20000x32 | not recorded | frame | 45.00 | 1.50 | n/a | n/a |  |\n"), md);
        assertTrue(Files.notExists(dir.resolve("bandwidth.png")), "no epoch to plot");
    }

    @Test
    void peerNotesWrittenByEveryForkAppearOnce(@TempDir Path dir) throws IOException {
        String shape = "\"shape\":\"1000x256\"";
        String json = "[" + String.join(",", result("StreamingReadBenchmark.read", shape, 0.1),
                result("VectorEpochBenchmark.epoch", shape + ",\"models\":\"1\"", 0.125),
                result("PeerBenchmark.ejmlNormalEquations", "\"peerShape\":\"100x4\"", 2.0)) + "]";
        Files.writeString(dir.resolve("jmh.json"), json);
        Files.writeString(dir.resolve("peers.txt"), "100x4: target reached\n100x4: target reached\n100x4: other\n");
        Report.run(new String[] {dir.toString(), "run.sh", "load 1", "load 2"});
        String md = Files.readString(dir.resolve("summary.md"));
        assertEquals(1, md.split("- 100x4: target reached", -1).length - 1, md);
        assertTrue(md.contains("- 100x4: other"), md);
    }

    @Test
    void aRunOfThePeersAloneGetsItsSummaryWithoutAPlot(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh.json"),
                "[" + result("PeerBenchmark.ejmlNormalEquations", "\"peerShape\":\"100x4\"", 2.0) + "]");
        Report.run(new String[] {dir.toString(), "run.sh", "load 1", "load 2"});
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("| 100x4 | ejmlNormalEquations | 2.0 |"));
        assertTrue(Files.notExists(dir.resolve("bandwidth.png")));
    }

    /**
     * Two shapes, n = 64 first and n = 256 second, each with its own streaming read, and a CUDA row: the
     * bandwidth target only for n >= 256, every ratio against the read of its own shape, CUDA per epoch
     * (sixteen epochs per op: 0.8 ms an op is 0.05 ms an epoch) with no ratio to a CPU read.
     */
    @Test
    void twoShapesEachAgainstItsOwnReadAndCudaPerEpoch(@TempDir Path dir) throws IOException {
        String small = "\"shape\":\"2048x64\"";
        String wide = "\"shape\":\"1000x256\"";
        String json = "[" + String.join(",",
                result("StreamingReadBenchmark.read", small, 0.05, 0.001),
                result("VectorEpochBenchmark.epoch", small + ",\"models\":\"1\"", 0.1, 0.001),
                result("ScalarEpochBenchmark.epoch", small + ",\"models\":\"1\"", 0.5, 0.001),
                result("StreamingReadBenchmark.read", wide, 0.2, 0.001),
                result("VectorEpochBenchmark.epoch", wide + ",\"models\":\"1\"", 0.25, 0.001),
                result("CudaEpochBenchmark.epochs", wide + ",\"models\":\"1\"", 0.8, 0.016)) + "]";
        Files.writeString(dir.resolve("jmh.json"), json);
        Report.run(new String[] {dir.toString(), "run.sh", "load 1", "load 2"});
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("| 2048x64 | java-vector K=1 | 0.100 | 0.001 | 5.24 | 0.50 | [0.48, 0.52] |"), md);
        assertTrue(md.contains("| 1000x256 | java-vector K=1 | 0.250 | 0.001 | 4.10 | 0.80 | [0.79, 0.81] |"), md);
        assertTrue(md.contains("| 1000x256 | cuda K=1 | 0.050 | 0.001 | 20.48 | n/a (GPU) |  |"), md);
        assertTrue(md.contains("| vector K=1 bandwidth / streaming read >= 0.75 | 1000x256 | 0.80 |"), md);
        assertFalse(md.contains("bandwidth / streaming read >= 0.75 | 2048x64"), md);
        assertTrue(md.contains("| vector K=1 (all threads) speed-up over scalar (1 thread) >= 3 | 2048x64 | 5.00 | [4.94, 5.07] | met |"), md);
        // Missing results are named, not skipped: no scalar or unfused epoch of 1000x256 ran.
        assertTrue(md.contains("| 1000x256 | java-scalar K=1 | missing |"), md);
        assertTrue(md.contains("| vector K=1 (all threads) speed-up over scalar (1 thread) >= 3 | 1000x256 | missing | | missing |"), md);
        assertTrue(md.contains("| 1000x256 | cuda K=8 | missing |"), md);
        assertTrue(Files.size(dir.resolve("bandwidth.png")) > 1000);
    }

    /** A case seen in a run: 11.952 +- 7.838 ms read against a 13.169 ms epoch is no verdict either way. */
    @Test
    void verdictsNeedTheWholeInterval() {
        Ratio wide = Ratio.of(11.952, 7.838, 13.169, 0.5);
        assertEquals("0.91", wide.value2());
        assertEquals("inconclusive", wide.verdict(0.75, true));
        assertEquals("met", Ratio.of(10, 0.1, 10, 0.1).verdict(0.75, true));
        assertEquals("NOT met", Ratio.of(5, 0.1, 10, 0.1).verdict(0.75, true));
        assertEquals("met", Ratio.of(15, 0.1, 10, 0.1).verdict(2, false));
        assertEquals("NOT met", Ratio.of(25, 0.1, 10, 0.1).verdict(2, false));
        assertEquals("inconclusive", Ratio.of(20, 1, 10, 1).verdict(2, false));
        // Bounds rounded outwards: 9.8 / 10.2 = 0.9608 shows as 0.96, 10.2 / 9.8 = 1.0408 as 1.05.
        assertEquals("[0.96, 1.05]", Ratio.of(10, 0.2, 10, 0.2).interval());
        // A low bound of 0.748 (inconclusive against >= 0.75) must not show as 0.75, which would look met.
        Ratio justShort = Ratio.of(7.48, 0, 10, 0);
        assertEquals("inconclusive", Ratio.of(7.9, 0.42, 10, 0.0).verdict(0.75, true));
        assertEquals("[0.74, 0.75]", justShort.interval());
        assertEquals("[0.74, 0.84]", Ratio.of(7.9, 0.42, 10, 0.0).interval());
        // Beside a verdict, a bound that rounds onto the goal but is not it takes the digits that tell them apart:
        // 0.748 against >= 0.75 (NOT met) is no [0.74, 0.75], and 2.004 against <= 2 (NOT met) no [2.00, ...].
        assertEquals("NOT met", justShort.verdict(0.75, true));
        assertEquals("[0.748, 0.748]", justShort.interval(0.75));
        Ratio justOver = Ratio.of(20.04, 0, 10, 0);
        assertEquals("NOT met", justOver.verdict(2, false));
        assertEquals("[2.004, 2.004]", justOver.interval(2));
        assertEquals("[0.74, 0.84]", Ratio.of(7.9, 0.42, 10, 0.0).interval(0.75));
        assertEquals("[2.00, 2.00]", Ratio.of(20, 0, 10, 0).interval(2));
        // b - eb <= 0: no upper bound, so an at-least target is never NOT met and an at-most one never met.
        Ratio unbounded = Ratio.of(1, 0.1, 1, 1.5);
        assertTrue(Double.isInfinite(unbounded.high()));
        assertEquals("[0.36, ∞]", unbounded.interval());
        assertEquals("inconclusive", unbounded.verdict(2, false));
        assertEquals("met", Ratio.of(10, 0, 1, 1).verdict(1, true));
        // No error estimate (fewer than three iterations): no interval, no verdict.
        assertEquals("n/a", Ratio.of(1, Double.NaN, 1, 0.1).interval());
        assertEquals("inconclusive (no error estimate)", Ratio.of(1, Double.NaN, 1, 0.1).verdict(0.75, true));
    }

    /**
     * The summary names the commit the timed jar was built from, not the checkout's at the end of the run (a jar
     * reused with SKIP_BUILD=1, or a commit made while the suite ran), and the checkout beside it when another.
     */
    @Test
    void theCommitIsTheOneTheJarWasBuiltFrom() {
        String built = "8b34696aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        String later = "bc5b85cbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        assertEquals("8b34696", Report.builtFrom(new BuildInfo("0.1", built, "false"), built));
        assertEquals("8b34696 (the checkout is now at bc5b85c)",
                Report.builtFrom(new BuildInfo("0.1", built, "false"), later));
        assertEquals("8b34696+modified", Report.builtFrom(new BuildInfo("0.1", built, "true"), built));
        assertEquals("8b34696", Report.builtFrom(new BuildInfo("0.1", built, "false"), null));
        assertEquals("unknown (the jar records no source commit)",
                Report.builtFrom(new BuildInfo("0.1", "unknown", "unknown"), later));
        assertEquals("unknown (the jar records no source commit)", Report.builtFrom(null, later));
    }

    /**
     * Two forks that disagree over all their iterations: JMH's interval of the stream (4 +- 0.1 ms) and of the
     * epoch (5 +- 0.1 ms) says 0.78-0.82, "met" for >= 0.75; the forks' own ratios reach 0.70, so it is not.
     */
    @Test
    void theIntervalTakesInEveryPairOfForkMeans() throws Exception {
        Measurement stream = new Measurement(Measurement.STREAM, Measurement.STREAM, "1000x256", 0, 4, 0.1,
                List.of(3.5, 4.5));
        Measurement epoch = new Measurement(Measurement.VECTOR, "java-vector K=1", "1000x256", 1, 5, 0.1,
                List.of(4.8, 5.2));
        Ratio plain = Ratio.of(4, 0.1, 5, 0.1);
        assertEquals("met", plain.verdict(0.75, true));
        Ratio forks = Ratio.of(stream, epoch);
        assertEquals("[0.67, 0.94]", forks.interval());  // 3.5 / 5.2 and 4.5 / 4.8
        assertEquals("inconclusive", forks.verdict(0.75, true));
        assertEquals("0.80", forks.value2());
        com.fasterxml.jackson.databind.JsonNode raw = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("[[1.0, 2.0, 3.0], [4.0, 6.0]]");
        assertEquals(List.of(2.0, 5.0), JmhResults.forkMeans(raw));
    }

    /** A result without JMH's scoreError has no known error: read as NaN, its verdicts are inconclusive. */
    @Test
    void aResultWithoutAnErrorEstimateIsNotReadAsExact(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh.json"), "[{\"benchmark\":\"dev.ridgeline.bench.ScalarEpochBenchmark.epoch\","
                + "\"params\":{\"shape\":\"1000x256\",\"models\":\"1\"},"
                + "\"primaryMetric\":{\"score\":0.5,\"scoreUnit\":\"ms/op\"}}]");
        assertTrue(Double.isNaN(JmhResults.read(dir.resolve("jmh.json")).get(0).errorMillis()));
    }

    /**
     * The run's expectations from run.sh: a benchmark that failed is listed as missing, in the epoch, target,
     * peer and CSV tables; the head carries commit, build time and the CUDA check; a quick run's targets are
     * labelled a smoke run; a missing result is left out of the plot.
     */
    @Test
    void expectedResultsWithoutAResultAreListedAsMissing(@TempDir Path dir) throws IOException {
        String a = "\"shape\":\"1000x256\"";
        String json = "[" + String.join(",",
                result("StreamingReadBenchmark.read", a, 0.1, 0.001),
                result("VectorEpochBenchmark.epoch", a + ",\"models\":\"1\"", 0.125, 0.001),
                result("VectorEpochBenchmark.epoch", "\"shape\":\"2000x64\",\"models\":\"1\"", 0.2, 0.001),
                result("PeerBenchmark.ejmlNormalEquations", "\"peerShape\":\"100x4\"", 2.0, 0.1),
                result("PeerBenchmark.tribuoLinearSgd", "\"peerShape\":\"100x4\"", 9.0, 0.1)) + "]";
        Files.writeString(dir.resolve("jmh.json"), json);
        Files.writeString(dir.resolve("peer-outcomes.tsv"), String.join("\n",
                new dev.ridgeline.bench.PeerOutcome("100x4", "tribuoLinearSgd", false, 32, 0.00169034).toLine(),
                new dev.ridgeline.bench.PeerOutcome("100x4", "ejmlNormalEquations", true, 0, 0.5).toLine(),
                new dev.ridgeline.bench.PeerOutcome("100x4", "ridgelineVectorToTarget", true, 17, 0.5).toLine()) + "\n");
        List<String> missing = Report.run(new String[] {dir.toString(), "run.sh --quick", "load 1", "load 2", "--jvm=-Xmx1g",
                "--head=abc1234abc1234abc1234abc1234abc1234abcd", "--built=2026-11-29T20:00:00Z", "--cuda-check=cuda unavailable: no GPU",
                "--smoke", "--shapes=1000x256,2000x64", "--models=1,8", "--peer-shape=100x4", "--csv=20000x32"});
        // What the summary lists as missing is what fails the run (Report's exit status 3).
        assertTrue(missing.contains("1000x256 java-vector K=8"), missing.toString());
        assertTrue(missing.contains("2000x64 streaming read"), missing.toString());
        assertTrue(missing.contains("1000x256 java-vector bind + first step K=1"), missing.toString());
        assertTrue(missing.contains("100x4 peer ridgelineVectorToTarget"), missing.toString());
        assertTrue(missing.contains("20000x32 csv read frame"), missing.toString());
        assertTrue(missing.contains("arithmetic peak"), missing.toString());
        assertFalse(missing.contains("1000x256 java-vector K=1"), missing.toString());
        assertFalse(missing.contains("100x4 peer tribuoLinearSgd"), missing.toString());
        String md = Files.readString(dir.resolve("summary.md"));
        // The commit of the classes this test runs (theCommitIsTheOneTheJarWasBuiltFrom checks the line's forms).
        assertTrue(md.contains("- commit: " + Report.builtFrom(BuildInfo.current(), "abc1234abc1234abc1234abc1234abc1234abcd")
                + "\n"), md);
        assertTrue(md.contains("- benchmarks.jar built: 2026-11-29T20:00:00Z\n"), md);
        assertTrue(md.contains("- CUDA backend check: cuda unavailable: no GPU\n"), md);
        assertTrue(md.contains("## Targets (vector backend): smoke run, not a measurement of the targets"), md);
        assertTrue(md.contains("| 1000x256 | java-vector K=8 | missing |"), md);
        assertTrue(md.contains("| 2000x64 | streaming read | missing |"), md);
        assertTrue(md.contains("| 1000x256 | unfused two-pass K=1 | missing |"), md);
        assertFalse(md.contains("java-vector K=32"), "--models=1,8 replaces the default 1,8,32");
        assertFalse(md.contains("cuda K="), "no CUDA row expected without --cuda");
        assertTrue(md.contains("| vector time K=8 / K=1 <= 2 | 1000x256 | missing | | missing |"), md);
        assertTrue(md.contains("| vector K=1 bandwidth / streaming read >= 0.75 | 1000x256 | 0.80 | [0.78, 0.82] | met |"), md);
        assertTrue(md.contains("| 100x4 | ridgelineVectorToTarget | missing | | yes in 17 passes over X |"), md);
        assertTrue(md.contains("| 100x4 | tribuoLinearSgd | 9.0 | 0.1 | no: best J 0.00169034 after 32 epochs |"), md);
        assertTrue(md.contains("| 100x4 | ejmlNormalEquations | 2.0 | 0.1 | yes (exact solve, J* = 0.500000) |"), md);
        for (String read : List.of("decode", "fastcsvRecords", "frame")) {
            assertTrue(md.contains("| 20000x32 | not recorded | " + read + " | missing | | | | |"), md);
        }
        assertTrue(md.contains("the figures only show that the benchmark and the report work"), md);
        assertTrue(md.contains("The arithmetic peak (`ArithmeticPeakBenchmark`) has no result in this run: missing."), md);
        assertTrue(Files.size(dir.resolve("bandwidth.png")) > 1000);
    }

    /** A run with every expected result has none missing (so run.sh succeeds); drop any one and it is named. */
    @Test
    void aCompleteRunHasNoneMissingAndEachDroppedResultIsNamed(@TempDir Path dir) throws IOException {
        String a = "\"shape\":\"1000x256\"";
        String k1 = a + ",\"models\":\"1\"";
        String peer = "\"peerShape\":\"100x4\"";
        String csv = "\"csv\":\"20000x32\"";
        List<String> results = List.of(
                result("StreamingReadBenchmark.read", a, 0.1, 0.001),
                result("ScalarEpochBenchmark.epoch", k1, 0.5, 0.001),
                result("UnfusedEpochBenchmark.epoch", k1, 0.25, 0.001),
                result("VectorRowKernelEpochBenchmark.epoch", k1, 0.13, 0.001),
                result("VectorEpochBenchmark.epoch", k1, 0.125, 0.001),
                result("VectorBindBenchmark.bindAndFirstStep", k1, 5.0, 0.25),
                result("ArithmeticPeakBenchmark.peak", "", 20.0, 1.0),
                result("PeerBenchmark.ejmlNormalEquations", peer, 2.0, 0.1),
                result("PeerBenchmark.ridgelineVectorToTarget", peer, 1.0, 0.1),
                result("PeerBenchmark.tribuoLinearSgd", peer, 9.0, 0.1),
                result("CsvReadBenchmark.decode", csv, 1.0, 0.1),
                result("CsvReadBenchmark.fastcsvRecords", csv, 2.0, 0.1),
                result("CsvReadBenchmark.frame", csv, 3.0, 0.1));
        String[] args = {dir.toString(), "run.sh --quick", "load 1", "load 2", "--smoke", "--shapes=1000x256",
            "--models=1", "--peer-shape=100x4", "--csv=20000x32"};
        Files.writeString(dir.resolve("jmh.json"), "[" + String.join(",", results) + "]");
        assertEquals(List.of(), Report.run(args));
        List<String> named = List.of("1000x256 streaming read", "1000x256 java-scalar K=1", "1000x256 unfused two-pass K=1",
                "1000x256 java-vector, no panel copy K=1", "1000x256 java-vector K=1",
                "1000x256 java-vector bind + first step K=1", "arithmetic peak", "100x4 peer ejmlNormalEquations",
                "100x4 peer ridgelineVectorToTarget", "100x4 peer tribuoLinearSgd", "20000x32 csv read decode",
                "20000x32 csv read fastcsvRecords", "20000x32 csv read frame");
        for (int i = 0; i < results.size(); i++) {
            List<String> rest = new java.util.ArrayList<>(results);
            rest.remove(i);
            Files.writeString(dir.resolve("jmh.json"), "[" + String.join(",", rest) + "]");
            assertEquals(List.of(named.get(i)), Report.run(args));
        }
    }

    /**
     * The arithmetic ceiling by hand: 4.096e8 multiply-adds in the fastest iteration's 20 ms is 20.48 G/s (the
     * mean of 23 ms, 17.8 G/s, is not the ceiling: a neighbour only slows an iteration). At
     * 1000 x 256 one model does 2 x 1000 x 256 = 512,000 multiply-adds, 0.025 ms at that rate, 20 % of its
     * 0.125 ms; eight do 4.096 M, 0.2 ms, 67 % of their 0.3 ms, and taking at most twice one model's 0.125 ms
     * would ask for 0.2 / 0.25 = 80 % of the peak. A shape without K = 1 cannot say what K = 8 asks for. The
     * peak stays out of the epoch table, and its work line, written by both forks, counts once.
     */
    @Test
    void theArithmeticCeilingSetsEachEpochAgainstTheFmaPeak(@TempDir Path dir) throws IOException {
        String a = "\"shape\":\"1000x256\"";
        String json = "[" + String.join(",",
                result("StreamingReadBenchmark.read", a, 0.1, 0.001),
                result("VectorEpochBenchmark.epoch", a + ",\"models\":\"1\"", 0.125, 0.001),
                result("VectorEpochBenchmark.epoch", a + ",\"models\":\"8\"", 0.3, 0.001),
                result("VectorEpochBenchmark.epoch", "\"shape\":\"2000x64\",\"models\":\"8\"", 0.5, 0.01),
                "{\"benchmark\":\"dev.ridgeline.bench.ArithmeticPeakBenchmark.peak\",\"params\":{},"
                        + "\"primaryMetric\":{\"score\":23,\"scoreError\":\"1\",\"scoreUnit\":\"ms/op\","
                        + "\"rawData\":[[22.0,20.0],[24.0,26.0]]}}") + "]";
        Files.writeString(dir.resolve("jmh.json"), json);
        String line = new dev.ridgeline.bench.PeakWork(2, 8, 409_600_000L).toLine();
        Files.writeString(dir.resolve(dev.ridgeline.bench.PeakWork.FILE), line + "\n" + line + "\n");
        Report.run(new String[] {dir.toString(), "run.sh", "load 1", "load 2"});
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("(8 lanes, nothing loaded or stored) on each of the 2 threads the epochs use"), md);
        assertTrue(md.contains("20.5 G/s in its fastest measured iteration (17.8 G/s over all of them)"), md);
        assertTrue(md.contains("| 1000x256 | java-vector K=1 | 0.125 | 0.000512 | 0.025 | 20 % |  |"), md);
        assertTrue(md.contains("| 1000x256 | java-vector K=8 | 0.300 | 0.00410 | 0.200 | 67 % | 80 % |"), md);
        assertTrue(md.contains("| 2000x64 | java-vector K=8 | 0.500 | 0.00205 | 0.100 | 20 % | n/a (no K=1) |"), md);
        // A share a little above 100 % is within the error of one model's time and of the loop's peak.
        assertFalse(md.contains("no kernel could"), md);
        assertTrue(md.contains("above 100 %, more than this loop reached. Both shares are point estimates"), md);
        assertFalse(md.contains("| arithmetic peak |"), "the peak is no epoch");
        assertTrue(md.indexOf("## Arithmetic ceiling") > md.indexOf("## Targets"), md);
    }

    /**
     * java-vector's one-time cost by hand. At 1000 x 256 the bind and first step take 5.0 +- 0.25 ms against an
     * epoch of 0.125 +- 0.001 ms: 40.0 epochs, the interval [4.75 / 0.126, 5.25 / 0.124] = [37.70, 42.34], shown rounded outwards as [37.6, 42.4]. A bind
     * of K = 8 (run by hand) counts in epochs of K = 8: 6.0 +- 0.3 over 0.3 +- 0.001 ms = 20.0, [5.7 / 0.301,
     * 6.3 / 0.299] = [18.9, 21.1]; its copy pays back after (6.0 - 0.3) / (0.4 - 0.3) = 57.0 epochs of K = 8 against
     * the no-copy epoch of 0.4 +- 0.001 ms, the interval [(5.7 - 0.301) / (0.401 - 0.299), (6.3 - 0.299) / (0.399 -
     * 0.301)] = [52.93, 61.24], shown as [52.9, 61.3]; K = 1 has no no-copy epoch. At 2000 x 64 no epoch ran: the time stands, with no
     * multiple. No bind is an epoch: none in the epoch table, and the section comes after the targets and the
     * ceiling, before the peers.
     */
    @Test
    void theOneTimeCostCountsInEpochsOfTheSameRun(@TempDir Path dir) throws IOException {
        String a = "\"shape\":\"1000x256\"";
        String json = oneShape().substring(0, oneShape().length() - 1) + "," + String.join(",",
                result("VectorBindBenchmark.bindAndFirstStep", a + ",\"models\":\"1\"", 5.0, 0.25),
                result("VectorBindBenchmark.bindAndFirstStep", a + ",\"models\":\"8\"", 6.0, 0.3),
                result("VectorBindBenchmark.bindAndFirstStep", "\"shape\":\"2000x64\",\"models\":\"1\"", 1.5,
                        Double.NaN),
                result("PeerBenchmark.ejmlNormalEquations", "\"peerShape\":\"100x4\"", 2.0, 0.1)) + "]";
        Files.writeString(dir.resolve("jmh.json"), json);
        Report.run(new String[] {dir.toString(), "run.sh", "load 1", "load 2"});
        String md = Files.readString(dir.resolve("summary.md"));
        String section = "\n## One-time cost of java-vector: bind and first step\n";
        assertTrue(md.contains(section), md);
        assertTrue(md.contains("| 1000x256 | java-vector bind + first step K=1 | 5.00 | 0.25 | 0.125 | 40.0 | [37.6, 42.4]"
                + " | n/a (no no-copy epoch) |\n"
                + "| 1000x256 | java-vector bind + first step K=8 | 6.00 | 0.30 | 0.300 | 20.0 | [18.9, 21.1]"
                + " | 57.0 [52.9, 61.3] |\n"
                + "| 2000x64 | java-vector bind + first step K=1 | 1.50 | n/a | missing | n/a (no epoch) |  | n/a (no epoch) |\n"),
                md);
        assertFalse(md.contains("quick run: a few short iterations; the figures only show that the benchmark"), md);
        assertTrue(md.indexOf("java-vector bind + first step") > md.indexOf(section), "no bind in the epoch table");
        assertTrue(md.indexOf(section) > md.indexOf("## Targets"), md);
        assertTrue(md.indexOf(section) < md.indexOf("## Peers"), md);
        assertTrue(Files.size(dir.resolve("bandwidth.png")) > 1000);
    }

    /**
     * run.sh's expectations: the bind benchmark at K = 1 for every shape of the run, listed as missing where it
     * has no result, also where the run's epochs are all there; a quick run's section says it measures nothing.
     */
    @Test
    void anExpectedBindWithoutAResultIsListedAsMissing(@TempDir Path dir) throws IOException {
        String a = "\"shape\":\"1000x256\"";
        String json = "[" + String.join(",",
                result("VectorEpochBenchmark.epoch", a + ",\"models\":\"1\"", 0.125, 0.001),
                result("VectorEpochBenchmark.epoch", "\"shape\":\"2000x64\",\"models\":\"1\"", 0.2, 0.001),
                result("VectorBindBenchmark.bindAndFirstStep", a + ",\"models\":\"1\"", 5.0, 0.25)) + "]";
        Files.writeString(dir.resolve("jmh.json"), json);
        Report.run(new String[] {dir.toString(), "run.sh --quick", "load 1", "load 2", "--smoke",
            "--shapes=1000x256,2000x64", "--models=1,8"});
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("| 1000x256 | java-vector bind + first step K=1 | 5.00 | 0.25 | 0.125 | 40.0 | [37.6, 42.4]"
                + " | n/a (no no-copy epoch) |\n"
                + "| 2000x64 | java-vector bind + first step K=1 | missing | | | | | |\n"), md);
        assertFalse(md.contains("first step K=8"), "--models is the many-model benchmarks' count, not the bind's");
        assertTrue(md.contains("No target. A quick run: a few short iterations; the figures only show that the"
                + " benchmark and the report work."), md);
        assertEquals(List.of(1), Report.expected(new String[] {"dir", "run.sh", "b", "a", "--shapes=1000x256"},
                List.of()).bindModels());
    }

    /** A peak measured without its work line cannot be turned into a rate, and says so. */
    @Test
    void aPeakWithoutItsWorkLineHasNoRate(@TempDir Path dir) throws IOException {
        String a = "\"shape\":\"1000x256\"";
        Files.writeString(dir.resolve("jmh.json"), "[" + String.join(",",
                result("VectorEpochBenchmark.epoch", a + ",\"models\":\"1\"", 0.125, 0.001),
                result("ArithmeticPeakBenchmark.peak", "", 20, 1)) + "]");
        Report.run(new String[] {dir.toString(), "run.sh", "load 1", "load 2"});
        String md = Files.readString(dir.resolve("summary.md"));
        assertFalse(md.contains("G/s"), "no rate without the work line");
        assertTrue(md.contains("The arithmetic peak ran, but what it did was not recorded (arithmetic-peak.tsv"
                + " beside the notes): no rate."), md);
    }
}
