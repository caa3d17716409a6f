package dev.ridgeline.fairness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounded group loss for regression by reweighting groups (in the spirit of Agarwal, Dudik, Wu 2019):
 * minimise the worst group's MSE by multiplicative weights on the groups. Each round fits with row weights
 * w_i = base_i u_g(i), measures each group's MSE L_g (weighted by the base weights, as the overall metrics are),
 * and sets {@code u_g <- u_g exp(eta (L_g / L - 1))} with L the
 * overall MSE, renormalised so that sum_g B_g u_g = sum_g B_g, with B_g the group's total base weight (its row
 * count m_g without base weights): the total row weight, and with it the strength of the L2 penalty (which the
 * objective divides by the total weight), stays that of the plain fit. Round 0 is the plain fit.
 *
 * <p>The final predictor is deterministic: the single fitted model of the round with the smallest worst-group
 * MSE (the earliest on ties), not a randomised mixture. Unlike the bounded-group-loss constraint of Agarwal et al.
 * (each group's loss at most a chosen bound), no bound is set: the rounds aim at the smallest worst-group loss
 * (minimax group fairness) without a guarantee of reaching it.
 */
public final class BoundedGroupLoss {
    /** Rounds after the plain fit, and the multiplicative step eta. */
    public record Settings(int rounds, double stepSize) {
        /**
         * The most rounds: each is a whole fit, so a million is beyond any run; the rounds' counter, which runs to
         * {@code rounds} inclusive, had wrapped at Integer.MAX_VALUE and never ended.
         */
        public static final int MAX_ROUNDS = 1_000_000;

        public Settings {
            if (rounds < 1 || rounds > MAX_ROUNDS) {
                throw new IllegalArgumentException("mitigation rounds must be between 1 and " + MAX_ROUNDS + ", got "
                        + rounds);
            }
            if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
                throw new IllegalArgumentException("mitigation step size must be a finite number > 0, got " + stepSize);
            }
        }

        public static Settings defaults() {
            return new Settings(20, 1.0);
        }
    }

    private BoundedGroupLoss() {
    }

    /** Shapes: y (m), labels (m), baseWeights (m) or null for unit weights. */
    public static <M> MitigationResult<M> mitigate(float[] y, String[] labels, float[] baseWeights,
            WeightedFit<M> fitter, Settings settings) {
        return mitigate(GroupMetrics.widen(y), labels, baseWeights, fitter, settings);
    }

    /**
     * {@link #mitigate(float[], String[], float[], WeightedFit, Settings)} with the targets in double, as read:
     * the group losses that steer the rounds and choose the model keep the digits that float32 rounds away from
     * targets far from 0 (at 1e8 + a spread of a few units they were the losses of rounded targets, and the
     * report said worst-group MSE fell from 2.71 to 2.24 where it rose from 3.55 to 4.21). Shapes: y (m),
     * labels (m), baseWeights (m) or null.
     */
    public static <M> MitigationResult<M> mitigate(double[] y, String[] labels, float[] baseWeights,
            WeightedFit<M> fitter, Settings settings) {
        java.util.Objects.requireNonNull(y, "y");
        java.util.Objects.requireNonNull(labels, "labels");
        java.util.Objects.requireNonNull(fitter, "fitter");
        java.util.Objects.requireNonNull(settings, "settings");
        if (labels.length != y.length || (baseWeights != null && baseWeights.length != y.length)) {
            // A short label array left the last rows out of every fit (weight 0) with no error.
            throw new IllegalArgumentException(y.length + " targets, " + labels.length + " group labels"
                    + (baseWeights == null ? "" : " and " + baseWeights.length + " base weights") + ": they must match");
        }
        Map<String, int[]> rows = GroupLabels.rowsByGroup(labels);
        if (rows.size() < 2) {
            throw new IllegalArgumentException("mitigation needs at least two groups, found " + rows.keySet());
        }
        double[] u = new double[rows.size()];
        Arrays.fill(u, 1.0);
        double[] baseTotals = baseTotals(rows, baseWeights);
        int g0 = 0;
        for (String label : rows.keySet()) {
            // No multiplier reaches a group whose rows all weigh 0; its loss would pull every other group's
            // multiplier to 0 and the renormalisation would divide by 0 (NaN row weights).
            if (!(baseTotals[g0++] > 0)) {
                throw new IllegalArgumentException("group '" + label + "' has weight 0 on all its "
                        + rows.get(label).length + " rows, so no reweighting reaches it: give its rows weight or"
                        + " leave them out");
            }
        }
        Round<M> best = null;
        Round<M> first = null;
        for (int round = 0; round <= settings.rounds(); round++) {
            float[] w = rowWeights(y.length, rows, u, baseWeights);
            M model = fitter.fit(w);
            Fit fit = metrics(y, fitter.predict(model), GroupMetrics.widen(baseWeights), rows);
            Round<M> r = new Round<>(round, u.clone(), w, model, fit.groups(), fit.overall());
            first = first == null ? r : first;
            if (best == null || r.worst() < best.worst()) {
                best = r;
            }
            update(u, r.groups, r.overall.mse(), settings.stepSize(), baseTotals);
        }
        Map<String, Double> multipliers = new LinkedHashMap<>();
        int g = 0;
        for (String label : rows.keySet()) {
            multipliers.put(label, best.multipliers[g++]);
        }
        return new MitigationResult<>(first.groups, first.overall, best.groups, best.overall, multipliers,
                best.weights, best.index, settings.rounds(), best.model, first.model);
    }

    private record Round<M>(int index, double[] multipliers, float[] weights, M model, List<GroupMetrics> groups,
            GroupMetrics overall) {
        double worst() {
            return groups.stream().mapToDouble(GroupMetrics::mse).max().orElseThrow();
        }
    }

    private record Fit(List<GroupMetrics> groups, GroupMetrics overall) {
    }

    /**
     * Each group's metrics and the overall ones, rows weighted by {@code base} (null: each once). Shapes: y (m),
     * p (m), base (m) or null; rows, G groups' row indices.
     */
    private static Fit metrics(double[] y, double[] p, double[] base, Map<String, int[]> rows) {
        List<GroupMetrics> groups = new ArrayList<>();
        rows.forEach((label, r) -> groups.add(GroupMetrics.of(label, y, p, base, r)));
        int[] all = new int[y.length];
        Arrays.setAll(all, i -> i);
        return new Fit(List.copyOf(groups), GroupMetrics.of("overall", y, p, base, all));
    }

    /**
     * The multiplicative step, in logs: L_g / L reaches the row count for a one-row group the fit misses badly,
     * and exp of it overflowed (from about 710) into infinite and then NaN multipliers, and the run failed on a
     * NaN row weight. Each u_g is exp(log u_g + step - top) scaled to the total, top the largest exponent. Shapes:
     * u (G), groups (G), baseTotals (G).
     */
    private static void update(double[] u, List<GroupMetrics> groups, double overallMse, double eta,
            double[] baseTotals) {
        if (overallMse <= 0) {
            return; // a perfect fit leaves nothing to rebalance
        }
        double[] log = new double[u.length];
        double top = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < u.length; g++) {
            log[g] = Math.log(u[g]) + eta * (groups.get(g).mse() / overallMse - 1);
            top = Math.max(top, log[g]);
        }
        double total = 0;
        double target = 0;
        for (int g = 0; g < u.length; g++) {
            u[g] = Math.exp(log[g] - top);
            total += u[g] * baseTotals[g];
            target += baseTotals[g];
        }
        for (int g = 0; g < u.length; g++) {
            u[g] *= target / total;
        }
    }

    /**
     * Per group (in the order of {@code rows}): the sum of its base weights, or its row count without them. Shapes:
     * base (m) or null; returns (G).
     */
    private static double[] baseTotals(Map<String, int[]> rows, float[] base) {
        double[] out = new double[rows.size()];
        int g = 0;
        for (int[] r : rows.values()) {
            double s = 0;
            for (int i : r) {
                s += base == null ? 1.0 : base[i];
            }
            out[g++] = s;
        }
        return out;
    }

    /** w_i = u_g(i) base_i. Shapes: u (G), base (m) or null; returns (m). */
    private static float[] rowWeights(int m, Map<String, int[]> rows, double[] u, float[] base) {
        float[] w = new float[m];
        int g = 0;
        for (int[] r : rows.values()) {
            for (int i : r) {
                w[i] = (float) (u[g] * (base == null ? 1.0 : base[i]));
            }
            g++;
        }
        return w;
    }
}
