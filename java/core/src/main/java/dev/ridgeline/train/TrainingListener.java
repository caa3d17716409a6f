package dev.ridgeline.train;

/** Progress callback, called from the training thread each time the trainer reads the loss. */
@FunctionalInterface
public interface TrainingListener {
    /**
     * @param epoch epochs completed so far
     * @param maxEpochs the epoch limit
     * @param loss J_k per model at the start of the last epoch (full data)
     */
    void onProgress(int epoch, int maxEpochs, double[] loss);

    TrainingListener NONE = (epoch, max, loss) -> { };
}
