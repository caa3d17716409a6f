package dev.ridgeline.train;

import dev.ridgeline.engine.Parameters;

/**
 * A constant subtracted from the targets before they become float32, and a power of two they are then scaled
 * by; both are undone on the parameters after training. The bias is not penalised, so the fit of y - c is the
 * fit of y with its bias lowered by c (for a problem that fits an intercept: without one, y - c is another least
 * squares problem, so such a problem takes {@link #scaleOnly()}, and {@link Trainer#reportingFor} refuses a
 * centring shift for it): the model is the same, while float32 keeps the digits that carry the
 * signal (targets near 1e8 that vary by 40 keep none of them otherwise), and the automatic learning rate and
 * the stopping rule, which read gradients, see the slopes rather than the offset. The (weighted) mean of the
 * training targets is the natural c: the centred targets are then as small as they can be.
 *
 * <p>Ridge is linear in the targets: the minimiser for f (y - c) is f times that for y - c, and its objective
 * f^2 times. Centred targets that spread beyond [2^-30, 2^30] are scaled by the power of two f that brings
 * their largest magnitude into [1, 2): multiplying by a power of two is exact in floating point, so such a fit
 * takes the same steps as the unscaled one would in exact arithmetic, while the backends' float32 sums of
 * squared residuals neither overflow (targets of spread 3e17 had ended in a "diverged" run with an infinite
 * loss) nor underflow (targets near 1e-25 had started from a loss of 0 and "diverged" at the first step).
 * Targets within the range keep f = 1 and every bit of their fit.
 *
 * <p>Shapes: y (m) in double, weights (m) or null for unit weights.
 *
 * @param value c, subtracted from every target
 * @param factor f, a power of two the centred targets are multiplied by (1: none)
 */
public record TargetShift(double value, double factor) {
    /** No shift. */
    public static final TargetShift NONE = new TargetShift(0);
    /** Spreads of centred targets from this ... */
    static final double SMALLEST_UNSCALED = 0x1p-30;
    /** ... to this train unscaled ({@code factor} 1), so that ordinary data keeps its bits. */
    static final double LARGEST_UNSCALED = 0x1p30;

    public TargetShift {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the target shift must be finite, got " + value);
        }
        if (!(factor > 0) || Double.isInfinite(factor) || factor != Math.scalb(1.0, Math.getExponent(factor))) {
            throw new IllegalArgumentException("the target scale must be a power of two, got " + factor);
        }
    }

    /** A shift by c alone, without scaling. */
    public TargetShift(double value) {
        this(value, 1);
    }

    /**
     * The weighted mean of y (the plain mean without weights; 0 when the weights sum to 0), with the power of two
     * that brings the centred targets of rows of positive weight into [1, 2) when they spread beyond
     * [2^-30, 2^30]. Shapes: y (m), weights (m) or null.
     *
     * @throws IllegalArgumentException for a target that is not a finite number (a missing one, NaN, named by its
     *     row: it had come out as "the target shift must be finite, got NaN"), or a weight that is negative or not
     *     finite
     */
    public static TargetShift meanOf(double[] y, float[] weights) {
        java.util.Objects.requireNonNull(y, "y");
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("row " + i + ": target " + y[i] + " is not a finite number"
                        + (Double.isNaN(y[i]) ? " (a missing target: take such rows out first, as"
                        + " MissingValues.apply(frame, policy) does)" : ""));
            }
        }
        if (weights != null) {
            if (weights.length != y.length) {
                throw new IllegalArgumentException(weights.length + " weights for " + y.length + " targets");
            }
            for (int i = 0; i < weights.length; i++) {
                if (!(weights[i] >= 0) || Float.isInfinite(weights[i])) {
                    throw new IllegalArgumentException("weight " + weights[i] + " at row " + i
                            + " must be finite and >= 0");
                }
            }
        }
        double sum = 0;
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            sum += w * y[i];
            total += w;
        }
        double c = total > 0 ? sum / total : 0;
        double spread = 0;
        for (int i = 0; i < y.length; i++) {
            if (weights == null || weights[i] > 0) {
                spread = Math.max(spread, Math.abs(y[i] - c));
            }
        }
        return new TargetShift(c, factorFor(spread));
    }

    /**
     * 1 for a spread within [2^-30, 2^30] (or 0, or not finite), else 2^-e with 2^e <= spread < 2^(e+1), e kept
     * within +-500 so that f^2, which divides the losses, stays a finite double.
     */
    static double factorFor(double spread) {
        if (!(spread > 0) || Double.isInfinite(spread)
                || (spread >= SMALLEST_UNSCALED && spread <= LARGEST_UNSCALED)) {
            return 1;
        }
        return Math.scalb(1.0, -Math.max(-500, Math.min(500, Math.getExponent(spread))));
    }

    /**
     * The scale alone, c = 0: for a problem without intercept ({@code fitIntercept(false)}), where centring would
     * change the model (the power of two changes nothing but the float32 range).
     */
    public TargetShift scaleOnly() {
        return new TargetShift(0, factor);
    }

    /** The same shift without the scaling: targets centred but kept in their units. */
    public TargetShift unscaled() {
        return new TargetShift(value);
    }

    /** (float) ((y_i - c) f) for every row: the targets to train on. Shapes: y (m); returns (m). */
    public float[] apply(double[] y) {
        java.util.Objects.requireNonNull(y, "y");
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) ((y[i] - value) * factor);
        }
        return out;
    }

    /**
     * The parameters of the model of the original targets: theta and bias divided by f, the bias raised by c.
     * Shapes: theta (K, n), bias (K).
     */
    public Parameters restore(Parameters p) {
        java.util.Objects.requireNonNull(p, "p");
        double[][] theta = new double[p.models()][];
        double[] bias = new double[p.models()];
        for (int k = 0; k < p.models(); k++) {
            theta[k] = p.theta(k);
            for (int j = 0; j < theta[k].length; j++) {
                theta[k][j] /= factor;
            }
            bias[k] = p.bias(k) / factor + value;
        }
        return new Parameters(theta, bias);
    }

    /**
     * The result with {@link #restore restored} parameters, its losses (and their history) divided by f^2 and its
     * gradient norms by f; epochs, stop reasons and learning rates are unchanged by a shift and a scale. Shapes:
     * finalLoss, finalGradientNorm and initialGradientNorm (K); theta (K, n), bias (K).
     */
    public TrainingResult restore(TrainingResult r) {
        java.util.Objects.requireNonNull(r, "r");
        if (factor == 1) {
            return new TrainingResult(restore(r.parameters()), r.epochs(), r.stopReasons(), r.finalLoss(),
                    r.finalGradientNorm(), r.initialGradientNorm(), r.learningRates(), r.stepHalvings(), r.history(),
                    r.ownScaleRelativeNorm());
        }
        double squared = factor * factor;
        return new TrainingResult(restore(r.parameters()), r.epochs(), r.stopReasons(), divided(r.finalLoss(), squared),
                divided(r.finalGradientNorm(), factor), divided(r.initialGradientNorm(), factor), r.learningRates(),
                r.stepHalvings(), r.history().scaled(1 / squared), r.ownScaleRelativeNorm());
    }

    /** Shapes: values (K); returns a copy (K). */
    private static double[] divided(double[] values, double by) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] /= by;
        }
        return out;
    }
}
