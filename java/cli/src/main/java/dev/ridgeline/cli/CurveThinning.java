package dev.ridgeline.cli;

import java.util.Arrays;

/**
 * Min-max thinning of a long curve for drawing: the points are cut into consecutive buckets and each bucket
 * keeps only its lowest and highest point, in x order, so every spike and the curve's envelope survive while a
 * 100,000-epoch history draws as a few hundred points (a plot has fewer pixels than that across).
 */
final class CurveThinning {
    private CurveThinning() {
    }

    /** Curves of at most this many points are drawn as they are. */
    static final int DRAWN_WHOLE = 1000;
    /** The most buckets a longer curve is thinned to: two points per bucket, about one per pixel across. */
    static final int MAX_BUCKETS = 300;

    /**
     * The points of {@code xy} (2 x points, x ascending) to draw: all of them up to {@link #DRAWN_WHOLE},
     * else {@link #minMax} with a quarter as many buckets as points, at most {@link #MAX_BUCKETS}.
     */
    static double[][] forDrawing(double[][] xy) {
        int n = xy[0].length;
        return n <= DRAWN_WHOLE ? xy : minMax(xy, Math.min(MAX_BUCKETS, n / 4));
    }

    /**
     * The points (x, y) of {@code xy} (2 x points, x ascending) thinned to each bucket's lowest and highest y
     * plus the curve's first and last point, in x order: at most {@code 2 * buckets + 2} points. Unchanged
     * when it has no more than {@code 2 * buckets} points.
     */
    static double[][] minMax(double[][] xy, int buckets) {
        int n = xy[0].length;
        if (n <= 2 * buckets) {
            return xy;
        }
        int[] keep = new int[2 * buckets + 2];
        int kept = 0;
        keep[kept++] = 0;
        for (int b = 0; b < buckets; b++) {
            // Bucket b holds points [from, to); sizes differ by at most one.
            int from = (int) ((long) n * b / buckets);
            int to = (int) ((long) n * (b + 1) / buckets);
            int low = from;
            int high = from;
            for (int i = from + 1; i < to; i++) {
                if (xy[1][i] < xy[1][low]) {
                    low = i;
                }
                if (xy[1][i] > xy[1][high]) {
                    high = i;
                }
            }
            keep[kept++] = Math.min(low, high);
            keep[kept++] = Math.max(low, high);
        }
        keep[kept++] = n - 1;
        int[] order = Arrays.stream(keep, 0, kept).distinct().toArray();  // ascending already: buckets in order
        return new double[][] {Arrays.stream(order).mapToDouble(i -> xy[0][i]).toArray(),
            Arrays.stream(order).mapToDouble(i -> xy[1][i]).toArray()};
    }
}
