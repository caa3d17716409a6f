package dev.ridgeline.cli;

import dev.ridgeline.data.DataException;
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
 * its signature, and the CSVs of predict and explain end their header with the {@code <target>_predicted} column:
 * any target's before the model is read ({@link #check}), then the model's own ({@link #checkPredictionsOf}), so that
 * the predictions of another model, of another target, are not replaced either.
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

    /**
     * Refuses {@code destination} (the file {@code out}, given as {@code option}, would replace) when it exists, is
     * not empty and its header's last column is not {@code column}, the {@code <target>_predicted} column this
     * model writes: {@code predict --out} had replaced the predictions of another target (their header ends with
     * {@code _predicted} as well). Made once the model is read; {@link #check} has refused other files before.
     */
    static void checkPredictionsOf(String option, Path out, Path destination, String column) {
        if (!Files.isRegularFile(destination)) {
            return;
        }
        String last;
        try {
            if (Files.size(destination) == 0) {
                return;  // nothing to lose
            }
            last = lastHeaderColumn(destination);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + out + " to see whether it may be replaced: "
                    + AtomicFiles.reason(e), e);
        }
        if (!column.equals(last)) {
            throw new IllegalArgumentException(option + " " + out + " exists and is not a CSV of this model's"
                    + " predictions (its first line would end with the " + DataException.shown(column) + " column,"
                    + " and ends with " + (last == null ? "no column" : DataException.shown(last)) + "), as a file"
                    + " this option writes is: replacing it would lose it; move it or choose another " + option);
        }
    }

    /** Whether the file's first line ends with a column named {@code ..._predicted}, quoted or not. */
    private static boolean predictionsHeader(Path file) throws IOException {
        String last = lastHeaderColumn(file);
        return last != null && last.endsWith("_predicted");
    }

    /**
     * The last column name of the file's first line, as RFC 4180 reads it (quotes taken off, doubled quotes made
     * one; a quoted name may hold a comma or a line break), a CR before the line's end dropped; null when the
     * line is not complete within {@link #HEADER_BYTES}, or ends inside quotes; a byte-order mark at the start is
     * passed over.
     */
    private static String lastHeaderColumn(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER_BYTES);
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            // A spreadsheet's "CSV UTF-8" starts with a byte-order mark, which is no part of the first name: the
            // predictions of this very model, so saved, had been refused as ending with '\uFEFFy_predicted'.
            text = text.substring(1);
        }
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                field.setLength(0);
            } else if (c == '\n') {
                return field.toString();
            } else if (c != '\r' || i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                field.append(c);
            }
        }
        // A file of one line without its line break: its last column ends at the end of the file.
        return quoted || head.length == HEADER_BYTES ? null : field.toString();
    }
}
