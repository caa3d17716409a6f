package dev.ridgeline.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The numbers of chosen columns of a CSV file, each field parsed once, a chunk of records at a time
 * ({@link ChunkNumbers}, added here in file order by {@link #add}), with what {@link FrameReader} needs to
 * decide and check each column's kind: does
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
    private final boolean[] anyFinite;
    private final Place[] firstNumber;
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
        this.anyFinite = new boolean[width];
        this.firstNumber = new Place[width];
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

    /**
     * Adds the numbers of the next chunk of the file (parsed with this reader's columns), after those added
     * before: its values go into the columns' blocks, and its first text, non-finite and negative values count
     * where no earlier chunk had one.
     */
    void add(ChunkNumbers chunk) {
        int m = chunk.rows;
        for (int c = 0; c < parse.length; c++) {
            if (!parse[c]) {
                continue;
            }
            if (joined[c] != null) {
                throw new IllegalStateException("column " + c + " was taken before the last chunk");
            }
            List<double[]> column = blocks.get(c);
            for (int done = 0; done < m; ) {
                int at = (rows + done) % BLOCK_ROWS;
                double[] block;
                if (at == 0) {
                    // A table of fewer rows than a block (a short file, a test) gets a block of its size.
                    block = new double[rows + done == 0 ? Math.min(m, BLOCK_ROWS) : BLOCK_ROWS];
                    column.add(block);
                } else {
                    block = column.get(column.size() - 1);
                    int need = Math.min(BLOCK_ROWS, at + m - done);
                    if (block.length < need) {
                        // The first block was sized to a short first chunk and more rows follow: it doubles
                        // (up to a block), so it holds at most twice the rows read. Grown straight to a
                        // block, a file of 5,000 columns in chunks of 90 records (4 Mi characters) held
                        // 256 KiB per column, 1.3 GB for 200 rows.
                        block = Arrays.copyOf(block, Math.min(BLOCK_ROWS, Math.max(need, 2 * block.length)));
                        column.set(column.size() - 1, block);
                    }
                }
                int count = Math.min(m - done, BLOCK_ROWS - at);
                System.arraycopy(chunk.values[c], done, block, at, count);
                done += count;
            }
            anyNumber[c] |= chunk.anyNumber[c];
            anyFinite[c] |= chunk.anyFinite[c];
            firstNumber[c] = firstNumber[c] != null ? firstNumber[c] : chunk.firstNumber[c];
            firstText[c] = firstText[c] != null ? firstText[c] : chunk.firstText[c];
            firstNonFinite[c] = firstNonFinite[c] != null ? firstNonFinite[c] : chunk.firstNonFinite[c];
            firstNegative[c] = firstNegative[c] != null ? firstNegative[c] : chunk.firstNegative[c];
        }
        rows += m;
    }

    /** The doubles column c's blocks hold, used or not (tests: what reading costs in memory). */
    long heldValues(int c) {
        return blocks.get(c).stream().mapToLong(b -> b.length).sum();
    }

    /** The first value of column c that is not a number, or null. */
    Place firstText(int c) {
        return firstText[c];
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
            throw mixed(c);
        }
        checkFinite(c);
        return ColumnKind.NUMERIC;
    }

    /** The column's values, which must all be numbers (missing ones NaN); else the first bad one, named. */
    double[] values(int c) {
        if (firstText[c] != null && (firstNonFinite[c] == null || firstText[c].line() < firstNonFinite[c].line())) {
            Place text = firstText[c];
            throw error(text, c, "is not a number" + (ValueHints.looksMissing(text.field())
                    ? " (only an empty field or NA is missing)" : commaHint(text)));
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
            Place at = firstNonFinite[c];
            boolean nan = ValueHints.looksMissing(at.field()) || NumberSyntax.spellsNaN(at.field());
            throw error(at, c, "is not a finite float32 number" + (nan ? " (a missing value is an empty field or NA)" : ""));
        }
    }

    /**
     * A name to type after an option: as it is (an invisible character in it, written out as \\uXXXX, would
     * name another column, and a backslash, written doubled there, is typed single), cut as {@link
     * DataException#shown} cuts a long one.
     */
    private static String suggested(String name) {
        return name.length() > DataException.SHOWN_CHARACTERS ? DataException.shown(name) : name;
    }

    /** Numbers and text in one column: both first places, since either may be the odd one out. */
    private DataException mixed(int c) {
        Place number = firstNumber[c];
        Place text = firstText[c];
        if (repeatsHeader(text.field(), header.get(c))) {
            // Two files joined (cat a.csv b.csv): the second header reads as a row of text, and declaring the
            // column categorical, the usual advice, would make the header a category.
            return new DataException(String.format(java.util.Locale.ROOT, "%s, line %d, column '%s': the line repeats"
                    + " the header (the text '%s'; two files joined, each with its header?), so the column mixes numbers"
                    + " (line %d: '%s') and text: remove the repeated header line", source, text.line(),
                    DataException.shown(header.get(c)), DataException.shown(text.field()), number.line(),
                    DataException.shown(number.field())));
        }
        if (ValueHints.looksMissing(text.field())) {
            // Declaring the column categorical, the usual advice, would one-hot encode a numeric feature.
            return new DataException(String.format(java.util.Locale.ROOT, "%s, line %d, column '%s': '%s' reads"
                    + " like a missing value but is not one (only an empty field or NA is missing), so the column"
                    + " mixes numbers (line %d: '%s') and text: write its missing values as NA or leave them empty",
                    source, text.line(), DataException.shown(header.get(c)), DataException.shown(text.field()), number.line(),
                    DataException.shown(number.field())));
        }
        if (!anyFinite[c] && NumberSyntax.spellsNaN(number.field())) {
            // NaN parses as a number, but in a column of text (no finite number in it) it is most often a missing
            // value written as another tool writes it; declaring the column categorical makes it a category, which
            // is what a name or a place spelled so (Nan, a province of Thailand) is: such a column had been read as
            // categories, with a warning, and the advice to rewrite the value as NA would have erased it.
            return new DataException(String.format(java.util.Locale.ROOT, "%s, line %d, column '%s': '%s' reads"
                    + " like a missing value but is not one (only an empty field or NA is missing), so the column"
                    + " mixes it with text (line %d: '%s'): write its missing values as NA or leave them empty, or,"
                    + " where '%s' is a category (a name or a place), declare the column --categorical %s",
                    source, number.line(), DataException.shown(header.get(c)), DataException.shown(number.field()),
                    text.line(), DataException.shown(text.field()), DataException.shown(number.field().strip()),
                    ColumnNames.asListValue(suggested(header.get(c)))));
        }
        if (ValueHints.numberAsText(text.field())) {
            return new DataException(String.format(java.util.Locale.ROOT, "%s, column '%s' mixes numbers and text:"
                    + " line %d holds the number '%s', line %d the text '%s'%s", source, DataException.shown(header.get(c)),
                    number.line(),
                    DataException.shown(number.field()), text.line(), DataException.shown(text.field()),
                    commaHint(text)));
        }
        return new DataException(String.format(java.util.Locale.ROOT, "%s, column '%s' mixes numbers and text:"
                + " line %d holds the number '%s', line %d the text '%s'; correct the odd values, or declare the"
                + " column --categorical %s if every value is a category", source, DataException.shown(header.get(c)),
                number.line(), DataException.shown(number.field()), text.line(), DataException.shown(text.field()),
                ColumnNames.asListValue(suggested(header.get(c)))));
    }

    /** Whether a field is its column's name, as a repeated header line holds it (a byte order mark before it too). */
    static boolean repeatsHeader(String field, String name) {
        String f = field.startsWith("\uFEFF") ? field.substring(1) : field;
        return f.strip().equals(name.strip());
    }

    /** For a number written with commas or a currency or percent sign, what to do about it; else "". */
    private static String commaHint(Place text) {
        return ValueHints.commaNumber(text.field()) ? " (" + ValueHints.COMMA_ADVICE + ")"
                : ValueHints.decoratedNumber(text.field()) ? " (" + ValueHints.DECORATION_ADVICE + ")" : "";
    }

    private DataException error(Place at, int c, String problem) {
        return new DataException(String.format(java.util.Locale.ROOT, "%s, line %d, column '%s': value '%s' %s", source, at.line(),
                DataException.shown(header.get(c)), DataException.shown(at.field()), problem));
    }
}
