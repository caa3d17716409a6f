package dev.ridgeline.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-shape JMH files of one run join into one result array, in order, or not at all. */
class JmhMergeTest {
    private static String result(String shape, double ms) {
        return "{\"benchmark\":\"dev.ridgeline.bench.StreamingReadBenchmark.read\",\"params\":{\"shape\":\""
                + shape + "\"},\"primaryMetric\":{\"score\":" + ms
                + ",\"scoreError\":\"NaN\",\"scoreUnit\":\"ms/op\"}}";
    }

    @Test
    void partsJoinInOrder(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "[" + result("10x4", 0.5) + "," + result("20x4", 1.0) + "]");
        Path b = Files.writeString(dir.resolve("b.json"), "[" + result("30x4", 2.0) + "]");
        Path out = dir.resolve("jmh.json");
        JmhMerge.merge(List.of(a, b), out);
        List<Measurement> all = JmhResults.read(out);
        assertEquals(3, all.size());
        assertEquals(List.of(0.5, 1.0, 2.0), all.stream().map(Measurement::epochMillis).toList());
    }

    /** A result with its raw iterations: one array per fork. */
    private static String withForks(String shape, double score, String forks) {
        return "{\"benchmark\":\"dev.ridgeline.bench.StreamingReadBenchmark.read\",\"mode\":\"avgt\","
                + "\"params\":{\"shape\":\"" + shape + "\"},\"forks\":2,\"primaryMetric\":{\"score\":" + score + ","
                + "\"scoreError\":0,\"scorePercentiles\":{\"50.0\":0},\"scoreUnit\":\"ms/op\",\"rawData\":" + forks
                + "}}";
    }

    /**
     * The read run before and after the epochs of its shape is one result of four forks: score and error
     * over all twelve iterations (mean 2.5; standard deviation 1.1677 over 12, t(0.9995, 11) = 4.437, so
     * 4.437 x 1.1677 / sqrt(12) = 1.4957), every fork's mean kept for the ratio's interval.
     */
    @Test
    void theSameBenchmarkInTwoPartsJoinsItsForks(@TempDir Path dir) throws IOException {
        Path before = Files.writeString(dir.resolve("before.json"),
                "[" + withForks("10x4", 1.5, "[[1,1,1],[2,2,2]]") + "," + withForks("20x4", 5.0, "[[5,5,5],[5,5,5]]") + "]");
        Path epochs = Files.writeString(dir.resolve("epochs.json"), "[" + result("10x4-other", 9.0) + "]");
        Path after = Files.writeString(dir.resolve("after.json"), "[" + withForks("10x4", 3.5, "[[3,3,3],[4,4,4]]") + "]");
        Path out = dir.resolve("jmh.json");
        JmhMerge.merge(List.of(before, epochs, after), out);
        List<Measurement> all = JmhResults.read(out);
        assertEquals(List.of("10x4", "20x4", "10x4-other"), all.stream().map(Measurement::shape).toList());
        Measurement read = all.get(0);
        assertEquals(2.5, read.epochMillis(), 1e-12);
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), read.forkMillis());
        assertEquals(1.4957, read.errorMillis(), 5e-4);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile());
        assertTrue(json.get(0).path("primaryMetric").path("scorePercentiles").isMissingNode(),
                "the parts' percentiles no longer hold");
        assertEquals(4, json.get(0).path("forks").asInt());
        assertFalse(json.get(1).path("primaryMetric").path("scorePercentiles").isMissingNode());
        assertEquals(5.0, all.get(1).epochMillis(), "a result in one part only is as it was");
    }

    /** Without raw iterations two results cannot be joined, and the merge says which. */
    @Test
    void theSameBenchmarkWithoutRawDataIsRefused(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "[" + result("10x4", 0.5) + "]");
        Path b = Files.writeString(dir.resolve("b.json"), "[" + result("10x4", 0.7) + "]");
        IOException e = assertThrows(IOException.class, () -> JmhMerge.merge(List.of(a, b), dir.resolve("jmh.json")));
        assertTrue(e.getMessage().contains("b.json") && e.getMessage().contains("StreamingReadBenchmark.read"),
                e.getMessage());
    }

    @Test
    void aPartThatIsNoResultArrayWritesNothing(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "[" + result("10x4", 0.5) + "]");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"not\":\"an array\"}");
        Path out = dir.resolve("jmh.json");
        IOException e = assertThrows(IOException.class, () -> JmhMerge.merge(List.of(a, bad), out));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
        assertFalse(Files.exists(out));
    }
}
