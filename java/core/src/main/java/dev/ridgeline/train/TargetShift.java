package dev.ridgeline.train;

import dev.ridgeline.engine.Parameters;

/**
 * A constant subtracted from the targets before they become float32, and added back to every bias after
 * training. The bias is not penalised, so the fit of y - c is the fit of y with its bias lowered by c: the
 * model is the same, while float32 keeps the digits that carry the signal (targets near 1e8 that vary by 40
 * keep none of them otherwise), and the automatic learning rate and the stopping rule, which read
 * gradients, see the slopes rather than the offset. The (weighted) mean of the training targets is the
 * natural c: the centred targets are then as small as they can be.
 *
 * <p>Shapes: y (m) in double, weights (m) or null for unit weights.
 */
public record TargetShift(double value) {
    /** No shift. */
    public static final TargetShift NONE = new TargetShift(0);

    public TargetShift {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the target shift must be finite, got " + value);
        }
    }

    /** The weighted mean of y (the plain mean without weights; 0 when the weights sum to 0). */
    public static TargetShift meanOf(double[] y, float[] weights) {
        double sum = 0;
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            sum += w * y[i];
            total += w;
        }
        return total > 0 ? new TargetShift(sum / total) : NONE;
    }

    /** (float) (y_i - c) for every row: the targets to train on. */
    public float[] apply(double[] y) {
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) (y[i] - value);
        }
        return out;
    }

    /** The parameters of the model of the original targets: every bias raised by c. */
    public Parameters restore(Parameters p) {
        double[][] theta = new double[p.models()][];
        double[] bias = new double[p.models()];
        for (int k = 0; k < p.models(); k++) {
            theta[k] = p.theta(k);
            bias[k] = p.bias(k) + value;
        }
        return new Parameters(theta, bias);
    }

    /** The result with {@link #restore restored} parameters; losses, epochs and history are unchanged by a shift. */
    public TrainingResult restore(TrainingResult r) {
        return new TrainingResult(restore(r.parameters()), r.epochs(), r.stopReasons(), r.finalLoss(),
                r.finalGradientNorm(), r.initialGradientNorm(), r.learningRates(), r.stepHalvings(), r.history());
    }
}
