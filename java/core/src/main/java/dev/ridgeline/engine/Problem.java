package dev.ridgeline.engine;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.DenseMatrix;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A batch of K ridge problems over one feature matrix: the input that a backend binds once.
 *
 * <p>Shapes: X is (m, n) float32 row-major. Model k has a target column y_k (m), a weight column w_k (m,
 * or null meaning every row weighs 1) and a penalty lambda_k >= 0. Columns may be shared between models
 * (the same array), which backends exploit to upload them once. The objective is section 1 of the design:
 * {@code J_k = 1/(2 W_k) sum_i w_ik r_ik^2 + lambda_k/(2 W_k) |theta_k|^2}, bias unpenalised.
 *
 * <p>Target and weight columns are copied at {@link Builder#build()} (once per distinct array, so shared
 * columns stay shared), so changing the caller's arrays afterwards changes nothing here. X is not copied
 * (it may take gigabytes): it must not be changed after {@code build()}. If it is, results are undefined:
 * the checks of {@code build()} no longer hold, java-vector's full-batch passes read a copy of X made at its
 * first full-batch pass while its other passes read X as it is, and cuda reads the copy it made at bind.
 */
public final class Problem {
    private final DenseMatrix x;
    private final float[][] targets;
    private final float[][] weights;
    private final double[] lambdas;
    private final double[] totalWeights;
    private final boolean fitIntercept;

    private Problem(Builder b, float[][] targets, float[][] weights) {
        this(b.x, targets, weights, b.lambdas.stream().mapToDouble(Double::doubleValue).toArray(), b.fitIntercept);
    }

    /**
     * Shapes: x (m, n); targets (K) columns of m; weights (K) columns of m or null; lambdas (K); totalWeights (K).
     */
    private Problem(DenseMatrix x, float[][] targets, float[][] weights, double[] lambdas, boolean fitIntercept) {
        this.x = x;
        int k = targets.length;
        this.targets = targets;
        this.weights = weights;
        this.lambdas = lambdas;
        this.fitIntercept = fitIntercept;
        this.totalWeights = new double[k];
        for (int model = 0; model < k; model++) {
            totalWeights[model] = sum(weights[model], x.rows());
        }
    }

    /**
     * A builder of a problem over the (m, n) feature matrix {@code x}, which the problem shares, not copies: add
     * one {@code model(target, weights, lambda)} per model, then {@link Builder#build()}.
     *
     * @throws NullPointerException when x is null
     */
    public static Builder builder(DenseMatrix x) {
        return new Builder(x);
    }

    /**
     * One model on a dataset's first target and its weights (if any), with an intercept.
     *
     * @throws NullPointerException when data is null
     * @throws DataException as {@link Builder#build()} (a lambda that is not a finite number >= 0, for one)
     */
    public static Problem of(Dataset data, double lambda) {
        Objects.requireNonNull(data, "data");
        return builder(data.x()).model(data.target(), data.weights(), lambda).build();
    }

    public DenseMatrix x() {
        return x;
    }

    public int rows() {
        return x.rows();
    }

    public int features() {
        return x.cols();
    }

    public int models() {
        return targets.length;
    }

    /**
     * Target column of model k (m values): the problem's own copy, made at build time, so later changes to the
     * array given to the builder do not reach it. Shared with the backends and with the models given the same
     * array; do not modify.
     */
    public float[] target(int k) {
        return targets[model(k)];
    }

    /**
     * Weight column of model k (m values), or null when every row weighs 1: the problem's own copy, made at
     * build time, so {@link #totalWeight} and the checks of the builder hold for it. Shared with the backends
     * and with the models given the same array; do not modify.
     */
    public float[] weights(int k) {
        return weights[model(k)];
    }

    /** Model k's L2 strength lambda_k (>= 0), as {@link Builder#model} gave it. */
    public double lambda(int k) {
        return lambdas[model(k)];
    }

    /** W_k = sum_i w_ik, accumulated in double. */
    public double totalWeight(int k) {
        return totalWeights[model(k)];
    }

