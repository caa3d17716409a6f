package dev.ridgeline.cli;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.ColumnNames;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.fairness.GroupLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Group labels from the sensitive columns of a frame, by column name. A categorical column's values are the
 * groups, and so are a numeric column's values when the training rows have at most {@value #MAX_DISTINCT}
 * distinct ones; otherwise the column is cut into quantile bins whose edges are fitted on the training rows
 * (like the preprocessing) and applied to every part. With several columns their intersection is added.
 */
final class SensitiveColumns {
    static final int MAX_DISTINCT = 10;

    private final List<String> names;
    private final List<double[]> edges; // per column: bin edges (bins + 1), or null when the values are the groups
    private final List<Long> distinct; // per column: distinct values on the training rows (0 for a categorical one)
    private final List<Integer> unmerged; // per binned column: the most bins its quantiles cut without a merge

    private SensitiveColumns(List<String> names, List<double[]> edges, List<Long> distinct, List<Integer> unmerged) {
        this.names = List.copyOf(names);
        this.edges = edges;
        this.distinct = distinct;
        this.unmerged = unmerged;
    }

    /** Decides, per column, between values and quantile bins (edges from the training rows). */
    static SensitiveColumns fit(Frame train, List<String> names, int bins) {
        List<double[]> edges = new ArrayList<>();
        List<Long> distinct = new ArrayList<>();
        List<Integer> unmerged = new ArrayList<>();
        for (String name : names) {
            int c = column(train, name);
            if (train.kind(c) != ColumnKind.NUMERIC) {
                edges.add(null);
                distinct.add(0L);
                unmerged.add(0);
                continue;
            }
            double[] v = new double[train.rows()];
            for (int i = 0; i < v.length; i++) {
                v[i] = value(train, c, i);
            }
            long values = Arrays.stream(v).distinct().count();
            distinct.add(values);
            Arrays.sort(v);
            double[] e = values <= MAX_DISTINCT ? null : quantileEdges(v, bins);
            edges.add(e);
            // The search for a count that merges none only where the asked one merged (its warning names it).
            unmerged.add(e == null ? 0 : Arrays.stream(e, 0, bins).distinct().count() == bins ? bins
                    : mostUnmergedBins(v, bins - 1));
        }
        return new SensitiveColumns(names, edges, distinct, unmerged);
    }

    /** Whether any column is cut into quantile bins (else --sensitive-bins changes nothing). */
    boolean binsAny() {
        return edges.stream().anyMatch(e -> e != null);
    }

