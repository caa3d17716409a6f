package dev.ridgeline.train;

/**
 * Progress callback, called from the training thread each time the trainer reads the loss.
 *
 * <p>To stop the run from here (a cancelled request, a rule of your own), interrupt the current thread, which
 * is the training thread: the trainer then stops every model still training at this read with {@link
 * StopReason#INTERRUPTED} and returns the parameters so far (with early stopping, its best validation read so far),
 * the interrupt status still set for the caller to
 * clear ({@code Thread.interrupted()}). An exception thrown here is not caught: it leaves {@code train} and the
 * run's result is lost.
 */
@FunctionalInterface
public interface TrainingListener {
    /**
     * @param epoch epochs completed so far
     * @param maxEpochs the epoch limit
     * @param loss J_k per model as last read, over the full data: full-batch gd reads it with the gradient, at
     *     the parameters its last epoch started from; sgd reads it after the epoch. In the units of the problem's
     *     targets, or of the targets before a {@link TargetShift}'s scale for a trainer {@link
     *     Trainer#reportingFor reporting for} it
     */
    void onProgress(int epoch, int maxEpochs, double[] loss);

    TrainingListener NONE = (epoch, max, loss) -> { };
}
