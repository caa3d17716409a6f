package dev.ridgeline.engine;

/**
 * The objective and its full gradient at the current parameters, read back to the host.
 * Shapes: loss (K), theta (K, n), bias (K). Bias gradients are zero when the problem fits no intercept.
 */
public record Gradient(double[] loss, double[][] theta, double[] bias) {
    /** Checks the shapes: a mismatch had failed only in {@link #norm} with an index out of bounds. */
    public Gradient {
        java.util.Objects.requireNonNull(loss, "loss");
        java.util.Objects.requireNonNull(theta, "theta");
        java.util.Objects.requireNonNull(bias, "bias");
        if (theta.length != loss.length || bias.length != loss.length) {
            throw new IllegalArgumentException("gradient of " + loss.length + " models has " + theta.length
                    + " theta rows and " + bias.length + " biases");
        }
    }

    public double loss(int k) {
        return loss[k];
    }

    /** Euclidean norm of model k's gradient, theta and bias parts together. */
    public double norm(int k) {
        double s = bias[k] * bias[k];
        for (double g : theta[k]) {
            s += g * g;
        }
        return Math.sqrt(s);
    }
}
