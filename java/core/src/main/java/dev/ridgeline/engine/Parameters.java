package dev.ridgeline.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * Parameters of a batch of K models: theta is (K, n), bias is (K). Immutable: arrays are copied in and out.
 * Every row of theta has the same length n: a ragged theta is refused here, since backends read n
 * coefficients of every model.
 */
public final class Parameters {
    private final double[][] theta;
    private final double[] bias;

    /** theta (K, n) and bias (K), copied. */
    public Parameters(double[][] theta, double[] bias) {
        Objects.requireNonNull(theta, "theta");
        Objects.requireNonNull(bias, "bias");
        if (theta.length != bias.length) {
            throw new IllegalArgumentException(theta.length + " weight vectors but " + bias.length + " biases");
        }
        this.theta = new double[theta.length][];
        for (int k = 0; k < theta.length; k++) {
            if (theta[k] == null) {
                throw new NullPointerException("theta of model " + k);
            }
            if (theta[k].length != theta[0].length) {
                throw new IllegalArgumentException("model " + k + " has " + theta[k].length
                        + " coefficients, model 0 has " + theta[0].length);
            }
            this.theta[k] = theta[k].clone();
        }
        this.bias = bias.clone();
    }

    /** K models of n features, all zero. */
    public static Parameters zeros(int models, int features) {
        requireSizes(models, features);
        return new Parameters(new double[models][features], new double[models]);
    }

    /**
     * Fails unless both sizes are >= 0, naming the one that is not (a negative size had surfaced as a bare
     * NegativeArraySizeException).
     */
    public static void requireSizes(int models, int features) {
        if (models < 0) {
            throw new IllegalArgumentException("models must be >= 0, got " + models);
        }
        if (features < 0) {
            throw new IllegalArgumentException("features must be >= 0, got " + features);
        }
    }

    /** Fails with a message naming both shapes unless these are K models of n features. */
    public void requireShape(int models, int features) {
        if (models() != models || features() != features) {
            throw new IllegalArgumentException("parameters are " + models() + " x " + features()
                    + ", the problem has " + models + " models of " + features + " features");
        }
    }

    /**
     * Fails with a message naming the first value that is not a finite number. Parameters read back from a
     * diverged model hold such values, and {@link BoundProblem#setParameters} takes them as they are: check
     * parameters from outside (a file, a caller) with this before training from them.
     */
    public void requireFinite() {
        for (int k = 0; k < theta.length; k++) {
            for (int j = 0; j < theta[k].length; j++) {
                if (!Double.isFinite(theta[k][j])) {
                    throw new IllegalArgumentException("model " + k + ": coefficient " + j + " is " + theta[k][j]
                            + "; parameters to train from must be finite");
                }
            }
            if (!Double.isFinite(bias[k])) {
                throw new IllegalArgumentException("model " + k + ": the bias is " + bias[k]
                        + "; parameters to train from must be finite");
            }
        }
    }

    public int models() {
        return bias.length;
    }

    public int features() {
        return theta.length == 0 ? 0 : theta[0].length;
    }

    /** Copy of theta_k (n). */
    public double[] theta(int k) {
        return theta[model(k)].clone();
    }

    public double theta(int k, int j) {
        double[] row = theta[model(k)];
        if (j < 0 || j >= row.length) {
            throw new IndexOutOfBoundsException("coefficient " + j + " of a model of " + row.length + " features");
        }
        return row[j];
    }

    public double bias(int k) {
        return bias[model(k)];
    }

    /**
     * k itself when these parameters hold model k. A wrong k (as in {@code LinearModel.of(pre, name, p, k, meta)})
     * failed with an array index out of bounds that did not say how many models there are.
     */
    private int model(int k) {
        return ModelIndex.checked(k, bias.length, "of parameters for");
    }

    /** Equal when both hold the same models: every coefficient and bias the same (as {@link Double#equals}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && Arrays.deepEquals(theta, p.theta) && Arrays.equals(bias, p.bias);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(theta) + Arrays.hashCode(bias);
    }

    /** The shape, and the biases of up to {@link #SHOWN} models: for logs, never the whole of theta. */
    @Override
    public String toString() {
        String biases = models() <= SHOWN ? Arrays.toString(bias) : models() + " values";
        return "Parameters[models=" + models() + ", features=" + features() + ", bias=" + biases + "]";
    }

    private static final int SHOWN = 8;
}
