package dev.ridgeline.preprocess;

import java.util.Arrays;

/**
 * The training values of one numeric column with their row weights, and the statistics the fitter takes of
 * them, weighted so that a row of weight w counts as w copies of itself (as in the objective and the
 * metrics): a row of weight 0 moves no mean, spread, range or fill. Without weights every row counts once,
 * by the same arithmetic as before weights were taken into account.
 *
 * <p>Shapes: values (k); weights (k), or null for one each.
 */
record WeightedValues(double[] values, double[] weights) {

    int size() {
        return values.length;
    }

    /**
     * Whether any value counts: there is one, and (with weights) one of positive weight. Shape: weights (k) or null.
     */
    boolean anyCounted() {
        return weights == null ? values.length > 0 : Arrays.stream(weights).anyMatch(w -> w > 0);
    }

    /** sum w (the count without weights). Shape: weights (k) or null. */
    double total() {
        return weights == null ? values.length : NeumaierSum.of(weights);
    }

    /** sum w v / sum w (NaN for none, or a total weight of 0). Shapes: values (k), weights (k) or null. */
    double mean() {
        if (weights == null) {
            return NeumaierSum.mean(values);
        }
        double total = total();
        if (!(total > 0)) {
            return Double.NaN;
        }
        double[] products = new double[values.length];
        for (int i = 0; i < products.length; i++) {
            products[i] = weights[i] * values[i];
        }
        return NeumaierSum.of(products) / total;
    }

    /**
     * sqrt(sum w (v - mean)^2 / sum w): the population standard deviation, as the z-score scaler uses. Shapes:
     * values (k), weights (k) or null.
     */
    double populationSd(double mean) {
        // The deviations are divided by the largest first: squared as they are, those below 1e-154 underflowed to
        // an sd of 0 (values near 1e-200 could not be z-scored) and those beyond 1e154 overflowed.
        double largest = 0;
        for (int i = 0; i < values.length; i++) {
            if (weights == null || weights[i] > 0) {
                largest = Math.max(largest, Math.abs(values[i] - mean));
            }
        }
        if (!(largest > 0) || Double.isInfinite(largest)) {
            return largest == 0 ? 0 : largest;
        }
        // Within these bounds no square under- or overflows: the plain sum, whose bits earlier models were fitted with.
        double unit = largest >= 1e-100 && largest <= 1e100 ? 1 : largest;
        double ss = 0;
        for (int i = 0; i < values.length; i++) {
            double d = (values[i] - mean) / unit;
            ss += (weights == null ? 1 : weights[i]) * d * d;
        }
        return unit * Math.sqrt(ss / total());
    }

    /** The smallest value of positive weight (0 for none). */
    double min() {
        return extreme(true);
    }

    /** The largest value of positive weight (0 for none). */
    double max() {
        return extreme(false);
    }

    /** The smallest (or largest) value of positive weight, 0 for none. Shapes: values (k), weights (k) or null. */
    private double extreme(boolean smallest) {
        double best = smallest ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (int i = 0; i < values.length; i++) {
            if (weights == null || weights[i] > 0) {
                best = smallest ? Math.min(best, values[i]) : Math.max(best, values[i]);
                any = true;
            }
        }
        return any ? best : 0;
    }

    /**
     * The median of the values each repeated w times: the value where the running weight, in value order,
     * reaches half the total; where it lands exactly on half, the mean of that value and the next one (an
     * even count's two middle values). NaN for none. Shapes: values (k), weights (k) or null.
     */
    double median() {
        if (weights == null) {
            if (values.length == 0) {
                return Double.NaN;
            }
            double[] s = values.clone();
            Arrays.sort(s);
            int h = s.length / 2;
            return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
        }
        // Rows of positive weight only, in parallel arrays that the selection below reorders.
        int count = 0;
        double[] v = new double[values.length];
        double[] w = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (weights[i] > 0) {
                v[count] = values[i];
                w[count++] = weights[i];
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        return weightedMedian(v, w, count, total() / 2);
    }

    /**
     * Weighted quickselect over v[0, count) and its weights w (both reordered): partitions around a pivot
     * into values below, equal and above, and keeps the part where the running weight, in value order,
     * first exceeds {@code half}; expected O(count). (Sorting a million boxed indices per column took
     * seconds.) Shapes: v and w (at least count), the first count used.
     */
    private static double weightedMedian(double[] v, double[] w, int count, double half) {
        int lo = 0;
        int hi = count;  // the range still to search is [lo, hi); the weight of everything left of it is below
        double below = 0;
        while (true) {
            double pivot = v[lo + (hi - lo) / 2];
            // Three-way partition of [lo, hi): [lo, lt) < pivot, [lt, gt) == pivot, [gt, hi) > pivot.
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i < gt) {
                if (v[i] < pivot) {
                    swap(v, w, i++, lt++);
                } else if (v[i] > pivot) {
                    swap(v, w, i, --gt);
                } else {
                    i++;
                }
            }
            double less = below + sum(w, lo, lt);
            double upTo = less + sum(w, lt, gt);
            if (less > half) {
                hi = lt;
            } else if (less == half) {
                return (max(v, lo, lt) + pivot) / 2;  // the running weight lands on half at the largest below
            } else if (upTo > half) {
                return pivot;
            } else if (upTo == half) {
                return gt < hi ? (pivot + min(v, gt, hi)) / 2 : pivot;
            } else if (gt < hi) {
                below = upTo;
                lo = gt;
            } else {
                return pivot;  // rounding of the sums kept the running weight below half
            }
        }
    }

    private static void swap(double[] v, double[] w, int a, int b) {
        double t = v[a];
        v[a] = v[b];
        v[b] = t;
        t = w[a];
        w[a] = w[b];
        w[b] = t;
    }

    /** Shape: w[from .. to), summed in index order. */
    private static double sum(double[] w, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += w[i];
        }
        return s;
    }

    /** Shape: v[from .. to), at least one value; returns the largest. */
    private static double max(double[] v, int from, int to) {
        double m = v[from];
        for (int i = from + 1; i < to; i++) {
            m = Math.max(m, v[i]);
        }
        return m;
    }

    /** Shape: v[from .. to), at least one value; returns the smallest. */
    private static double min(double[] v, int from, int to) {
        double m = v[from];
        for (int i = from + 1; i < to; i++) {
            m = Math.min(m, v[i]);
        }
        return m;
    }
}
