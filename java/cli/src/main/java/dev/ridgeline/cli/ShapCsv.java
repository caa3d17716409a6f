package dev.ridgeline.cli;

import dev.ridgeline.data.CsvTable;
import dev.ridgeline.model.LinearModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * explain's {@code --out}: every row's SHAP values as CSV, one line per row of --data, in order. Columns: the
 * {@code --keep} columns' fields as read (an identifier to join the lines back by), then {@code shap_<feature>} for each of the model's features (its input space, named as the report names them:
 * {@code city=Oslo} for a category), then {@code base} (the background's mean prediction, the same on every
 * line) and {@code <target>_predicted} (the model's prediction, as {@code predict} writes it). Each line's base
 * plus its SHAP values is its prediction, to the additivity check's tolerance. Values in Java's round-trip form.
 */
final class ShapCsv {
    private final Writer out;
    private final StringBuilder line = new StringBuilder();

    private ShapCsv(Writer out) {
        this.out = out;
    }

    /** Writes the header for {@code model} and the {@code kept} columns, and returns a writer of its rows. */
    static ShapCsv start(LinearModel model, List<String> kept, Writer out) throws IOException {
        List<String> names = columns(model, kept);
        for (int c = 0; c < names.size(); c++) {
            out.write(c == 0 ? "" : ",");
            out.write(CsvTable.csvField(names.get(c)));
        }
        out.write('\n');
        return new ShapCsv(out);
    }

    /**
     * The header's names; an error when two coincide (a kept column named as a SHAP column, or a target named so
     * that its column is a feature's).
     */
    static List<String> columns(LinearModel model, List<String> kept) {
        List<String> names = new ArrayList<>(kept);
        model.featureNames().forEach(f -> names.add("shap_" + f));
        names.add("base");
        names.add(model.targetName() + "_predicted");
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("--out: the SHAP file would have two columns named '" + name
                        + "' (from " + (kept.contains(name) ? "--keep and " : "") + "the model's feature and target"
                        + " names); " + (kept.contains(name) ? "keep the other columns only" : "this model's SHAP"
                        + " values can be had one row at a time with --row"));
            }
        }
        return names;
    }

    /**
     * One row's line: its kept fields (as read; one per --keep column), its SHAP values (n), the base and its
     * prediction. An I/O failure is thrown unchecked, as {@link WriteFailed} (rows are written from a reader's
     * callback).
     */
    void write(String[] fields, double[] phi, double base, double prediction) {
        try {
            line.setLength(0);
            for (String field : fields) {
                line.append(CsvTable.csvField(field)).append(',');
            }
            for (double v : phi) {
                line.append(v).append(',');  // StringBuilder.append(double) writes Double.toString's digits
            }
            line.append(base).append(',').append(prediction).append('\n');
            out.append(line);
        } catch (IOException e) {
            throw new WriteFailed(e);
        }
    }

    /** A failed write of the SHAP file, told apart from a failed read of the rows it explains. */
    static final class WriteFailed extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        WriteFailed(IOException cause) {
            super(cause);
        }
    }
}
