package dev.ridgeline.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a fused pass measured, per model, for the parameters it read (before its update):
 * the objective J_k and the Euclidean norm of the full gradient (theta and bias parts together).
 * Equal to another when every value is (as {@link Double#equals}).
 */
public record PassStats(double[] loss, double[] gradientNorm) {
    public PassStats {
        loss = Objects.requireNonNull(loss, "loss").clone();
        gradientNorm = Objects.requireNonNull(gradientNorm, "gradientNorm").clone();
        if (loss.length != gradientNorm.length) {
            throw new IllegalArgumentException(loss.length + " losses but " + gradientNorm.length + " gradient norms");
        }
    }

    /**
     * What a bound problem reports before its first step: NaN for each of K models, as no pass has read the
     * parameters (zeros had read as a model solved exactly).
     */
    public static PassStats beforeAnyStep(int models) {
        double[] none = new double[models];
        Arrays.fill(none, Double.NaN);
        return new PassStats(none, none);
    }

    /** J_k of model k; an IndexOutOfBoundsException naming k and the model count unless {@code 0 <= k < K}. */
    public double loss(int k) {
        return loss[model(k)];
    }

    /**
     * The gradient norm of model k; an IndexOutOfBoundsException naming k and the model count unless
     * {@code 0 <= k < K}.
     */
    public double gradientNorm(int k) {
        return gradientNorm[model(k)];
    }

    /** k itself when there is a model k; else an error saying how many there are ("Index 5 out of bounds" had not). */
    private int model(int k) {
        return ModelIndex.checked(k, loss.length, "of pass stats of");
    }

    @Override
    public double[] loss() {
        return loss.clone();
    }

    @Override
    public double[] gradientNorm() {
        return gradientNorm.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PassStats p && Arrays.equals(loss, p.loss) && Arrays.equals(gradientNorm, p.gradientNorm);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(loss) + Arrays.hashCode(gradientNorm);
    }

    @Override
    public String toString() {
        return "PassStats[loss=" + Arrays.toString(loss) + ", gradientNorm=" + Arrays.toString(gradientNorm) + "]";
    }
}
