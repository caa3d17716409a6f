package dev.ridgeline.data;

import java.util.ArrayList;
import java.util.List;

/** Turns a {@link CsvTable} of numbers into a {@link Dataset}, strictly: every bad value is named. */
public final class CsvDatasets {
    private CsvDatasets() {
    }

    /**
     * Every column but {@code target} becomes a feature; every value must be a finite number.
     *
     * @throws NullPointerException when table or target is null
     * @throws DataException naming the file, line, column and value of the first bad field
     */
    public static Dataset numeric(CsvTable table, String target) {
        java.util.Objects.requireNonNull(table, "table");
        java.util.Objects.requireNonNull(target, "target");
        int targetCol = table.column(target);
        List<String> names = new ArrayList<>(table.header());
        names.remove(targetCol);
        int m = table.rows();
        int n = names.size();
        if (m == 0) {
            throw new DataException(table.source() + ": the file has a header but no data rows");
        }
        if (n == 0) {
            throw new DataException(table.source() + ": there are no feature columns besides the target '" + target + "'"
                    + table.delimiterHint());
        }
        DenseMatrix x = DenseMatrix.zeros(m, n);
        float[] y = new float[m];
        float[] row = new float[n];
        for (int r = 0; r < m; r++) {
            String[] fields = table.record(r);
            if (fields.length != table.header().size()) {
                throw FrameReader.raggedRow(table, r);
            }
            int j = 0;
            for (int c = 0; c < fields.length; c++) {
                float v = parse(table, r, c, fields[c]);
                if (c == targetCol) {
                    y[r] = v;
                } else {
                    row[j++] = v;
                }
            }
            x.setRow(r, row);
        }
        return Dataset.builder(x).featureNames(names).target(target, y).build();
    }

    /** Parses one field as a finite float, or fails naming where it is. */
    public static float parse(CsvTable table, int r, int c, String field) {
        String text = field.trim();
        String problem;
        if (text.isEmpty()) {
            problem = "is empty (missing value)";
        } else if (NumberSyntax.spellsNaN(text) || !Double.isNaN(NumberSyntax.otherInfinity(text))) {
            // numpy's nan and inf, R's Inf: the values Java spells NaN and Infinity, named alike.
            problem = "is not a finite number";
        } else {
            try {
                float v = Float.parseFloat(text);
                if (Float.isFinite(v) && !text.endsWith("f") && !text.endsWith("d") && !text.endsWith("F")
                        && !text.endsWith("D")) {
                    return v;
                }
                problem = "is not a finite number";
            } catch (NumberFormatException e) {
                problem = "is not a number";
            }
        }
        throw new DataException(String.format(java.util.Locale.ROOT, "%s, line %d, column '%s': value '%s' %s",
                table.source(), table.line(r), table.header().get(c), DataException.shown(field), problem));
    }
}
