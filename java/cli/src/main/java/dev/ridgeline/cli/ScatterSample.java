package dev.ridgeline.cli;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The rows a scatter plot draws: every row up to {@link #MAX_POINTS}; beyond, a uniform random sample of
 * {@link #MAX_POINTS} rows (the same on every run), so that the cloud's density stays a true picture, plus
 * the {@link #EXTREMES} rows of largest |residual|, which the plot marks as their own series, so that the
 * worst rows are never left out and are not mistaken for part of the sample. A hundred thousand markers
 * already cover an 800 x 600 plot; drawing the two million held-out rows of a 10,000,000-row file took 15-22 s
 * per plot.
 *
 * <p>Shapes: residual (n); {@link #sample} (min(n, MAX_POINTS)) and {@link #extremes} (0 or EXTREMES)
 * ascending row indices.
 */
final class ScatterSample {
    static final int MAX_POINTS = 100_000;
    static final int EXTREMES = 100;
    private static final long SEED = 0x5CA77E4L;

    private ScatterSample() {
    }

    /** Whether the rows are sampled at all. */
    static boolean sampled(int rows) {
        return rows > MAX_POINTS;
    }

    /** All rows, or MAX_POINTS of them drawn without replacement, in row order. */
    static int[] sample(int rows) {
        if (!sampled(rows)) {
            int[] all = new int[rows];
            Arrays.setAll(all, i -> i);
            return all;
        }
        // Rows drawn at random until enough distinct ones are kept: at most about 11 draws per row kept, at
        // rows = MAX_POINTS + 1, where nearly every row must be found.
        boolean[] keep = new boolean[rows];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int kept = 0; kept < MAX_POINTS; ) {
            int i = random.nextInt(rows);
            if (!keep[i]) {
                keep[i] = true;
                kept++;
            }
        }
        return marked(keep, MAX_POINTS);
    }

    /** The EXTREMES rows of largest |residual| (ties at the threshold in row order) when sampled, else none. */
    static int[] extremes(double[] residual) {
        int n = residual.length;
        if (!sampled(n)) {
            return new int[0];
        }
        double[] magnitude = new double[n];
        for (int i = 0; i < n; i++) {
            magnitude[i] = Math.abs(residual[i]);
        }
        double[] sorted = magnitude.clone();
        Arrays.sort(sorted);
        double threshold = sorted[n - EXTREMES];
        boolean[] keep = new boolean[n];
        int marked = 0;
        for (int i = 0; i < n; i++) {
            if (magnitude[i] > threshold) {
                keep[i] = true;
                marked++;
            }
        }
        for (int i = 0; i < n && marked < EXTREMES; i++) {
            if (magnitude[i] == threshold) {
                keep[i] = true;
                marked++;
            }
        }
        return marked(keep, EXTREMES);
    }

    private static int[] marked(boolean[] keep, int count) {
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** values[rows[k]] for every k (values itself when rows are all of them). */
    static double[] pick(double[] values, int[] rows) {
        if (rows.length == values.length) {
            return values;
        }
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = values[rows[k]];
        }
        return out;
    }
}