    /**
     * One warning per binned column whose training quantiles tie (many equal values): bins that share an edge
     * merge, so the column has fewer bins than asked, of unequal sizes (s4 with 6 asked: 5 bins, one of 2 rows).
     */
    List<String> mergedBins() {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            double[] e = edges.get(k);
            if (e == null) {
                continue;
            }
            int asked = e.length - 1;
            long made = Arrays.stream(e, 0, asked).distinct().count();
            if (made < asked && asked > distinct.get(k)) {
                out.add(String.format(Locale.ROOT, "sensitive column '%s': %d quantile bins asked, %d made: the "
                        + "training rows hold %d distinct values of it, fewer than the bins, so several quantiles fall on"
                        + " one value (--sensitive-bins %d is the most that cuts these rows into as many bins)",
                        ColumnNameText.shown(names.get(k)), asked, made, distinct.get(k), unmerged.get(k)));
            } else if (made < asked) {
                out.add(String.format(Locale.ROOT, "sensitive column '%s': %d quantile bins asked, %d made: tied "
                        + "values on the training rows put several quantiles on one edge, so the bins differ in size "
                        + "(--sensitive-bins %d is the most that cuts these rows into as many bins)",
                        ColumnNameText.shown(names.get(k)), asked, made, unmerged.get(k)));
            }
        }
        return out;
    }

    /**
     * One warning per categorical sensitive column that is no model input (the preprocessing warns for the others)
     * whose training rows hold two groups equal but for letter case ("A" and "a" are two groups).
     */
    List<String> caseVariants(Frame train, Set<String> modelInputs) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            int c = column(train, name);
            if (train.kind(c) == ColumnKind.NUMERIC || modelInputs.contains(name)) {
                continue;
            }
            Set<String> labels = new TreeSet<>(); // the groups in a fixed order, so the pair named is too
            for (int i = 0; i < train.rows(); i++) {
                String label = train.label(c, i);
                if (label != null) {
                    labels.add(label);
                }
            }
            DataShapeWarnings.caseVariantPair(labels).ifPresent(pair -> out.add(String.format(Locale.ROOT,
                    "sensitive column '%s' has the groups '%s' and '%s', which differ only in letter case and are two"
                    + " groups here: if they are one, write them alike", DataException.shown(name),
                    DataException.shown(pair[0]), DataException.shown(pair[1]))));
        }
        return out;
    }

    /** The attributes reported: each column, then their intersection ("a x b") when there are several. */
    List<String> attributes() {
        List<String> out = new ArrayList<>(names);
        if (names.size() > 1) {
            out.add(String.join(" x ", names));
        }
        return out;
    }

    /** One label array per attribute (as {@link #attributes}), each with one label per row of {@code part}. */
    List<String[]> labels(Frame part) {
        List<String[]> out = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            int c = column(part, names.get(k));
            String[] labels = new String[part.rows()];
            // Few distinct values: each is formatted once.
            Map<Double, String> numberLabels = new HashMap<>();
            double[] e = edges.get(k);
            for (int i = 0; i < labels.length; i++) {
                labels[i] = part.kind(c) == ColumnKind.NUMERIC
                        ? numberLabels.computeIfAbsent(value(part, c, i), v -> numberLabel(v, e))
                        : categoryLabel(part, c, i);
            }
            out.add(labels);
        }
        if (names.size() > 1) {
            out.add(GroupLabels.intersect(names, out));
        }
        return out;
    }

    /** The labels of the last attribute: the intersection when there are several columns, else the column. */
    String[] finestLabels(Frame part) {
        List<String[]> all = labels(part);
        return all.get(all.size() - 1);
    }

    private static int column(Frame frame, String name) {
        int c = frame.indexOf(name);
        if (c < 0) {
            // The columns --ignore left out were not read, but are as good a sensitive column as any: the
            // suggestion and the list name them too (--ignore sex --sensitive Sex had got neither).
            List<String> allowed = new ArrayList<>(frame.names());
            frame.leftOutColumns().stream().filter(left -> !allowed.contains(left)).forEach(allowed::add);
            String what = name.equals(frame.targetName()) ? "is the target"
                    : name.equals(frame.weightName()) ? "is the row weights column (--weights)"
                    : "is not in the header" + ColumnNames.didYouMean(name, allowed);
            throw new DataException(frame.source() + ": sensitive column '" + ColumnNameText.shown(name) + "' " + what
                    + "; a sensitive column is one of the columns " + ColumnNames.listed(frame.names())
                    + (frame.leftOutColumns().isEmpty() ? " or a column --ignore leaves out"
                            : " or one --ignore leaves out " + ColumnNames.listed(frame.leftOutColumns())));
        }
        return c;
    }

    /**
     * Throws, naming the first, when a sensitive column misses a value in any row of the frame; after
     * {@link #requireAnyValue}, which names a column missing everywhere as such.
     */
    static void requireValues(Frame frame, List<String> names) {
        for (String name : names) {
            int c = column(frame, name);
            for (int i = 0; i < frame.rows(); i++) {
                if (frame.isMissing(c, i)) {
                    throw new DataException(frame.where(c, i) + ": the sensitive value is missing; a group is never"
                            + " imputed: fill it in, or --missing drop leaves the row out");
                }
            }
        }
    }

    /**
     * Refuses a sensitive column without a value in any row. Neither filling in nor dropping rows can help, so this
     * runs before --missing drop, whose own error for an emptied file advises --missing mean or median, and after
     * that the missing group: advice that goes round in a circle.
     */
    static void requireAnyValue(Frame frame, List<String> names) {
        for (String name : names) {
            int c = column(frame, name);
            if (frame.rows() > 0 && IntStream.range(0, frame.rows()).allMatch(i -> frame.isMissing(c, i))) {
                throw new DataException(frame.source() + ": sensitive column '" + DataException.shown(name) + "' has no"
                        + " value in any of the " + RowCount.of(frame.rows()) + "; a group is never imputed, so name a"
                        + " column that holds the groups");
            }
        }
    }

    /**
     * Under --missing drop: the warning for the rows dropped only for a missing value of a sensitive column that is no
     * model input ({@code leftOut}: read for its groups alone, not as --stratify or --group either), or empty. Such
     * rows leave training too, so --sensitive, meant to assess the model, has changed it. Rows missing another value
     * (a feature, the target, the row weight) are not counted: they would be dropped without --sensitive.
     */
    static Optional<String> droppedFromTraining(Frame frame, List<String> leftOut) {
        if (leftOut.isEmpty()) {
            return Optional.empty();
        }
        int[] sensitive = leftOut.stream().mapToInt(name -> column(frame, name)).toArray();
        Set<Integer> theirs = new java.util.HashSet<>();
        Arrays.stream(sensitive).forEach(theirs::add);
        int dropped = 0;
        for (int i = 0; i < frame.rows(); i++) {
            int row = i;
            if (Arrays.stream(sensitive).noneMatch(c -> frame.isMissing(c, row))
                    || (frame.hasTarget() && Double.isNaN(frame.target(i))) || Double.isNaN(frame.weight(i))) {
                continue;
            }
            boolean otherMissing = false;
            for (int c = 0; c < frame.columns() && !otherMissing; c++) {
                otherMissing = !theirs.contains(c) && frame.isMissing(c, i);
            }
            dropped += otherMissing ? 0 : 1;
        }
        if (dropped == 0) {
            return Optional.empty();
        }
        String columns = String.join(", ", leftOut.stream().map(n -> "'" + DataException.shown(n) + "'").toList());
        return Optional.of(String.format(Locale.ROOT, "--missing drop removed %d of the %d rows only for a missing value"
                + " of the sensitive column%s %s, which --ignore leaves out of the features: these rows are left out of"
                + " training too, so the model differs from one trained without --sensitive", dropped, frame.rows(),
                leftOut.size() == 1 ? "" : "s", columns));
    }

    private static double value(Frame frame, int c, int i) {
        if (frame.isMissing(c, i)) {
            throw new DataException(frame.where(c, i) + ": the sensitive value is missing");
        }
        // -0 and 0 are one value and one group: adding 0.0 turns -0.0 into 0.0, which distinct() and the label
        // map (both by bit pattern) had counted apart, binning a column of ten distinct numbers.
        return frame.number(c, i) + 0.0;
    }

    private static String categoryLabel(Frame frame, int c, int i) {
        String label = frame.label(c, i);
        if (label == null || frame.isMissing(c, i)) {
            throw new DataException(frame.where(c, i) + ": the sensitive value is missing");
        }
        return label;
    }

    /**
     * Edges (bins + 1) at the training quantiles; the last is the training maximum. Shape: {@code sorted} (m)
     * ascending, m >= 1.
     */
    private static double[] quantileEdges(double[] sorted, int bins) {
        double[] e = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            e[b] = sorted[(int) Math.min(sorted.length - 1, Math.floor((double) b * sorted.length / bins))];
        }
        e[bins] = sorted[sorted.length - 1];
        return e;
    }

    /**
     * The largest k <= {@code bins} whose k quantile bins of {@code sorted} are k (no two lower edges equal); 1 at
     * least. Not "any k below it" either: ties can merge bins at some smaller counts and not at others.
     */
    private static int mostUnmergedBins(double[] sorted, int bins) {
        for (int k = bins; k > 1; k--) {
            double[] e = quantileEdges(sorted, k);
            if (Arrays.stream(e, 0, k).distinct().count() == k) {
                return k;
            }
        }
        return 1;
    }

    /** The value itself, or its bin "[lo, hi)" ("[lo, hi]" for the last); values outside the training range go to the end bins. */
    private static String numberLabel(double v, double[] e) {
        if (e == null) {
            return fmt(v);
        }
        int bins = e.length - 1;
        int b = 0;
        while (b < bins - 1 && v >= e[b + 1]) {
            b++;
        }
        return String.format(Locale.ROOT, "[%s, %s%s", fmt(e[b]), fmt(e[b + 1]), b == bins - 1 ? "]" : ")");
    }

    /**
     * A value or bin edge as a group label: the fewest significant digits (of printf's {@code %g}) that give
     * the value back exactly, integers as integers. Labels are the groups' keys: two values that agreed to
     * four digits (2.50001 and 2.50004) had pooled their rows into one group, without a word; and one style for
     * every value keeps 1e-05 and 1.00001e-05 side by side readable ("1.000e-05" had stood beside "1.00001E-5").
     */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        for (int digits = 1; digits < 17; digits++) {
            String text = String.format(Locale.ROOT, "%." + digits + "g", v);
            if (Double.parseDouble(text) == v) {
                return text;
            }
        }
        return String.format(Locale.ROOT, "%.17g", v);
    }
}
