package dev.ridgeline.data;

import java.util.Arrays;

/**
 * The numbers of chosen columns of a CSV file, each field parsed once, row by row and a chunk of records at
 * a time ({@link #append}), with what {@link FrameReader} needs to decide and check each column's kind: does
 * it hold any number, where is its first text value, where its first non-finite number. Only the numbers
 * and the places of those first values are kept, not the chunks' text, so a file can be parsed a chunk at a
 * time.
 *
 * <p>Shapes: values(c) has one double per data row (NaN for a missing or unusable field) for every parsed
 * column c. Rows must all have the header's width.
 */
final class NumberColumns {
    /** A field worth naming in an error: the file line it is on and its text as read. */
    record Place(long line, String field) {
    }

    private final String source;
    private final java.util.List<String> header;
    private final boolean[] parse;
    private final double[][] values;
    private final boolean[] anyNumber;
    private final Place[] firstText;
    private final Place[] firstNonFinite;
    private final Place[] firstNegative;
    private int rows;

    private NumberColumns(CsvTable header, boolean[] parse) {
        this.source = header.source();
        this.header = header.header();
        this.parse = parse.clone();
        int width = parse.length;
        this.values = new double[width][];
        this.anyNumber = new boolean[width];
        this.firstText = new Place[width];
        this.firstNonFinite = new Place[width];
        this.firstNegative = new Place[width];
        for (int c = 0; c < width; c++) {
            if (parse[c]) {
                values[c] = new double[0];
            }
        }
    }

    /** None parsed yet, for the columns c with parse[c] true of {@code header}'s file (its rows are not read). */
    static NumberColumns start(CsvTable header, boolean[] parse) {
        return new NumberColumns(header, parse);
    }

    /** Parses the columns c with parse[c] true of the whole table. */
    static NumberColumns parse(CsvTable table, boolean[] parse) {
        NumberColumns out = start(table, parse);
        out.append(table);
        return out;
    }

    /** Parses the next rows of the file: a chunk whose records follow those appended before. */
    void append(CsvTable chunk) {
        int m = chunk.rows();
        for (int c = 0; c < parse.length; c++) {
            if (parse[c]) {
                values[c] = grow(values[c], rows + m);
            }
        }
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < parse.length; c++) {
                if (parse[c]) {
                    values[c][rows + r] = parseField(chunk, r, c);
                }
            }
        }
        rows += m;
    }

    /** An array of at least {@code size} elements holding {@code a}'s: exact for one table, by half again in chunks. */
    private static double[] grow(double[] a, int size) {
        if (a.length >= size) {
            return a;
        }
        return Arrays.copyOf(a, a.length == 0 ? size : Math.max(size, a.length + (a.length >> 1)));
    }

    /** The value of field (r, c), recording what it was; NaN for missing, text and non-finite fields. */
    private double parseField(CsvTable chunk, int r, int c) {
        String field = chunk.field(r, c);
        if (FrameReader.isMissingToken(field)) {
            return Double.NaN;
        }
        double v = number(field.trim());
        if (Double.isNaN(v) && !looksLikeNaN(field)) {
            if (firstText[c] == null) {
                firstText[c] = new Place(chunk.line(r), field);
            }
            return Double.NaN;
        }
        anyNumber[c] = true;
        if (!Double.isFinite(v) || !Float.isFinite((float) v)) {
            if (firstNonFinite[c] == null) {
                firstNonFinite[c] = new Place(chunk.line(r), field);
            }
            return Double.NaN;
        }
        if (v < 0 && firstNegative[c] == null) {
            firstNegative[c] = new Place(chunk.line(r), field);
        }
        return v;
    }

    /** True while every present value of column c is text (so far): it may still be categorical. */
    boolean noNumberYet(int c) {
        return !anyNumber[c];
    }

    /**
     * The feature column's kind: categorical when no present value is a number, numeric when all are
     * finite numbers; a column that mixes numbers and text, or holds a number that is not a finite float32,
     * is an error naming the first such value.
     */
    ColumnKind inferKind(int c) {
        if (firstText[c] != null && !anyNumber[c]) {
            return ColumnKind.CATEGORICAL;
        }
        if (firstText[c] != null) {
            throw error(firstText[c], c, "is not a number");
        }
        checkFinite(c);
        return ColumnKind.NUMERIC;
    }

    /** The column's values, which must all be numbers (missing ones NaN); else the first bad one, named. */
    double[] values(int c) {
        if (firstText[c] != null && (firstNonFinite[c] == null || firstText[c].line() < firstNonFinite[c].line())) {
            throw error(firstText[c], c, "is not a number");
        }
        checkFinite(c);
        if (values[c].length != rows) {
            values[c] = Arrays.copyOf(values[c], rows);
        }
        return values[c];
    }

    /** Where column c's first negative number is, or null when it has none. */
    Place firstNegative(int c) {
        return firstNegative[c];
    }

    /** Drops the numbers of column c (a column read as text needs none), freeing their memory. */
    void forget(int c) {
        values[c] = new double[0];
        parse[c] = false;
    }

    private void checkFinite(int c) {
        if (firstNonFinite[c] != null) {
            throw error(firstNonFinite[c], c, "is not a finite float32 number");
        }
    }

    private DataException error(Place at, int c, String problem) {
        return new DataException(String.format("%s, line %d, column '%s': value '%s' %s", source, at.line(),
                header.get(c), at.field(), problem));
    }

    /**
     * The number a trimmed field spells in Java's decimal or hexadecimal syntax, NaN when it spells none.
     * A trailing type letter (1f, 2d), which Java accepts, is text here. Fields that cannot start a number
     * are refused before parsing, so a text column costs no exception per row.
     */
    private static double number(String t) {
        char first = t.charAt(0);
        boolean canStart = (first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.'
                || first == 'N' || first == 'I';
        char last = t.charAt(t.length() - 1);
        if (!canStart || last == 'f' || last == 'F' || last == 'd' || last == 'D') {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** True for the spellings of NaN that Java parses (a number, but not a finite one). */
    private static boolean looksLikeNaN(String field) {
        String t = field.trim();
        return t.equals("NaN") || t.equals("+NaN") || t.equals("-NaN");
    }
}
