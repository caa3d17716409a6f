package dev.ridgeline.fairness;

/**
 * Fits a model under given row weights and predicts on the training rows: the one thing mitigation needs
 * from a training method, so it runs on any backend or solver.
 *
 * @param <M> the fitted model type
 */
public interface WeightedFit<M> {
    /** Fits with row weights w (m, >= 0). */
    M fit(float[] rowWeights);

    /** Predictions of {@code model} on the m training rows. */
    double[] predict(M model);
}
