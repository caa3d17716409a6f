package dev.ridgeline.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.util.ListStatistics;

/**
 * {@code JmhMerge OUT PART...}: joins JMH JSON result arrays, in the order given, into one array at OUT
 * (through a temporary file moved into place). {@code benchmarks/run.sh} runs JMH once per shape, so that
 * the streaming read and the epochs of a shape are measured minutes closer together, and joins the parts.
 * A benchmark with the same parameters in several parts (the streaming read, run before and after the epochs
 * of its shape) becomes one result whose forks are those of every part, its score and error recomputed over
 * all their iterations as JMH computes them.
 */
public final class JmhMerge {
    private JmhMerge() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: JmhMerge <out.json> <part.json>...");
            System.exit(2);
        }
        List<Path> parts = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            parts.add(Path.of(args[i]));
        }
        merge(parts, Path.of(args[0]));
    }

    /**
     * Writes the elements of every part, in order of first appearance, as one JSON array to {@code out}; results
     * of one benchmark with the same mode and parameters are joined ({@link #join}).
     */
    static void merge(List<Path> parts, Path out) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, ObjectNode> byKey = new LinkedHashMap<>();
        for (Path part : parts) {
            JsonNode root = mapper.readTree(part.toFile());
            if (root == null || !root.isArray()) {
                throw new IOException(part + " is not a JMH JSON result array");
            }
            for (JsonNode result : root) {
                String key = result.path("benchmark").asText() + " " + result.path("mode").asText() + " "
                        + result.path("params");
                ObjectNode earlier = byKey.get(key);
                if (earlier == null) {
                    byKey.put(key, (ObjectNode) result);
                } else {
                    join(earlier, result, part);
                }
            }
        }
        ArrayNode all = mapper.createArrayNode();
        byKey.values().forEach(all::add);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        mapper.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Adds {@code later}'s forks (primaryMetric.rawData: one array of iteration scores per fork) to
     * {@code into}'s and recomputes its score (the mean of every iteration), scoreError (the half-width of the
     * 99.9 % interval of that mean, Student's t) and scoreConfidence with JMH's own statistics; the percentiles
     * of the parts no longer hold and are dropped; secondary metrics are those of the first part.
     */
    static void join(ObjectNode into, JsonNode later, Path part) throws IOException {
        JsonNode laterRaw = later.path("primaryMetric").path("rawData");
        ObjectNode metric = (ObjectNode) into.path("primaryMetric");
        if (!metric.path("rawData").isArray() || !laterRaw.isArray()
                || !metric.path("scoreUnit").equals(later.path("primaryMetric").path("scoreUnit"))) {
            throw new IOException(part + ": " + into.path("benchmark").asText() + " " + into.path("params")
                    + " appears in two parts without the raw iterations (or units) to join them");
        }
        ArrayNode raw = (ArrayNode) metric.path("rawData");
        raw.addAll((ArrayNode) laterRaw);
        ListStatistics stats = new ListStatistics();
        for (JsonNode fork : raw) {
            for (Iterator<JsonNode> it = fork.elements(); it.hasNext();) {
                stats.addValue(it.next().asDouble());
            }
        }
        metric.put("score", stats.getMean());
        double error = stats.getMeanErrorAt(0.999);
        if (Double.isNaN(error)) {
            metric.put("scoreError", "NaN");
        } else {
            metric.put("scoreError", error);
        }
        double[] confidence = stats.getConfidenceIntervalAt(0.999);
        ArrayNode interval = metric.putArray("scoreConfidence");
        interval.add(confidence[0]);
        interval.add(confidence[1]);
        metric.remove("scorePercentiles");
        into.put("forks", raw.size());
    }
}
