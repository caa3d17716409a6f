package dev.ridgeline.fairness;

import java.util.List;
import java.util.Map;

/**
 * Outcome of bounded-group-loss mitigation: per-group and overall metrics before (the plain fit: round 0,
 * with the base row weights only) and after (the chosen round), the group multipliers and row weights of the chosen round, its model, and the
 * plain (round 0) model for comparison on other rows.
 * All metrics are on the rows the mitigation saw; evaluate the model on held-out rows as well.
 */
public record MitigationResult<M>(
        List<GroupMetrics> before,
        GroupMetrics overallBefore,
        List<GroupMetrics> after,
        GroupMetrics overallAfter,
        Map<String, Double> groupMultipliers,
        float[] rowWeights,
        int chosenRound,
        int rounds,
        M model,
        M baselineModel) {

    public double worstGroupMseBefore() {
        return before.stream().mapToDouble(GroupMetrics::mse).max().orElse(Double.NaN);
    }

    public double worstGroupMseAfter() {
        return after.stream().mapToDouble(GroupMetrics::mse).max().orElse(Double.NaN);
    }
}
