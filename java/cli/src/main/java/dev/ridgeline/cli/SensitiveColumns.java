package dev.ridgeline.cli;

import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.DataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Group labels from the sensitive columns of the input table, one label per data row (the table's row order,
 * which is the dataset's). A column's text values are the groups; a numeric column with more than
 * {@value #MAX_DISTINCT} distinct values is cut into quantile bins, labelled by their ranges.
 */
final class SensitiveColumns {
    static final int MAX_DISTINCT = 10;

    private SensitiveColumns() {
    }

    /** One label column per name, each of table.rows() values. */
    static List<String[]> read(CsvTable table, List<String> names, int bins) {
        List<String[]> out = new ArrayList<>();
        for (String name : names) {
            int c = table.header().indexOf(name);
            if (c < 0) {
                throw new DataException(table.source() + ": sensitive column '" + name + "' is not in the header ("
                        + String.join(", ", table.header()) + ")");
            }
            String[] values = new String[table.rows()];
            for (int r = 0; r < table.rows(); r++) {
                String v = table.record(r)[c].trim();
                if (v.isEmpty()) {
                    throw new DataException(String.format("%s, line %d, column '%s': the sensitive value is empty",
                            table.source(), table.line(r), name));
                }
                values[r] = v;
            }
            out.add(binIfContinuous(values, bins));
        }
        return out;
    }

    private static String[] binIfContinuous(String[] values, int bins) {
        Set<String> distinct = new HashSet<>(Arrays.asList(values));
        double[] numbers = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            try {
                numbers[i] = Double.parseDouble(values[i]);
            } catch (NumberFormatException e) {
                return values; // a text column: its values are the groups
            }
        }
        if (distinct.size() <= MAX_DISTINCT) {
            return values;
        }
        double[] sorted = numbers.clone();
        Arrays.sort(sorted);
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = sorted[(int) Math.min(sorted.length - 1, Math.floor((double) b * sorted.length / bins))];
        }
        edges[bins] = sorted[sorted.length - 1];
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            int b = 0;
            while (b < bins - 1 && numbers[i] >= edges[b + 1]) {
                b++;
            }
            boolean last = b == bins - 1;
            out[i] = String.format(Locale.ROOT, "[%s, %s%s", fmt(edges[b]), fmt(edges[b + 1]), last ? "]" : ")");
        }
        return out;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
