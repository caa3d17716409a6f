package dev.ridgeline.fairness;

import java.util.function.ToDoubleFunction;

/** The per-group quantities that disparities are computed for. */
public enum FairnessMetric {
    MSE("MSE", "mse", GroupMetrics::mse),
    RMSE("RMSE", "rmse", GroupMetrics::rmse),
    MAE("MAE", "mae", GroupMetrics::mae),
    R2("R2", "r2", GroupMetrics::r2),
    MEAN_PREDICTION("mean prediction", "meanPrediction", GroupMetrics::meanPrediction),
    MEAN_RESIDUAL("mean residual", "meanResidual", GroupMetrics::meanResidual);

    private final String label;
    private final String key;
    private final ToDoubleFunction<GroupMetrics> getter;

    FairnessMetric(String label, String key, ToDoubleFunction<GroupMetrics> getter) {
        this.label = label;
        this.key = key;
        this.getter = getter;
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
