package dev.ridgeline.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link CsvTable} into a typed {@link Frame}, strictly.
 *
 * <p>A field is missing when it is empty or {@code NA}. A feature column is categorical when it is named in
 * {@code categorical}, or when none of its present values is a number; a column that mixes numbers and text
 * is an error naming the first non-number (far more often a typo than a category; a column of codes that
 * look like numbers is declared categorical instead). Numbers
 * must be finite. The target must be numeric.
 */
public final class FrameReader {
    private FrameReader() {
    }

    /** True for the spellings of a missing value: an empty field or {@code NA}. */
    public static boolean isMissingToken(String field) {
        String t = field.trim();
        return t.isEmpty() || t.equals("NA");
    }

    /**
     * Every column but {@code target} becomes a feature; kinds are inferred as described above.
     *
     * @param categorical columns to treat as categorical even if their values look numeric
     */
    public static Frame forTraining(CsvTable table, String target, Set<String> categorical) {
        int targetCol = table.column(target);
        for (String c : categorical) {
            table.column(c);
        }
        if (categorical.contains(target)) {
            throw new DataException(table.source() + ": the target '" + target + "' cannot be categorical");
        }
        Map<String, ColumnKind> schema = new LinkedHashMap<>();
        for (int c = 0; c < table.header().size(); c++) {
            if (c != targetCol) {
                String name = table.header().get(c);
                schema.put(name, categorical.contains(name) ? ColumnKind.CATEGORICAL : inferKind(table, c));
            }
        }
        if (schema.isEmpty()) {
            throw new DataException(table.source() + ": there are no feature columns besides the target '" + target + "'"
                    + table.delimiterHint());
        }
        return read(table, schema, target, true);
    }

    /**
     * Reads the columns a fitted model expects, by name and with the model's kinds. A column the model
     * needs but the file lacks, or a column the file has but the model does not use, is an error naming it;
     * the model's target column may be present (it is read when {@code target} is not null, else ignored).
     */
    public static Frame forModel(CsvTable table, Map<String, ColumnKind> schema, String target) {
        List<String> missing = new ArrayList<>();
        for (String name : schema.keySet()) {
            if (!table.header().contains(name)) {
                missing.add(name);
            }
        }
        List<String> extra = new ArrayList<>();
        for (String name : table.header()) {
            if (!schema.containsKey(name) && !name.equals(target)) {
                extra.add(name);
            }
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder msg = new StringBuilder(table.source()).append(": the columns do not match the model");
            if (!missing.isEmpty()) {
                msg.append("; missing: ").append(missing);
            }
            if (!extra.isEmpty()) {
                msg.append("; not used by the model: ").append(extra);
            }
            msg.append("; the model expects ").append(schema.keySet()).append(table.delimiterHint());
            throw new DataException(msg.toString());
        }
        boolean withTarget = target != null && table.header().contains(target);
        return read(table, schema, withTarget ? target : null, withTarget);
    }

    private static ColumnKind inferKind(CsvTable table, int c) {
        boolean anyNumber = false;
        int firstText = -1;
        for (int r = 0; r < table.rows(); r++) {
            String[] fields = table.record(r);
            if (c >= fields.length || isMissingToken(fields[c])) {
                continue;
            }
            if (isNumber(fields[c])) {
                anyNumber = true;
            } else if (firstText < 0) {
                firstText = r;
            }
        }
        if (firstText >= 0 && anyNumber) {
            throw new DataException(String.format("%s, line %d, column '%s': value '%s' is not a number",
                    table.source(), table.line(firstText), table.header().get(c), table.record(firstText)[c]));
        }
        return firstText >= 0 ? ColumnKind.CATEGORICAL : ColumnKind.NUMERIC;
    }

    private static boolean isNumber(String field) {
        String t = field.trim();
        if (t.endsWith("f") || t.endsWith("F") || t.endsWith("d") || t.endsWith("D")) {
            return false;
        }
        try {
            Double.parseDouble(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Frame read(CsvTable table, Map<String, ColumnKind> schema, String target, boolean withTarget) {
        int m = table.rows();
        if (m == 0) {
            throw new DataException(table.source() + ": the file has a header but no data rows");
        }
        List<String> names = new ArrayList<>(schema.keySet());
        List<ColumnKind> kinds = new ArrayList<>(schema.values());
        double[][] numeric = new double[names.size()][];
        String[][] text = new String[names.size()][];
        long[] lines = new long[m];
        int width = table.header().size();
        for (int r = 0; r < m; r++) {
            if (table.record(r).length != width) {
                throw new DataException(String.format("%s, line %d: %d fields, the header has %d",
                        table.source(), table.line(r), table.record(r).length, width));
            }
            lines[r] = table.line(r);
        }
        for (int j = 0; j < names.size(); j++) {
            int c = table.column(names.get(j));
            if (kinds.get(j) == ColumnKind.NUMERIC) {
                numeric[j] = numbers(table, c);
            } else {
                text[j] = labels(table, c);
            }
        }
        double[] y = withTarget ? numbers(table, table.column(target)) : null;
        return new Frame(table.source(), names, kinds, numeric, text, withTarget ? target : null, y, lines);
    }

    /** Column c as doubles, NaN for missing, any other non-number an error naming its place. */
    private static double[] numbers(CsvTable table, int c) {
        double[] out = new double[table.rows()];
        for (int r = 0; r < out.length; r++) {
            String field = table.record(r)[c];
            if (isMissingToken(field)) {
                out[r] = Double.NaN;
                continue;
            }
            String t = field.trim();
            String problem = "is not a number";
            if (isNumber(t)) {
                double v = Double.parseDouble(t);
                if (Double.isFinite(v) && Float.isFinite((float) v)) {
                    out[r] = v;
                    continue;
                }
                problem = "is not a finite float32 number";
            }
            throw new DataException(String.format("%s, line %d, column '%s': value '%s' %s",
                    table.source(), table.line(r), table.header().get(c), field, problem));
        }
        return out;
    }

    private static String[] labels(CsvTable table, int c) {
        String[] out = new String[table.rows()];
        for (int r = 0; r < out.length; r++) {
            String field = table.record(r)[c];
            out[r] = isMissingToken(field) ? null : field.trim();
        }
        return out;
    }
}
