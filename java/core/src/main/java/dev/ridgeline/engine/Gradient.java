package dev.ridgeline.engine;

import java.util.Arrays;

/**
 * The objective and its full gradient at the current parameters, read back to the host.
 * Shapes: loss (K), theta (K, n), bias (K). Bias gradients are zero when the problem fits no intercept.
 * Immutable, as {@link PassStats}: the arrays are copied in and out (a caller's write had changed
 * {@link #norm} and the losses every other reader saw). Equal to another when every value is (as
 * {@link Double#equals}).
 */
public record Gradient(double[] loss, double[][] theta, double[] bias) {
    /** Checks the shapes (a mismatch had failed only in {@link #norm} with an index out of bounds) and copies. */
    public Gradient {
        java.util.Objects.requireNonNull(loss, "loss");
        java.util.Objects.requireNonNull(theta, "theta");
        java.util.Objects.requireNonNull(bias, "bias");
        if (theta.length != loss.length || bias.length != loss.length) {
            throw new IllegalArgumentException("gradient of " + loss.length + " models has " + theta.length
                    + " theta rows and " + bias.length + " biases");
        }
        loss = loss.clone();
        bias = bias.clone();
        double[][] rows = new double[theta.length][];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = java.util.Objects.requireNonNull(theta[k], "theta of model " + k).clone();
        }
        theta = rows;
    }

    public double loss(int k) {
        return loss[model(k)];
    }

    /** Copy of model k's theta part (n). */
    public double[] theta(int k) {
        return theta[model(k)].clone();
    }

    public double bias(int k) {
        return bias[model(k)];
    }

    /** k itself when the gradient has model k; else an IndexOutOfBoundsException saying how many it has. */
    private int model(int k) {
        return ModelIndex.checked(k, loss.length, "of a gradient of");
    }

    /** Euclidean norm of model k's gradient, theta and bias parts together. Shapes: theta[k] (n), bias[k]. */
    public double norm(int k) {
        double s = bias[model(k)] * bias[k];
        for (double g : theta[k]) {
            s += g * g;
        }
        return Math.sqrt(s);
    }

    @Override
    public double[] loss() {
        return loss.clone();
    }

    /** Copy of the theta parts (K, n); {@link #theta(int)} copies one model's. */
    @Override
    public double[][] theta() {
        double[][] rows = new double[theta.length][];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = theta[k].clone();
        }
        return rows;
    }

    @Override
    public double[] bias() {
        return bias.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gradient g && Arrays.equals(loss, g.loss) && Arrays.deepEquals(theta, g.theta)
                && Arrays.equals(bias, g.bias);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(loss) + Arrays.deepHashCode(theta)) + Arrays.hashCode(bias);
    }

    /** The losses and the gradient norms: for logs, never the whole of theta. */
    @Override
    public String toString() {
        double[] norms = new double[loss.length];
        Arrays.setAll(norms, this::norm);
        return "Gradient[loss=" + Arrays.toString(loss) + ", norm=" + Arrays.toString(norms) + "]";
    }
}
