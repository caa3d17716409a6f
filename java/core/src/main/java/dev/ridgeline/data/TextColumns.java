package dev.ridgeline.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The labels of chosen columns of a CSV file, appended a chunk of records at a time: null for a missing
 * field, else the trimmed text, one String per distinct label and column over the whole file (a column of
 * few categories over millions of rows stays small; per chunk, each chunk would hold its own copies).
 */
final class TextColumns {
    private final String[][] labels;
    private final Map<String, String>[] seen;
    private int rows;

    @SuppressWarnings("unchecked")
    TextColumns(int width) {
        this.labels = new String[width][];
        this.seen = new Map[width];
    }

    /** Starts keeping column c (from the first row: call before any chunk is appended). */
    void keep(int c) {
        labels[c] = new String[0];
        seen[c] = new HashMap<>();
    }

    boolean kept(int c) {
        return labels[c] != null;
    }

    /** Stops keeping column c and frees its labels. */
    void forget(int c) {
        labels[c] = null;
        seen[c] = null;
    }

    /** The labels of the next chunk's rows for every kept column. */
    void append(CsvTable chunk) {
        int m = chunk.rows();
        for (int c = 0; c < labels.length; c++) {
            if (labels[c] == null) {
                continue;
            }
            String[] out = labels[c];
            if (out.length < rows + m) {
                out = Arrays.copyOf(out, out.length == 0 ? m : Math.max(rows + m, out.length + (out.length >> 1)));
                labels[c] = out;
            }
            Map<String, String> distinct = seen[c];
            for (int r = 0; r < m; r++) {
                String label = UnicodeText.trimmed(chunk.field(r, c));
                if (FrameReader.isMissingToken(label)) {
                    out[rows + r] = null;
                    continue;
                }
                out[rows + r] = distinct.computeIfAbsent(label, UnicodeText::composed);
            }
        }
        rows += m;
    }

    /** Column c's labels, one per row appended. */
    String[] labels(int c) {
        if (labels[c].length != rows) {
            labels[c] = Arrays.copyOf(labels[c], rows);
        }
        return labels[c];
    }
}
