package dev.ridgeline.fairness;

import java.util.function.ToDoubleFunction;

/** The per-group quantities that disparities are computed for. */
public enum FairnessMetric {
    MSE("MSE", "mse", true, GroupMetrics::mse),
    RMSE("RMSE", "rmse", true, GroupMetrics::rmse),
    MAE("MAE", "mae", true, GroupMetrics::mae),
    R2("R2", "r2", false, GroupMetrics::r2),
    MEAN_PREDICTION("mean prediction", "meanPrediction", false, GroupMetrics::meanPrediction),
    MEAN_RESIDUAL("mean residual", "meanResidual", false, GroupMetrics::meanResidual);

    private final String label;
    private final String key;
    private final boolean nonNegative;
    private final ToDoubleFunction<GroupMetrics> getter;

    FairnessMetric(String label, String key, boolean nonNegative, ToDoubleFunction<GroupMetrics> getter) {
        this.label = label;
        this.key = key;
        this.nonNegative = nonNegative;
        this.getter = getter;
    }

    /**
     * Whether the metric can never be negative, whatever the data: an error size. Only then does the min/max
     * ratio of two groups read as parity; R^2, a mean prediction or a mean residual can take either sign.
     */
    public boolean nonNegative() {
        return nonNegative;
    }

    public String label() {
        return label;
    }

    /** The metric's key in JSON (camelCase, like every key of the model card). */
    public String key() {
        return key;
    }

    public double of(GroupMetrics g) {
        return getter.applyAsDouble(g);
    }
}
