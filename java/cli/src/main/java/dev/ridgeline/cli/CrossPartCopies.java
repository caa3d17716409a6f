package dev.ridgeline.cli;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.Frame;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Scored rows that are exact copies of rows the scoring model trained on: every input the model reads and the
 * target alike, one row on each side of the split (train's validation or test part against its training rows,
 * tune's folds against each other and its test rows against the tuning rows). A random split of a file that holds
 * each record several times (oversampling, a join that repeated rows, records entered twice) puts most copies on
 * both sides, and the held-out figures then score the fit on rows it saw. On 120 records of 60 features written 4
 * times each, tune's CV MSE was 7.5 and its test MSE 6.9 (R2 0.63), where 5,000 fresh rows gave 19.5 (R2 -0.49),
 * and the lambda chosen (10) was 100 times smaller than the one the 120 records choose alone (1,000, fresh MSE
 * 12.3). Rows of weight 0 train and count for nothing, so they are neither copies nor copied.
 */
final class CrossPartCopies {
    /** Below this share of a part's scored rows, copies move its figures too little to warn of. */
    static final double SHARE = 0.01;

    private CrossPartCopies() {
    }

    /**
     * The copies in one part.
     *
     * @param scored the part's rows of weight above 0
     * @param copies how many of them have an exact copy among the rows that trained their model
     * @param line the file line of the first such row (-1 when none)
     * @param copyOf the file line of a trained row it copies (-1 when none)
     */
    record Count(int scored, int copies, long line, long copyOf) {
        /**
         * Whether the copies move the part's figures: at least {@link #SHARE} of its rows, and more than twice the
         * {@code chance} share of them (see {@link #chanceShare}) that columns of few values give without any
         * repeated record.
         */
        boolean worthWarning(double chance) {
            return copies > 0 && copies >= SHARE * scored && copies > 2 * chance * scored;
        }

        String describe(String rows) {
            return String.format(Locale.ROOT, "%d of the %d %s (first: line %d, a copy of line %d)", copies, scored,
                    rows, line, copyOf);
        }
    }

    /**
     * Copies in each part of {@code features} (the model's input columns, with target and weights): {@code part[i]}
     * is row i's part, and a row of part p is counted when a row of another part that trains p's model holds the
     * same values ({@code trainsFor[q][p]}: rows of part q train the model that scores part p).
     *
     * <p>Each row of weight above 0 becomes one long, its values' hash in the high bits and its index in the low
     * ones; sorted, rows of equal hash lie together in file order, and their values are compared, not trusted to
     * the hash. Eight bytes a row and no map: a file of each record twice had needed a boxed entry per record.
     *
     * @return per part, its count
     */
    static Count[] count(Frame features, int[] part, boolean[][] trainsFor) {
        int parts = trainsFor.length;
        long indexMask = indexMask(features.rows());
        long[] keyed = keyedRows(features, indexMask);
        Arrays.sort(keyed);
        int[] scored = new int[parts];
        for (long k : keyed) {
            scored[part[(int) (k & indexMask)]]++;
        }
        Copies found = new Copies(parts);
        int[] rows = new int[0];
        int[] others = new int[0];
        for (int from = 0; from < keyed.length; ) {
            int to = from + 1;
            while (to < keyed.length && (keyed[to] & ~indexMask) == (keyed[from] & ~indexMask)) {
                to++;
            }
            if (to - from > 1) {
                if (rows.length < to - from) {
                    rows = new int[to - from];
                    others = new int[to - from];
                }
                int left = 0;
                for (int r = from; r < to; r++) {
                    rows[left++] = (int) (keyed[r] & indexMask);
                }
                // One record a round: the rows with the first row's values; those of equal hash and other
                // values (rare) go round again.
                while (left > 1) {
                    int kept = 0;
                    int members = 0;
                    for (int r = 0; r < left; r++) {
                        if (r == 0 || same(features, rows[0], rows[r])) {
                            rows[members++] = rows[r];
                        } else {
                            others[kept++] = rows[r];
                        }
                    }
                    found.addRecord(rows, members, part, trainsFor);
                    int[] swap = rows;
                    rows = others;
                    others = swap;
                    left = kept;
                }
            }
            from = to;
        }
        Count[] out = new Count[parts];
        for (int p = 0; p < parts; p++) {
            out[p] = new Count(scored[p], found.copies[p], found.row[p] < 0 ? -1 : features.line(found.row[p]),
                    found.copyOf[p] < 0 ? -1 : features.line(found.copyOf[p]));
        }
        return out;
    }

    /** Per part: its rows with a copy among its model's training rows, and the first of them in file order. */
    private static final class Copies {
        final int[] copies;
        final int[] row;
        final int[] copyOf;
        private final int[] first;

        Copies(int parts) {
            copies = new int[parts];
            row = new int[parts];
            copyOf = new int[parts];
            first = new int[parts];
            Arrays.fill(row, -1);
            Arrays.fill(copyOf, -1);
        }

        /**
         * Counts the rows of one record, {@code rows[0 .. members)} in file order: a row of part p is a copy when a
         * row of a part q that trains p's model holds the record too (the first such q, its first row).
         */
        void addRecord(int[] rows, int members, int[] part, boolean[][] trainsFor) {
            Arrays.fill(first, -1);
            for (int r = members - 1; r >= 0; r--) {
                first[part[rows[r]]] = rows[r];
            }
            for (int r = 0; r < members; r++) {
                int i = rows[r];
                int p = part[i];
                for (int q = 0; q < first.length; q++) {
                    if (q != p && trainsFor[q][p] && first[q] >= 0) {
                        copies[p]++;
                        if (row[p] < 0 || i < row[p]) {
                            row[p] = i;
                            copyOf[p] = first[q];
                        }
                        break;
                    }
                }
            }
        }
    }

    /** The low bits that hold a row index below m; the hash keeps the rest (40 bits or more below 2^24 rows). */
    private static long indexMask(int m) {
        int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, m - 1)));
        return (1L << bits) - 1;
    }

    /**
     * The remedy every warning ends with, and the case that needs none: a population of few distinct records draws
     * the same one on both sides of a fair split.
     */
    static final String REMEDY = "if the copies repeat one record (oversampling, a repeated join, a record entered"
            + " twice), remove them before the split, or give --group COL so that each unit's rows lie on one side"
            + " (where every column takes few values, such as categories and small counts, rows coincide by chance and"
            + " the figures are fair)";

    /**
     * The share of scored rows expected to find a copy among {@code trained} rows by chance alone, were the columns
     * (inputs and target) drawn independently, each by its values' frequencies in the rows of weight above 0:
     * 1 - (1 - P)^trained, with P = prod_c sum_v p_c(v)^2 the chance that two rows agree. Columns of few values
     * (categories, small counts) coincide without any repeated record: 1,000 rows of three columns of 3 values and a
     * target of 5, drawn independently, had every validation row a copy of a training row, and so would fresh rows
     * be, so their figures are fair; columns of many values, as measurements are, put P near 0.
     */
    static double chanceShare(Frame f, long trained) {
        int m = f.rows();
        int kept = 0;
        for (int i = 0; i < m; i++) {
            kept += f.weight(i) > 0 ? 1 : 0;
        }
        double agree = 1;
        double[] values = new double[kept];
        // c = -1 is the target. Once fewer than 1e-9 chance copies a row are left, later columns (each a sort of
        // the rows) can only lower that: a file of 1,000,000 x 20 measurements each written twice stops after 3.
        for (int c = -1; c < f.columns() && agree * trained >= 1e-9; c++) {
            boolean numeric = c < 0 || f.kind(c) == ColumnKind.NUMERIC;
            Map<String, Integer> labels = numeric ? null : new HashMap<>();
            int k = 0;
            for (int i = 0; i < m; i++) {
                if (f.weight(i) > 0) {
                    if (numeric) {
                        double x = c < 0 ? f.target(i) : f.number(c, i);
                        values[k++] = x == 0 ? 0.0 : x;
                    } else {
                        // A HashMap takes the missing label, null, as a key of its own.
                        labels.merge(f.label(c, i), 1, Integer::sum);
                    }
                }
            }
            double sum = 0;
            if (numeric) {
                // Sorted, equal values (NaN with NaN) lie together.
                Arrays.sort(values);
                for (int from = 0; from < kept; ) {
                    int to = from + 1;
                    while (to < kept && Double.compare(values[to], values[from]) == 0) {
                        to++;
                    }
                    sum += Math.pow((double) (to - from) / kept, 2);
                    from = to;
                }
            } else {
                for (int n : labels.values()) {
                    sum += Math.pow((double) n / kept, 2);
                }
            }
            agree *= sum;
        }
        return -Math.expm1(trained * Math.log1p(-Math.min(agree, 1)));
    }

    /**
     * Per row of weight above 0, a 64-bit hash of its inputs and target (-0.0 and 0.0, the same value, hash alike)
     * with its low bits ({@code indexMask}) replaced by the row's index. Column by column, as the frame holds its
     * values (row by row, 200,000 x 200 numbers took 0.6 s).
     */
    private static long[] keyedRows(Frame f, long indexMask) {
        int m = f.rows();
        long[] h = new long[m];
        Arrays.fill(h, 0x9E3779B97F4A7C15L);
        for (int c = 0; c < f.columns(); c++) {
            boolean numeric = f.kind(c) == ColumnKind.NUMERIC;
            for (int i = 0; i < m; i++) {
                long v;
                if (numeric) {
                    double x = f.number(c, i);
                    v = Double.isNaN(x) ? 0x7ff8000000000000L : Double.doubleToLongBits(x == 0 ? 0.0 : x);
                } else {
                    String s = f.label(c, i);
                    v = s == null ? 0x5bd1e9955bd1e995L : textHash(s);
                }
                h[i] = mix(h[i] ^ mix(v + c));
            }
        }
        int kept = 0;
        for (int i = 0; i < m; i++) {
            if (f.weight(i) > 0) {
                double y = f.target(i);
                h[kept++] = mix(h[i] ^ Double.doubleToLongBits(y == 0 ? 0.0 : y)) & ~indexMask | i;
            }
        }
        return kept == m ? h : Arrays.copyOf(h, kept);
    }

    /** Whether rows a and b hold the same inputs and target (the hash's equality checked, not trusted). */
    private static boolean same(Frame f, int a, int b) {
        for (int c = 0; c < f.columns(); c++) {
            if (f.kind(c) == ColumnKind.NUMERIC) {
                double x = f.number(c, a);
                double z = f.number(c, b);
                if (!(x == z || Double.isNaN(x) && Double.isNaN(z))) {
                    return false;
                }
            } else if (!Objects.equals(f.label(c, a), f.label(c, b))) {
                return false;
            }
        }
        return f.target(a) == f.target(b);
    }

    private static long textHash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * train: the validation and test rows against the training rows, one warning for both parts, or empty when
     * neither holds copies enough to move its figures.
     */
    static Optional<String> ofSplit(Frame features, int[] train, int[] validation, int[] test) {
        int[] part = new int[features.rows()];
        for (int i : validation) {
            part[i] = 1;
        }
        for (int i : test) {
            part[i] = 2;
        }
        boolean[][] trainsFor = {{false, true, true}, {false, false, false}, {false, false, false}};
        Count[] counts = count(features, part, trainsFor);
        if (!counts[1].worthWarning(0) && !counts[2].worthWarning(0)) {
            return Optional.empty();
        }
        double chance = chanceShare(features, counts[0].scored());
        StringBuilder s = new StringBuilder();
        if (counts[1].worthWarning(chance)) {
            s.append(counts[1].describe("validation rows"));
        }
        if (counts[2].worthWarning(chance)) {
            s.append(s.isEmpty() ? "" : " and ").append(counts[2].describe("test rows"));
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(s + " are exact copies of training rows (every input and the target), so the model is"
                + " scored on rows it was fitted on and those figures are optimistic; " + REMEDY);
    }

    /**
     * tune: each fold's rows against the other folds' (which train the fits that score them), and the test rows
     * against the tuning rows (which train the refit); empty when neither holds copies enough to matter.
     *
     * @param fold the fold of each tuning row
     * @param tuningAndTest the tuning rows followed by the test rows, as one frame
     */
    static Optional<String> ofFolds(Frame tuningAndTest, int[] fold, int folds) {
        int tuning = fold.length;
        int[] part = new int[tuningAndTest.rows()];
        // Parts 0..folds-1 are the folds, part folds the test rows.
        System.arraycopy(fold, 0, part, 0, tuning);
        Arrays.fill(part, tuning, part.length, folds);
        boolean[][] trainsFor = new boolean[folds + 1][folds + 1];
        for (int q = 0; q < folds; q++) {
            for (int p = 0; p <= folds; p++) {
                trainsFor[q][p] = q != p;
            }
        }
        Count[] counts = count(tuningAndTest, part, trainsFor);
        int scored = 0;
        int copies = 0;
        long line = -1;
        long copyOf = -1;
        for (int f = 0; f < folds; f++) {
            scored += counts[f].scored();
            copies += counts[f].copies();
            if (line < 0 && counts[f].copies() > 0) {
                line = counts[f].line();
                copyOf = counts[f].copyOf();
            }
        }
        Count cv = new Count(scored, copies, line, copyOf);
        Count test = counts[folds];
        if (!cv.worthWarning(0) && !test.worthWarning(0)) {
            return Optional.empty();
        }
        // A fold's fits train on the other folds: (k - 1) / k of the tuning rows, as near as the folds are even.
        double foldChance = chanceShare(tuningAndTest, (long) scored * (folds - 1) / folds);
        double testChance = chanceShare(tuningAndTest, scored);
        StringBuilder s = new StringBuilder();
        if (cv.worthWarning(foldChance)) {
            s.append(cv.describe("tuning rows")).append(" are exact copies of rows in another fold (every input and"
                    + " the target), so each fold's fits are scored on rows they were fitted on: the CV MSE is"
                    + " optimistic and favours the smaller lambdas");
        }
        if (test.worthWarning(testChance)) {
            s.append(s.isEmpty() ? "" : "; ").append(test.describe("test rows")).append(" are exact copies of tuning"
                    + " rows, so the test figures are optimistic too");
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s + "; " + REMEDY);
    }
}
