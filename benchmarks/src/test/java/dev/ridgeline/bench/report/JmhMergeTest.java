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
