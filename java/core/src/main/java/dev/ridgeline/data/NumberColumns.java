package dev.ridgeline.data;

/**
 * The numbers of chosen columns of a {@link CsvTable}, each field parsed once, row by row (the order the
 * table stores them in), with what {@link FrameReader} needs to decide and check each column's kind: does
 * it hold any number, where is its first text value, where its first non-finite number.
 *
 * <p>Shapes: values[c] has one double per data row (NaN for a missing or unusable field) for every parsed
 * column c, null for the others. Rows must all have the header's width.
 */
final class NumberColumns {
    private final CsvTable table;
    private final double[][] values;
    private final boolean[] anyNumber;
    private final int[] firstText;
    private final int[] firstNonFinite;

    private NumberColumns(CsvTable table, int width) {
        this.table = table;
        this.values = new double[width][];
        this.anyNumber = new boolean[width];
        this.firstText = new int[width];
        this.firstNonFinite = new int[width];
    }

    /** Parses the columns c with parse[c] true. */
    static NumberColumns parse(CsvTable table, boolean[] parse) {
        int width = parse.length;
        int m = table.rows();
        NumberColumns out = new NumberColumns(table, width);
        for (int c = 0; c < width; c++) {
            out.firstText[c] = -1;
            out.firstNonFinite[c] = -1;
            if (parse[c]) {
                out.values[c] = new double[m];
            }
        }
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < width; c++) {
                if (parse[c]) {
                    out.values[c][r] = out.parseField(r, c);
                }
            }
        }
        return out;
    }

    /** The value of field (r, c), recording what it was; NaN for missing, text and non-finite fields. */
    private double parseField(int r, int c) {
        String field = table.field(r, c);
        if (FrameReader.isMissingToken(field)) {
            return Double.NaN;
        }
        double v = number(field.trim());
        if (Double.isNaN(v) && !looksLikeNaN(field)) {
            if (firstText[c] < 0) {
                firstText[c] = r;
            }
            return Double.NaN;
        }
        anyNumber[c] = true;
        if (!Double.isFinite(v) || !Float.isFinite((float) v)) {
            if (firstNonFinite[c] < 0) {
                firstNonFinite[c] = r;
            }
            return Double.NaN;
        }
        return v;
    }

    /**
     * The feature column's kind: categorical when no present value is a number, numeric when all are
     * finite numbers; a column that mixes numbers and text, or holds a number that is not a finite float32,
     * is an error naming the first such value.
     */
    ColumnKind inferKind(int c) {
        if (firstText[c] >= 0 && !anyNumber[c]) {
            return ColumnKind.CATEGORICAL;
        }
        if (firstText[c] >= 0) {
            throw error(firstText[c], c, "is not a number");
        }
        checkFinite(c);
        return ColumnKind.NUMERIC;
    }

    /** The column's values, which must all be numbers (missing ones NaN); else the first bad one, named. */
    double[] values(int c) {
        if (firstText[c] >= 0 && (firstNonFinite[c] < 0 || firstText[c] < firstNonFinite[c])) {
            throw error(firstText[c], c, "is not a number");
        }
        checkFinite(c);
        return values[c];
    }

    private void checkFinite(int c) {
        if (firstNonFinite[c] >= 0) {
            throw error(firstNonFinite[c], c, "is not a finite float32 number");
        }
    }

    private DataException error(int r, int c, String problem) {
        return new DataException(String.format("%s, line %d, column '%s': value '%s' %s", table.source(),
                table.line(r), table.header().get(c), table.field(r, c), problem));
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
