package dev.ridgeline.preprocess;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

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

    /** Whether any value counts: there is one, and (with weights) one of positive weight. */
    boolean anyCounted() {
        return weights == null ? values.length > 0 : Arrays.stream(weights).anyMatch(w -> w > 0);
    }

    /** sum w (the count without weights). */
    double total() {
        return weights == null ? values.length : NeumaierSum.of(weights);
    }

    /** sum w v / sum w (NaN for none, or a total weight of 0). */
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

    /** sqrt(sum w (v - mean)^2 / sum w): the population standard deviation, as the z-score scaler uses. */
    double populationSd(double mean) {
        double ss = 0;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - mean;
            ss += (weights == null ? 1 : weights[i]) * d * d;
        }
        return Math.sqrt(ss / total());
    }

    /** The smallest value of positive weight (0 for none). */
    double min() {
        return counted().min().orElse(0);
    }

    /** The largest value of positive weight (0 for none). */
    double max() {
        return counted().max().orElse(0);
    }

    private java.util.stream.DoubleStream counted() {
        return IntStream.range(0, values.length).filter(i -> weights == null || weights[i] > 0)
                .mapToDouble(i -> values[i]);
    }

    /**
     * The median of the values each repeated w times: the value where the running weight, in value order,
     * reaches half the total; where it lands exactly on half, the mean of that value and the next one (an
     * even count's two middle values). NaN for none.
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
        Integer[] order = IntStream.range(0, values.length).filter(i -> weights[i] > 0).boxed()
                .sorted(Comparator.comparingDouble(i -> values[i])).toArray(Integer[]::new);
        if (order.length == 0) {
            return Double.NaN;
        }
        double half = total() / 2;
        double running = 0;
        for (int k = 0; k < order.length; k++) {
            running += weights[order[k]];
            if (running > half) {
                return values[order[k]];
            }
            if (running == half) {
                return k + 1 < order.length ? (values[order[k]] + values[order[k + 1]]) / 2 : values[order[k]];
            }
        }
        return values[order[order.length - 1]];  // rounding of the running sum kept it below half
    }
}
