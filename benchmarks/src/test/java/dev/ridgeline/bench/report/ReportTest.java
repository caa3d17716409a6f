package dev.ridgeline.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-written JMH result file through the report: bandwidth, ratios and targets by hand. */
class ReportTest {
    private static String result(String clazz, String params, double ms) {
        return "{\"benchmark\":\"dev.ridgeline.bench." + clazz + "\",\"params\":{" + params + "},"
                + "\"primaryMetric\":{\"score\":" + ms + ",\"scoreError\":\"NaN\",\"scoreUnit\":\"ms/op\"}}";
    }

    @Test
    void summaryHasBandwidthRatiosAndTargets(@TempDir Path dir) throws IOException {
        String shape = "\"shape\":\"1000x256\"";
        String json = "[" + String.join(",",
                result("StreamingReadBenchmark.read", shape, 0.1),
                result("VectorEpochBenchmark.epoch", shape + ",\"models\":\"1\"", 0.125),
                result("VectorEpochBenchmark.epoch", shape + ",\"models\":\"8\"", 0.3),
                result("ScalarEpochBenchmark.epoch", shape + ",\"models\":\"1\"", 0.5),
                result("UnfusedEpochBenchmark.epoch", shape + ",\"models\":\"1\"", 0.25),
                result("VectorRowKernelEpochBenchmark.epoch", shape + ",\"models\":\"8\"", 0.4)) + "]";
        Files.writeString(dir.resolve("jmh.json"), json);
        List<Measurement> all = JmhResults.read(dir.resolve("jmh.json"));
        assertEquals(6, all.size());
        // 1000 x 256 x 4 bytes = 1.024 MB in 0.1 ms = 10.24 GB/s.
        assertEquals(10.24, all.get(0).gigabytesPerSecond(), 1e-9);
        Report.main(new String[] {dir.toString(), "run.sh", "load 1", "load 2"});
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("| 1000x256 | java-vector K=1 | 0.125 | n/a | 8.19 | 0.80 |"), md);
        assertTrue(md.contains("| 1000x256 | java-vector, no panel copy K=8 | 0.400 | n/a | 2.56 | 0.25 |"), md);
        int rows = md.indexOf("java-vector, no panel copy K=8");
        assertTrue(rows < md.indexOf("java-vector K=1"), "the row kernel comes before the default vector backend");
        assertTrue(md.contains("| vector K=1 bandwidth / streaming read >= 0.75 | 1000x256 | 0.80 | met |"), md);
        assertTrue(md.contains("| vector K=1 speed-up over scalar >= 3 | 1000x256 | 4.00 | met |"), md);
        assertTrue(md.contains("| vector K=1 speed-up over unfused two-pass >= 1.6 | 1000x256 | 2.00 | met |"), md);
        assertTrue(md.contains("| vector time K=8 / K=1 <= 2 | 1000x256 | 2.40 | NOT met |"), md);
        assertTrue(Files.size(dir.resolve("bandwidth.png")) > 1000);
    }

    @Test
    void peerNotesWrittenByEveryForkAppearOnce(@TempDir Path dir) throws IOException {
        String shape = "\"shape\":\"1000x256\"";
        String json = "[" + String.join(",", result("StreamingReadBenchmark.read", shape, 0.1),
                result("VectorEpochBenchmark.epoch", shape + ",\"models\":\"1\"", 0.125),
                result("PeerBenchmark.ejmlNormalEquations", "\"peerShape\":\"100x4\"", 2.0)) + "]";
        Files.writeString(dir.resolve("jmh.json"), json);
        Files.writeString(dir.resolve("peers.txt"), "100x4: target reached\n100x4: target reached\n100x4: other\n");
        Report.main(new String[] {dir.toString(), "run.sh", "load 1", "load 2"});
        String md = Files.readString(dir.resolve("summary.md"));
        assertEquals(1, md.split("- 100x4: target reached", -1).length - 1, md);
        assertTrue(md.contains("- 100x4: other"), md);
    }

    @Test
    void aRunOfThePeersAloneGetsItsSummaryWithoutAPlot(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh.json"),
                "[" + result("PeerBenchmark.ejmlNormalEquations", "\"peerShape\":\"100x4\"", 2.0) + "]");
        Report.main(new String[] {dir.toString(), "run.sh", "load 1", "load 2"});
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("| 100x4 | ejmlNormalEquations | 2.0 |"));
        assertTrue(Files.notExists(dir.resolve("bandwidth.png")));
    }
}
