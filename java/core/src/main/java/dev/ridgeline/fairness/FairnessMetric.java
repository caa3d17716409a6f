package dev.ridgeline.fairness;

import java.util.function.ToDoubleFunction;

/** The per-group quantities that disparities are computed for. */
public enum FairnessMetric {
    MSE("MSE", GroupMetrics::mse),
    RMSE("RMSE", GroupMetrics::rmse),
    MAE("MAE", GroupMetrics::mae),
    R2("R2", GroupMetrics::r2),
    MEAN_PREDICTION("mean prediction", GroupMetrics::meanPrediction),
    MEAN_RESIDUAL("mean residual", GroupMetrics::meanResidual);

    private final String label;
    private final ToDoubleFunction<GroupMetrics> getter;

    FairnessMetric(String label, ToDoubleFunction<GroupMetrics> getter) {
        this.label = label;
        this.getter = getter;
    }

    public String label() {
        return label;
    }

    public double of(GroupMetrics g) {
        return getter.applyAsDouble(g);
    }
}
