package dev.ridgeline.data;

import dev.ridgeline.data.NumberColumns.Place;

/**
 * The numbers of one chunk of a CSV file, parsed on their own (so that several chunks can be parsed at once)
 * for {@link NumberColumns#add}, which joins them in file order: per parsed column, one double per record
 * (NaN for a missing, text or non-finite field), whether any field was a number, and where the chunk's first
 * number, first text, first non-finite and first negative value are.
 *
 * <p>Shapes: values[c] has chunk.rows() doubles for every column c with parse[c] true, else it is null.
 */
final class ChunkNumbers {
    final int rows;
    final double[][] values;
    final boolean[] anyNumber;
    /** Whether the column holds a finite float32 number (not only NaN, Infinity or values beyond float32). */
    final boolean[] anyFinite;
    final Place[] firstNumber;
    final Place[] firstText;
    final Place[] firstNonFinite;
    final Place[] firstNegative;

    private ChunkNumbers(int rows, int width) {
        this.rows = rows;
        this.values = new double[width][];
        this.anyNumber = new boolean[width];
        this.anyFinite = new boolean[width];
        this.firstNumber = new Place[width];
        this.firstText = new Place[width];
        this.firstNonFinite = new Place[width];
        this.firstNegative = new Place[width];
    }

    /** Parses the columns c with parse[c] true of the chunk, a record at a time. */
    static ChunkNumbers parse(CsvTable chunk, boolean[] parse) {
        int m = chunk.rows();
        ChunkNumbers out = new ChunkNumbers(m, parse.length);
        for (int c = 0; c < parse.length; c++) {
            if (parse[c]) {
                out.values[c] = new double[m];
            }
        }
        for (int r = 0; r < m; r++) {
            if (chunk.fieldCount(r) != parse.length) {
                continue; // a ragged record, which FrameReader refuses with its line before using this chunk
            }
            for (int c = 0; c < parse.length; c++) {
                if (parse[c]) {
                    out.values[c][r] = out.field(chunk, r, c);
                }
            }
        }
        return out;
    }

    /** The value of field (r, c), recording what it was; NaN for missing, text and non-finite fields. */
    private double field(CsvTable chunk, int r, int c) {
        String text = chunk.text(r);
        int from = chunk.fieldStart(r, c);
        int to = chunk.fieldEnd(r, c);
        if (NumberSyntax.isMissing(text, from, to)) {
            return Double.NaN;
        }
        double v = NumberSyntax.parse(text, from, to);
        if (Double.isNaN(v) && !Double.isNaN(NumberSyntax.otherInfinity(text.substring(from, to)))) {
            // Other tools' infinities (inf, -inf, infinity as R and numpy write them) are refused as Java's
            // Infinity is in a column of numbers, but they are no number that makes a column numeric: a text
            // column with the category 'Inf' (an age group) stays categorical.
            if (firstNonFinite[c] == null) {
                firstNonFinite[c] = new Place(chunk.line(r), text.substring(from, to));
            }
            return Double.NaN;
        }
        if (Double.isNaN(v) && !NumberSyntax.spellsNaN(text.substring(from, to))) {
            if (firstText[c] == null) {
                firstText[c] = new Place(chunk.line(r), text.substring(from, to));
            }
            return Double.NaN;
        }
        if (!anyNumber[c]) {
            anyNumber[c] = true;
            firstNumber[c] = new Place(chunk.line(r), text.substring(from, to));
        }
        if (!Double.isFinite(v) || !Float.isFinite((float) v)) {
            if (firstNonFinite[c] == null) {
                firstNonFinite[c] = new Place(chunk.line(r), text.substring(from, to));
            }
            return Double.NaN;
        }
        anyFinite[c] = true;
        if (v < 0 && firstNegative[c] == null) {
            firstNegative[c] = new Place(chunk.line(r), text.substring(from, to));
        }
        return v;
    }
}