    public boolean fitIntercept() {
        return fitIntercept;
    }

    /** Row weight w_ik, 1 when model k has no weight column. */
    public double weight(int k, int i) {
        // Checked for the unweighted model too: row m of an m-row problem has no weight, not 1.
        Objects.checkIndex(i, rows());
        return weights[model(k)] == null ? 1.0 : weights[k][i];
    }

    /**
     * k itself when this problem has model k; else an IndexOutOfBoundsException saying how many it has (a bare
     * "Index 5 out of bounds for length 1" had named neither the model nor the problem).
     */
    private int model(int k) {
        return ModelIndex.checked(k, targets.length, "of a problem of");
    }

    /**
     * This problem with each model whose largest weight lies outside [2^-{@value #BALANCED_EXPONENT},
     * 2^{@value #BALANCED_EXPONENT}] given its weight column and lambda multiplied by the power of two that brings
     * that weight into [1, 2); this problem itself when no model needs it. For the float32 sums of the fast
     * backends: the objective divides both the data term and lambda by W_k, so it is unchanged, and a power of
     * two scales every float product and sum exactly, so the passes give the same bits, but none overflows
     * (weights of 1e37 had overflowed the gradient sums of a few hundred rows) or sinks into subnormals. X and
     * the targets are shared; a scaled column shared by models stays shared. Not for DP-SGD's clipped sums,
     * which clip each weighted example at a fixed norm. Shapes: weights (K) columns of m or null, lambdas (K).
     */
    public Problem withBalancedWeights() {
        float[][] scaled = weights.clone();
        double[] scaledLambdas = lambdas.clone();
        Map<float[], float[]> copies = new IdentityHashMap<>();
        boolean changed = false;
        for (int k = 0; k < weights.length; k++) {
            float[] w = weights[k];
            int exponent = w == null ? 0 : Math.getExponent(largest(w));
            double lambda = Math.scalb(lambdas[k], -exponent);
            if (Math.abs(exponent) <= BALANCED_EXPONENT || Double.isInfinite(lambda)) {
                continue;
            }
            scaled[k] = copies.computeIfAbsent(w, column -> scaledBy(column, -exponent));
            scaledLambdas[k] = lambda;
            changed = true;
        }
        return changed ? new Problem(x, targets, scaled, scaledLambdas, fitIntercept) : this;
    }

    /** Largest weight exponent (base 2) left as it is by {@link #withBalancedWeights}. */
    static final int BALANCED_EXPONENT = 16;

    /** Shape: w (m). */
    private static float largest(float[] w) {
        float largest = 0;
        for (float v : w) {
            largest = Math.max(largest, v);
        }
        return largest;
    }

    /** Shapes: column (m); returns (m). */
    private static float[] scaledBy(float[] column, int exponent) {
        float[] out = new float[column.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.scalb(column[i], exponent);
        }
        return out;
    }

    /** W = sum_i w_i, m without weights. Shape: w (m) or null. */
    private static double sum(float[] w, int m) {
        if (w == null) {
            return m;
        }
        double s = 0;
        for (float v : w) {
            s += v;
        }
        return s;
    }

    /**
     * Collects the models of a batch; {@link #build()} copies the target and weight columns and validates
     * shapes, weights and penalties. X is kept by reference and must not be changed after {@code build()}.
     */
    public static final class Builder {
        private final DenseMatrix x;
        private final List<float[]> targets = new ArrayList<>();
        private final List<float[]> weights = new ArrayList<>();
        private final List<Double> lambdas = new ArrayList<>();
        private boolean fitIntercept = true;

        private Builder(DenseMatrix x) {
            this.x = Objects.requireNonNull(x, "x");
        }

        /**
         * Adds model k with its target column, weight column (null = unit weights) and lambda.
         *
         * @throws NullPointerException when y is null (the target, lengths and values, w and lambda are checked by
         *     {@link #build()})
         */
        public Builder model(float[] y, float[] w, double lambda) {
            targets.add(Objects.requireNonNull(y, "target"));
            weights.add(w);
            lambdas.add(lambda);
            return this;
        }

