package dev.ridgeline.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The numbers of chosen columns of a CSV file, each field parsed once, row by row and a chunk of records at
 * a time ({@link #append}), with what {@link FrameReader} needs to decide and check each column's kind: does
 * it hold any number, where is its first text value, where its first non-finite number. Only the numbers
 * and the places of those first values are kept, not the chunks' text, so a file can be parsed a chunk at a
 * time.
 *
 * <p>Shapes: values(c) has one double per data row (NaN for a missing or unusable field) for every parsed
 * column c. Rows must all have the header's width.
 *
 * <p>Memory: each column's numbers are kept in blocks of {@link #BLOCK_ROWS} rows and joined into one array
 * only when {@link #values} asks for it, which frees that column's blocks: at most one column is held
 * twice. Growing one array per column by half again held up to 1.5 times the numbers (and one column
 * twice while it was copied): for a million rows, reading needed more heap than training.
 */
final class NumberColumns {
    /** A field worth naming in an error: the file line it is on and its text as read. */
    record Place(long line, String field) {
    }

    /**
     * Rows per block: 256 KiB of doubles, under half of G1's smallest region (1 MiB), so that a block is an
     * ordinary object. A block of half a region or more is "humongous" and takes whole regions: blocks of
     * 65,536 rows (512 KiB and a header) took twice their size.
     */
    static final int BLOCK_ROWS = 1 << 15;

    private final String source;
    private final java.util.List<String> header;
    private final boolean[] parse;
    /** Per parsed column, its numbers a block at a time, until {@link #values} joins them into {@link #joined}. */
    private final List<List<double[]>> blocks;
    /** Per column, all its numbers in one array once {@link #values} has asked for them; else null. */
    private final double[][] joined;
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
        this.blocks = new ArrayList<>(width);
        this.joined = new double[width][];
        this.anyNumber = new boolean[width];
        this.firstText = new Place[width];
        this.firstNonFinite = new Place[width];
        this.firstNegative = new Place[width];
        for (int c = 0; c < width; c++) {
            blocks.add(parse[c] ? new ArrayList<>() : null);
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
        double[][] block = new double[parse.length][];
        for (int c = 0; c < parse.length; c++) {
            if (parse[c]) {
                if (joined[c] != null) {
                    throw new IllegalStateException("column " + c + " was taken before the last chunk");
                }
                List<double[]> column = blocks.get(c);
                if (!column.isEmpty()) {
                    block[c] = column.get(column.size() - 1);
                    if (block[c].length < BLOCK_ROWS && rows + m > block[c].length) {
                        // The first block was sized to a short first table; more rows follow.
                        block[c] = Arrays.copyOf(block[c], BLOCK_ROWS);
                        column.set(column.size() - 1, block[c]);
                    }
                }
            }
        }
        for (int r = 0; r < m; r++) {
            int at = (rows + r) % BLOCK_ROWS;
            for (int c = 0; c < parse.length; c++) {
                if (parse[c]) {
                    if (at == 0) {
                        // A table of fewer rows than a block (a short file, a test) gets a block of its size.
                        block[c] = new double[rows + r == 0 ? Math.min(m, BLOCK_ROWS) : BLOCK_ROWS];
                        blocks.get(c).add(block[c]);
                    }
                    block[c][at] = parseField(chunk, r, c);
                }
            }
        }
        rows += m;
    }

    /** The value of field (r, c), recording what it was; NaN for missing, text and non-finite fields. */
    private double parseField(CsvTable chunk, int r, int c) {
        String text = chunk.text(r);
        int from = chunk.fieldStart(r, c);
        int to = chunk.fieldEnd(r, c);
        if (NumberSyntax.isMissing(text, from, to)) {
            return Double.NaN;
        }
        double v = NumberSyntax.parse(text, from, to);
        if (Double.isNaN(v) && !NumberSyntax.spellsNaN(text.substring(from, to))) {
            if (firstText[c] == null) {
                firstText[c] = new Place(chunk.line(r), text.substring(from, to));
            }
            return Double.NaN;
        }
        anyNumber[c] = true;
        if (!Double.isFinite(v) || !Float.isFinite((float) v)) {
            if (firstNonFinite[c] == null) {
                firstNonFinite[c] = new Place(chunk.line(r), text.substring(from, to));
            }
            return Double.NaN;
        }
        if (v < 0 && firstNegative[c] == null) {
            firstNegative[c] = new Place(chunk.line(r), text.substring(from, to));
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
        if (joined[c] == null) {
            if (blocks.get(c) == null) {
                throw new IllegalStateException("column " + c + " is not parsed, or was forgotten");
            }
            joined[c] = join(blocks.get(c), rows);
            blocks.set(c, null);
        }
        return joined[c];
    }

    /** The first {@code rows} numbers of the blocks, in one array (a single block of that size as it is). */
    private static double[] join(List<double[]> parts, int rows) {
        if (parts.size() == 1 && parts.get(0).length == rows) {
            return parts.get(0);
        }
        double[] out = new double[rows];
        for (int b = 0; b < parts.size(); b++) {
            int from = b * BLOCK_ROWS;
            System.arraycopy(parts.get(b), 0, out, from, Math.min(BLOCK_ROWS, rows - from));
        }
        return out;
    }

    /** Where column c's first negative number is, or null when it has none. */
    Place firstNegative(int c) {
        return firstNegative[c];
    }

    /** Drops the numbers of column c (a column read as text needs none), freeing their memory. */
    void forget(int c) {
        blocks.set(c, null);
        joined[c] = null;
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
}
