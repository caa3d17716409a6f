package dev.ridgeline.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A table of typed feature columns before encoding, plus an optional numeric target and an optional column
 * of row weights, column-major.
 *
 * <p>Numeric columns are (m) doubles with NaN for a missing value; categorical columns are (m) strings with
 * null for a missing value. Each row remembers the file line it came from, so that later errors (a missing
 * value, an unseen category) can name the file, line and column.
 *
 * <p>A frame from {@link #viewRows} shares the columns of the frame it was taken from and reads them through
 * an index of rows: the same values as a {@link #selectRows} copy, without the copy. Frames are immutable,
 * so the two cannot be told apart but by their memory.
 */
public final class Frame {
    private final String source;
    private final List<String> names;
    /** Each name's index: a lookup per column of a wide frame by scanning the names took quadratic time. */
    private final Map<String, Integer> indexOfName;
    private final List<ColumnKind> kinds;
    private final double[][] numeric;
    private final String[][] text;
    private final String targetName;
    private final double[] target;
    private final String weightName;
    private final double[] weights;
    private final long[] lines;
    /** Row i of this frame is row index[i] of the arrays above; null: row i is row i (no index). */
    private final int[] index;
    /** Columns of the data that this frame was read or taken without, in the data's order (see leftOutColumns). */
    private final List<String> leftOut;

    Frame(String source, List<String> names, List<ColumnKind> kinds, double[][] numeric, String[][] text,
            String targetName, double[] target, long[] lines) {
        this(source, names, kinds, numeric, text, targetName, target, null, null, lines);
    }

    /** As above, with row weights (m, NaN when missing) from the column {@code weightName}, or both null. */
    Frame(String source, List<String> names, List<ColumnKind> kinds, double[][] numeric, String[][] text,
            String targetName, double[] target, String weightName, double[] weights, long[] lines) {
        this(source, names, NameIndex.of(names), kinds, numeric, text, targetName, target, weightName, weights, lines,
                null, List.of());
    }

    /** {@code indexOfName}: {@link NameIndex#of} the names (a frame taken from another shares its index). */
    private Frame(String source, List<String> names, Map<String, Integer> indexOfName, List<ColumnKind> kinds,
            double[][] numeric, String[][] text, String targetName, double[] target, String weightName,
            double[] weights, long[] lines, int[] index, List<String> leftOut) {
        this.source = source;
        this.names = List.copyOf(names);
        this.indexOfName = indexOfName;
        this.kinds = List.copyOf(kinds);
        this.numeric = numeric;
        this.text = text;
        this.targetName = targetName;
        this.target = target;
        this.weightName = weightName;
        this.weights = weights;
        this.lines = lines;
        this.index = index;
        this.leftOut = List.copyOf(leftOut);
    }

    /**
     * The columns of the data that this frame was read without ({@link FrameReader}'s {@code ignored}) or
     * taken without ({@link #withoutColumns}), in order: a model fitted on it records them
     * ({@code ModelMetadata.ignoredColumns()}), so that the same file can be scored later with them still in
     * it. Empty for a frame read whole.
     */
    public List<String> leftOutColumns() {
        return leftOut;
    }

    /** This frame, noting {@code columns} as left out of it (after those already noted). */
    Frame withLeftOut(List<String> columns) {
        List<String> all = new ArrayList<>(leftOut);
        columns.stream().filter(c -> !all.contains(c)).forEach(all::add);
        return new Frame(source, names, indexOfName, kinds, numeric, text, targetName, target, weightName, weights,
                lines, index, all);
    }

    /**
     * A numeric-only frame from a matrix of raw features (rows numbered from line 2, as under a header) and a
     * target of one value per row (or null for none). Each value is NaN (missing) or a finite float32 number.
     */
    public static Frame of(String source, List<String> names, double[][] rows, double[] target, String targetName) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(rows, "rows");
        if (target != null) {
            // A model needs its target's name: without one the fit failed only after training.
            Objects.requireNonNull(targetName, "targetName: the target's name (a target is given)");
            if (targetName.isEmpty()) {
                throw new IllegalArgumentException("targetName: the target's name is empty (a target is given)");
            }
        }
        requireDistinctNames(names, target == null ? null : targetName);
        int m = rows.length;
        int n = names.size();
        // Unchecked, a short target failed later with an index out of bounds, a long one when training ("model 0").
        if (target != null && target.length != m) {
            throw new IllegalArgumentException("target has " + target.length + " values, the frame has " + m + " rows");
        }
        double[][] cols = new double[n][m];
        for (int i = 0; i < m; i++) {
            if (rows[i] == null) {
                throw new NullPointerException("rows: row " + i + " is null");
            }
            if (rows[i].length != n) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + n);
            }
            for (int j = 0; j < n; j++) {
                cols[j][i] = requireNumber(rows[i][j], source, i, "column '" + names.get(j) + "'");
            }
            if (target != null) {
                requireNumber(target[i], source, i, "target '" + targetName + "'");
            }
        }
        long[] lines = new long[m];
        Arrays.setAll(lines, i -> i + 2L);
        List<ColumnKind> kinds = new ArrayList<>(Collections.nCopies(n, ColumnKind.NUMERIC));
        // Copied like the rows: frames are immutable, and the caller may reuse its array.
        double[] y = target == null ? null : target.clone();
        return new Frame(source, names, kinds, cols, new String[n][], targetName, y, lines);
    }

    /**
     * The names of {@link #of}: none null, none twice, none the target's (a CSV header with either is refused
     * when read; a frame that had them trained a model whose input and target were the same column).
     */
    private static void requireDistinctNames(List<String> names, String targetName) {
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            if (name == null) {
                throw new NullPointerException("names: column " + j + " has no name (null)");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("names: column " + j + " repeats the name '" + name + "'");
            }
            if (name.equals(targetName)) {
                throw new IllegalArgumentException("names: column " + j + " is named '" + name
                        + "', as the target is; the target is not a feature");
            }
        }
    }

    /**
     * A value of {@link #of}: NaN (missing) or a finite float32, as {@link FrameReader} reads a file. An infinity
     * or a value beyond float32 got as far as the scaling, which failed naming a shift and a scale.
     */
    private static double requireNumber(double v, String source, int row, String column) {
        if (!Double.isNaN(v) && !Float.isFinite((float) v)) {
            throw new DataException(source + ", line " + (row + 2) + ", " + column + ": value " + v
                    + " is not a finite float32 number (NaN marks a missing value)");
        }
        return v;
    }

    public String source() {
        return source;
    }

    public int rows() {
        return index == null ? lines.length : index.length;
    }

    /** Row i's place in the column arrays, i checked against this frame's rows (a view's too, not the arrays'). */
    private int at(int i) {
        if (i < 0 || i >= rows()) {
            throw new IndexOutOfBoundsException("row " + i + " of a frame of " + rows() + " rows");
        }
        return index == null ? i : index[i];
    }

    /** Column c, checked: a message naming it and the frame's width, where the JDK's named an inner array. */
    private int column(int c) {
        if (c < 0 || c >= names.size()) {
            throw new IndexOutOfBoundsException("column " + c + " of a frame of " + names.size() + " columns");
        }
        return c;
    }

    public int columns() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }

    public String name(int c) {
        return names.get(column(c));
    }

    public ColumnKind kind(int c) {
        return kinds.get(column(c));
    }

    /** Index of a column by name, or -1. */
    public int indexOf(String name) {
        Objects.requireNonNull(name, "name");
        return indexOfName.getOrDefault(UnicodeText.composed(name), -1);
    }

    /**
     * Value of numeric column c at row i (NaN when missing); a categorical column is refused by name. Column
     * first, as every accessor of a frame (its values are held a column at a time), unlike {@link
     * DenseMatrix#get(int, int)} and {@link #of}'s rows, which go row first.
     */
    public double number(int c, int i) {
        double[] column = numeric[column(c)];
        if (column == null) {
            throw wrongKind(c, "number");
        }
        return column[at(i)];
    }

    /**
     * Value of categorical column c at row i (null when missing); a numeric column is refused by name. Column
     * first, as {@link #number}.
     */
    public String label(int c, int i) {
        String[] column = text[column(c)];
        if (column == null) {
            throw wrongKind(c, "label");
        }
        return column[at(i)];
    }

    private IllegalArgumentException wrongKind(int c, String asked) {
        return new IllegalArgumentException("column " + c + " ('" + names.get(c) + "') is "
                + kinds.get(c).name().toLowerCase(java.util.Locale.ROOT) + ": it has no " + asked + "s (see kind(c))");
    }

    public boolean isMissing(int c, int i) {
        column(c);
        int r = at(i);
        return kinds.get(c) == ColumnKind.NUMERIC ? Double.isNaN(numeric[c][r]) : text[c][r] == null;
    }

    public boolean hasTarget() {
        return target != null;
    }

    public String targetName() {
        return targetName;
    }

    /** Target of row i (NaN when missing); an IllegalStateException if there is none. */
    public double target(int i) {
        requireTarget();
        return target[at(i)];
    }

    /** A frame read for scoring has no target: asking it for one is a wrong state, not a null argument. */
    private void requireTarget() {
        if (target == null) {
            throw new IllegalStateException(source + ": the frame has no target column (it was read without one)");
        }
    }

    /** A copy of the target in double (m); an IllegalStateException if there is none. */
    public double[] targetValues() {
        requireTarget();
        return index == null ? target.clone() : select(target, index);
    }

    /** The target as float32 (m); an IllegalStateException if there is none. */
    public float[] targetFloats() {
        requireTarget();
        float[] out = new float[rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) target[at(i)];
        }
        return out;
    }

    public boolean hasWeights() {
        return weights != null;
    }

    /** The column the row weights came from, or null. */
    public String weightName() {
        return weightName;
    }

    /** Row weight of row i (NaN when missing); 1 when the frame has no weight column. */
    public double weight(int i) {
        int r = at(i);
        return weights == null ? 1.0 : weights[r];
    }

    /** The row weights as float32 (m), or null when the frame has none (unit weights). */
    public float[] weightFloats() {
        if (weights == null) {
            return null;
        }
        float[] out = new float[rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) weights[at(i)];
        }
        return out;
    }

    /** The file line of row i (1-based). */
    public long line(int i) {
        return lines[at(i)];
    }

    /** "file, line L, column 'c'" for messages. */
    public String where(int c, int i) {
        return source + ", line " + line(i) + ", column '" + DataException.shown(names.get(column(c))) + "'";
    }

    /** This frame with row weights (m, NaN when missing) from column {@code name}. */
    Frame withWeights(String name, double[] values) {
        if (index != null) {
            throw new IllegalStateException("row weights are set on a frame as read, not on a view of its rows");
        }
        if (values.length != rows()) {
            throw new IllegalArgumentException(values.length + " weights for " + rows() + " rows");
        }
        return new Frame(source, names, indexOfName, kinds, numeric, text, targetName, target, name, values, lines,
                null, leftOut);
    }

    /** A new frame holding the given rows in the given order. */
    public Frame selectRows(int[] rows) {
        Objects.requireNonNull(rows, "rows");
        int[] at = columnRows(rows);
        int n = names.size();
        double[][] num = new double[n][];
        String[][] txt = new String[n][];
        for (int c = 0; c < n; c++) {
            if (numeric[c] != null) {
                num[c] = select(numeric[c], at);
            } else {
                txt[c] = new String[at.length];
                for (int r = 0; r < at.length; r++) {
                    txt[c][r] = text[c][at[r]];
                }
            }
        }
        long[] l = new long[at.length];
        for (int r = 0; r < at.length; r++) {
            l[r] = lines[at[r]];
        }
        return new Frame(source, names, indexOfName, kinds, num, txt, targetName, select(target, at), weightName,
                select(weights, at), l, null, leftOut);
    }

    /**
     * The given rows in the given order, as {@link #selectRows} gives them, but sharing this frame's columns
     * instead of copying them: 4 bytes a row rather than 8 a number. The view keeps all of this frame's
     * memory alive, so it suits parts of a frame that is held anyway (the train/validation/test parts of
     * the frame being trained on), not a few rows kept after a large frame is done with.
     */
    public Frame viewRows(int[] rows) {
        Objects.requireNonNull(rows, "rows");
        return new Frame(source, names, indexOfName, kinds, numeric, text, targetName, target, weightName, weights,
                lines, columnRows(rows), leftOut);
    }

    /**
     * This frame without the feature columns named in {@code left} (names it lacks are passed over), sharing
     * the remaining columns, rows, target and weights: the frame to fit features on when a column is read only
     * to group rows by ({@code --sensitive} or {@code --stratify} of a column left out of the features).
     */
    public Frame withoutColumns(Collection<String> left) {
        Objects.requireNonNull(left, "left");
        List<String> keptNames = new ArrayList<>();
        List<ColumnKind> keptKinds = new ArrayList<>();
        List<double[]> keptNumeric = new ArrayList<>();
        List<String[]> keptText = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (!left.contains(names.get(c))) {
                keptNames.add(names.get(c));
                keptKinds.add(kinds.get(c));
                keptNumeric.add(numeric[c]);
                keptText.add(text[c]);
            }
        }
        if (keptNames.size() == names.size()) {
            return this;
        }
        List<String> taken = new ArrayList<>(leftOut);
        names.stream().filter(c -> left.contains(c) && !taken.contains(c)).forEach(taken::add);
        return new Frame(source, keptNames, NameIndex.of(keptNames), keptKinds, keptNumeric.toArray(new double[0][]),
                keptText.toArray(new String[0][]), targetName, target, weightName, weights, lines, index, taken);
    }

    /** The rows of the column arrays behind rows {@code rows} of this frame (a new array), each checked. */
    private int[] columnRows(int[] rows) {
        int[] out = new int[rows.length];
        int m = rows();
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] < 0 || rows[r] >= m) {
                throw new IndexOutOfBoundsException("row " + rows[r] + " of a frame of " + m + " rows");
            }
            out[r] = at(rows[r]);
        }
        return out;
    }

    /** values[rows[r]] for every r, or null for null. */
    private static double[] select(double[] values, int[] rows) {
        if (values == null) {
            return null;
        }
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = values[rows[r]];
        }
        return out;
    }
}