        /**
         * Whether the models have a bias b (default true). Without it b stays 0: the backends neither update
         * it nor report its gradient as anything but 0.
         */
        public Builder fitIntercept(boolean fit) {
            this.fitIntercept = fit;
            return this;
        }

        /**
         * The most a packed per-model array may hold: the longest array the JVM allocates (a little under
         * Integer.MAX_VALUE) less the backends' padding.
         */
        static final long MAX_PACKED = Integer.MAX_VALUE - 8 - 64;
        /** Values a model takes in the vector backend's row scratch (4 rows x 16 lanes) when n + 3 is fewer. */
        private static final int SCRATCH_PER_MODEL = 64;

        /**
         * The problem, after checking it: at least one model, X not empty and finite, each target and weight column
         * of m finite values (weights >= 0, some above 0), each lambda finite and >= 0, and K models of n features
         * within what the fast backends pack in one array. Targets and weights are
         * copied here; a {@link DataException} names the first problem found.
         *
         * @throws DataException when there is no model, X has no rows or columns or a value that is not finite (naming
         *     its row and column), a target or weight column is not of m rows, a target is not finite, a weight is
         *     negative or not finite or all are 0, lambda is not a finite number >= 0 (each naming the model, and the
         *     row), or K x max(n + 3, 64) is beyond what the fast backends pack in one array
         */
        public Problem build() {
            if (targets.isEmpty()) {
                throw new DataException("a problem needs at least one model");
            }
            if (x.rows() == 0 || x.cols() == 0) {
                throw new DataException("the feature matrix is empty (" + x.rows() + " x " + x.cols() + ")");
            }
            long packed = (long) targets.size() * Math.max(x.cols() + 3L, SCRATCH_PER_MODEL);
            if (packed > MAX_PACKED) {
                throw new DataException(targets.size() + " models x " + x.cols() + " features is too many at once: "
                        + "the fast backends pack every model's parameters and sums (K x max(n + 3, 64) = " + packed
                        + ") in one array, of at most " + MAX_PACKED + "; train the models in several batches");
            }
            x.requireFinite();
            // Copied before the checks, so that what was checked is what the problem keeps.
            Map<float[], float[]> copies = new IdentityHashMap<>();
            float[][] ys = copies(targets, copies);
            float[][] ws = copies(weights, copies);
            for (int k = 0; k < ys.length; k++) {
                check(k, ys[k], ws[k]);
            }
            return new Problem(this, ys, ws);
        }

        /** One copy per distinct array (null stays null), so models that shared a column still share it. */
        private static float[][] copies(List<float[]> columns, Map<float[], float[]> copies) {
            float[][] out = new float[columns.size()][];
            for (int k = 0; k < out.length; k++) {
                float[] c = columns.get(k);
                out[k] = c == null ? null : copies.computeIfAbsent(c, float[]::clone);
            }
            return out;
        }


        private void check(int k, float[] y, float[] w) {
            int m = x.rows();
            if (y.length != m) {
                throw new DataException("model " + k + ": target has " + y.length
                        + " rows, the features have " + m);
            }
            for (int i = 0; i < m; i++) {
                if (!Float.isFinite(y[i])) {
                    throw new DataException("model " + k + ", row " + i + ": target " + y[i]
                            + " is not a finite number");
                }
            }
            double lambda = lambdas.get(k);
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new DataException("model " + k + ": lambda must be a finite number >= 0, got " + lambda);
            }
            if (w == null) {
                return;
            }
            if (w.length != m) {
                throw new DataException("model " + k + ": weight column has " + w.length
                        + " rows, the features have " + m);
            }
            double total = 0;
            for (int i = 0; i < m; i++) {
                if (!(w[i] >= 0) || Float.isInfinite(w[i])) {
                    throw new DataException("model " + k + ", row " + i + ": weight " + w[i]
                            + " must be a finite number >= 0");
                }
                total += w[i];
            }
            if (total <= 0) {
                throw new DataException("model " + k + ": every row weight is zero, nothing to fit");
            }
        }
    }
}
