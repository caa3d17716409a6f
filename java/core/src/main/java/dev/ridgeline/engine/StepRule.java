package dev.ridgeline.engine;

import java.util.Objects;

/**
 * How one gradient step updates each model: per-model learning rate alpha_k, and an optional momentum.
 *
 * <p>With g the gradient of section 1 (L2 term included) and v a velocity kept beside the parameters:
 * {@code v <- mu v + g}, then {@code p <- p - alpha (nesterov ? g + mu v : v)} for theta and bias alike.
 * mu = 0 is the plain step {@code theta <- theta (1 - alpha lambda/W) - alpha/W sum_i w_i r_i x_i}.
 * A model with alpha_k = 0 is frozen: trainers use this for models that converged or diverged.
 */
public record StepRule(double[] learningRates, double momentum, boolean nesterov) {
    public StepRule {
        learningRates = Objects.requireNonNull(learningRates, "learningRates").clone();
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        for (double a : learningRates) {
            if (!(a >= 0) || Double.isInfinite(a)) {
                throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + a);
            }
        }
    }

    /** Plain gradient descent with the same rate for K models. */
    public static StepRule plain(int models, double learningRate) {
        if (models < 0) {
            throw new IllegalArgumentException("models must be >= 0, got " + models);
        }
        double[] rates = new double[models];
        java.util.Arrays.fill(rates, learningRate);
        return new StepRule(rates, 0, false);
    }

    /** Checks that there is one learning rate per model of a problem of {@code models} models. */
    public void requireModels(int models) {
        if (learningRates.length != models) {
            throw new IllegalArgumentException("step rule has " + learningRates.length
                    + " learning rates, the problem has " + models + " models");
        }
    }

    /**
     * alpha_k; an IndexOutOfBoundsException naming k and the rule's model count unless {@code 0 <= k < K}
     * (checked once per model and step, not per element).
     */
    public double learningRate(int k) {
        return learningRates[ModelIndex.checked(k, learningRates.length, "of a step rule of")];
    }

    @Override
    public double[] learningRates() {
        return learningRates.clone();
    }
}
