package dev.ridgeline.cli;

import dev.ridgeline.model.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Whether an existing single output file ({@code predict --out}, {@code explain --out}, {@code export --onnx},
 * {@code explain --plots}) may be replaced: only when it is empty or holds what the option writes, so that a
 * mistyped name cannot destroy a file that no ridgeline command wrote ({@code export --onnx train.csv} had
 * replaced the training data with a graph, exit 0). Recognised by content, since a single file carries no list
 * of its own as an output folder does: an ONNX graph starts with the protobuf tag of its ir_version, a PNG with
 * its signature, and the CSVs of predict and explain end their header with the {@code <target>_predicted} column.
 */
final class ReplaceableOutput {
    /** How far the first line of a CSV is looked for: a header of thousands of --keep columns fits. */
    private static final int HEADER_BYTES = 1 << 20;
    private static final byte ONNX_IR_VERSION_TAG = 0x08;  // field 1 (ir_version), varint: written first
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ReplaceableOutput() {
    }

    /**
     * Refuses {@code destination} (the file {@code out}, given as {@code option}, would replace) when it exists,
     * is not empty and does not hold what {@code option} writes. Pipes and devices are not replaced, so not asked.
     */
    static void check(String option, Path out, Path destination) {
        if (!Files.isRegularFile(destination)) {
            return;
        }
        String what = option.equals("--onnx") ? "an ONNX graph" : option.equals("--plots") ? "a PNG image"
                : "a CSV of predictions (its first line ends with a <target>_predicted column)";
        boolean ours;
        try {
            if (Files.size(destination) == 0) {
                return;  // nothing to lose
            }
            ours = option.equals("--onnx") ? startsWith(destination, new byte[] {ONNX_IR_VERSION_TAG})
                    : option.equals("--plots") ? startsWith(destination, PNG_SIGNATURE)
                    : predictionsHeader(destination);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + out + " to see whether it may be replaced: "
                    + AtomicFiles.reason(e), e);
        }
        if (!ours) {
            throw new IllegalArgumentException(option + " " + out + " exists and is not " + what
                    + ", as a file this option writes is: replacing it would lose it; move it or choose another "
                    + option);
        }
    }

    private static boolean startsWith(Path file, byte[] prefix) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(prefix.length), prefix);
        }
    }

    /** Whether the file's first line ends with a column named {@code ..._predicted}, quoted or not. */
    private static boolean predictionsHeader(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER_BYTES);
        }
        int end = 0;
        while (end < head.length && head[end] != '\n') {
            end++;
        }
        String line = new String(head, 0, end, StandardCharsets.UTF_8);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.endsWith("\"")) {
            line = line.substring(0, line.length() - 1);
        }
        return line.endsWith("_predicted");
    }
}
