package dev.ridgeline.train;

import dev.ridgeline.engine.Parameters;
import java.util.List;

/**
 * What training produced for a batch of K models: parameters, the epochs each model ran, why each stopped,
 * its final loss and gradient norm, the learning rates used and the loss history.
 */
public record TrainingResult(
        Parameters parameters,
        int[] epochs,
        List<StopReason> stopReasons,
        double[] finalLoss,
        double[] finalGradientNorm,
        double[] learningRates,
        History history) {

    public int epochs(int k) {
        return epochs[k];
    }

    public StopReason stopReason(int k) {
        return stopReasons.get(k);
    }

    public double finalLoss(int k) {
        return finalLoss[k];
    }
}
