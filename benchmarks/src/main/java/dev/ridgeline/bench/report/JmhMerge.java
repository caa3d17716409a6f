package dev.ridgeline.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code JmhMerge OUT PART...}: joins JMH JSON result arrays, in the order given, into one array at OUT
 * (through a temporary file moved into place). {@code benchmarks/run.sh} runs JMH once per shape, so that
 * the streaming read and the epochs of a shape are measured minutes closer together, and joins the parts.
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

    /** Writes the elements of every part, in order, as one JSON array to {@code out}. */
    static void merge(List<Path> parts, Path out) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode all = mapper.createArrayNode();
        for (Path part : parts) {
            JsonNode root = mapper.readTree(part.toFile());
            if (root == null || !root.isArray()) {
                throw new IOException(part + " is not a JMH JSON result array");
            }
            all.addAll((ArrayNode) root);
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        mapper.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
