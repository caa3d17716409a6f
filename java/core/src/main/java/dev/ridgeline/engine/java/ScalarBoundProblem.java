package dev.ridgeline.engine.java;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.ClippedGradientStep;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.OneThreadAtATime;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.PassStats;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;
import java.util.Objects;

/**
 * Section 1 of the design in plain loops. Shapes: X (m, n), theta (K, n), bias (K), velocity (K, n + 1).
 * Each model is computed on its own, in the same order as a run with K = 1, so a batch of K models gives
 * bitwise the same result as K separate runs.
 */
final class ScalarBoundProblem implements BoundProblem, ClippedGradientStep {
    private final Problem problem;
    private final int k;
    private final int n;
    private final double[][] theta;
    private final double[] bias;
    private final double[][] velocity;
    private final double[] gradient;
    private PassStats last;
    /** Volatile: close() may come from another thread, and the training thread must then see it. */
    private volatile boolean closed;
    final OneThreadAtATime use = new OneThreadAtATime("the " + ScalarBackend.NAME + " bound problem");

    ScalarBoundProblem(Problem problem) {
        this.problem = problem;
        this.k = problem.models();
        this.n = problem.features();
        this.theta = new double[k][n];
        this.bias = new double[k];
        this.velocity = new double[k][n + 1];
        this.gradient = new double[n + 1];
        this.last = PassStats.beforeAnyStep(k);
    }

    @Override
    public Problem problem() {
        return problem;
    }

    // Shapes: p's theta (K, n) and bias (K) copied into theta and bias; velocity (K, n + 1) cleared.
    @Override
    public void setParameters(Parameters p) {
        Objects.requireNonNull(p, "parameters");
        use.run(() -> {
            requireOpen();
            p.requireShape(k, n);
            for (int model = 0; model < k; model++) {
                theta[model] = p.theta(model);
                bias[model] = problem.fitIntercept() ? p.bias(model) : 0.0;
                java.util.Arrays.fill(velocity[model], 0.0);
            }
        });
    }

    @Override
    public Parameters parameters() {
        return use.read(() -> {
            requireOpen();
            return new Parameters(theta, bias);
        });
    }

    // Shapes: X (m, n); returns J (K), one pass per model.
    @Override
    public double[] loss() {
        return use.read(() -> {
            requireOpen();
            double[] out = new double[k];
            for (int model = 0; model < k; model++) {
                out[model] = pass(model, null, null);
            }
            return out;
        });
    }

    // Shapes: loss (K), theta gradient (K, n), bias gradient (K); gradient (n + 1) per model's pass.
    @Override
    public Gradient lossAndGradient() {
        return use.read(() -> {
            requireOpen();
            double[] loss = new double[k];
            double[][] gTheta = new double[k][];
            double[] gBias = new double[k];
            for (int model = 0; model < k; model++) {
                loss[model] = pass(model, null, gradient);
                gTheta[model] = java.util.Arrays.copyOf(gradient, n);
                gBias[model] = gradient[n];
            }
            return new Gradient(loss, gTheta, gBias);
        });
    }

    // Shapes: the batch's rows (all m when null); loss and gradient norm (K); gradient (n + 1) per model.
    @Override
    public void step(StepRule rule, RowBatch batch) {
        Objects.requireNonNull(rule, "rule");
        use.run(() -> {
            requireOpen();
            rule.requireModels(k);
            if (batch != null) {
                batch.requireRowsBelow(problem.rows());
            }
            double[] loss = new double[k];
            double[] norm = new double[k];
            for (int model = 0; model < k; model++) {
                loss[model] = pass(model, batch, gradient);
                norm[model] = norm(gradient);
                update(model, rule);
            }
            last = new PassStats(loss, norm);
        });
    }

    /** Checked here too: the default's loop runs no step for count 0, which let a closed problem answer. */
    @Override
    public void steps(StepRule rule, int count) {
        use.run(() -> {
            requireOpen();
            BoundProblem.super.steps(rule, count);
        });
    }

    @Override
    public PassStats lastPass() {
        return use.read(() -> {
            requireOpen();
            return last;
        });
    }

    // Shapes: x (rows, n), theta (K, n), bias (K); returns (K, rows).
    @Override
    public double[][] predict(DenseMatrix x) {
        Objects.requireNonNull(x, "x");
        return use.read(() -> {
            requireOpen();
            if (x.cols() != n) {
                throw new IllegalArgumentException("data has " + x.cols() + " features, the model has " + n);
            }
            x.requireFinite();
            double[][] out = new double[k][x.rows()];
            for (int model = 0; model < k; model++) {
                for (int i = 0; i < x.rows(); i++) {
                    out[model][i] = dot(x, i, theta[model]) + bias[model];
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        // Nothing to release (the data stays in the caller's arrays), but later calls are refused as on
        // the other backends, so that a use after close does not go unnoticed here.
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the " + ScalarBackend.NAME + " bound problem is closed");
        }
    }

    /**
     * One pass for one model over the batch rows (all rows when batch is null). Returns J over the batch:
     * data term scaled by {@link RowBatch#dataScale(RowBatch, int, double, double)}, L2 term by the full W. When grad is non-null it receives
     * (n + 1) values: the theta gradient, then the bias gradient. Shapes: X (m, n), the model's y (m), w (m)
     * or null and theta (n); grad (n + 1) or null.
     */
    private double pass(int model, RowBatch batch, double[] grad) {
        DenseMatrix x = problem.x();
        float[] y = problem.target(model);
        float[] w = problem.weights(model);
        double[] t = theta[model];
        double b = bias[model];
        if (grad != null) {
            java.util.Arrays.fill(grad, 0.0);
        }
        double sumSq = 0;
        double passWeight = 0;
        int count = batch == null ? x.rows() : batch.size();
        for (int r = 0; r < count; r++) {
            int i = batch == null ? r : batch.order()[batch.from() + r];
            double wi = w == null ? 1.0 : w[i];
            double residual = dot(x, i, t) + b - y[i];
            sumSq += wi * residual * residual;
            passWeight += wi;
            if (grad != null) {
                float[] a = x.rowArray(i);
                int off = x.rowOffset(i);
                double scaled = wi * residual;
                for (int j = 0; j < n; j++) {
                    grad[j] += scaled * a[off + j];
                }
                grad[n] += scaled;
            }
        }
        double fullWeight = problem.totalWeight(model);
        double lambda = problem.lambda(model);
        double dataScale = RowBatch.dataScale(batch, problem.rows(), fullWeight, passWeight);
        double thetaSq = 0;
        for (int j = 0; j < n; j++) {
            thetaSq += t[j] * t[j];
        }
        if (grad != null) {
            for (int j = 0; j < n; j++) {
                grad[j] = grad[j] * dataScale + lambda / fullWeight * t[j];
            }
            grad[n] = problem.fitIntercept() ? grad[n] * dataScale : 0.0;
        }
        return 0.5 * dataScale * sumSq + 0.5 * lambda / fullWeight * thetaSq;
    }

    // Shapes: the batch's rows of X (m, n); g (n + 1) per row; returns sums (K, n + 1) and clipped counts (K).
    @Override
    public ClippedSum clippedGradientSum(RowBatch batch, double clipNorm) {
        return use.call(() -> {
            requireOpen();
            if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
                throw new IllegalArgumentException("clipping norm must be a finite number > 0, got " + clipNorm);
            }
            batch.requireRowsBelow(problem.rows());
            DenseMatrix x = problem.x();
            double[][] sums = new double[k][n + 1];
            int[] clipped = new int[k];
            double[] g = new double[n + 1];
            for (int model = 0; model < k; model++) {
                for (int r = 0; r < batch.size(); r++) {
                    int i = batch.order()[batch.from() + r];
                    double residual = dot(x, i, theta[model]) + bias[model] - problem.target(model)[i];
                    double scaled = problem.weight(model, i) * residual;
                    float[] a = x.rowArray(i);
                    int off = x.rowOffset(i);
                    for (int j = 0; j < n; j++) {
                        g[j] = scaled * a[off + j];
                    }
                    g[n] = problem.fitIntercept() ? scaled : 0.0;
                    double norm = norm(g);
                    double factor = norm > clipNorm ? clipNorm / norm : 1.0;
                    clipped[model] += norm > clipNorm ? 1 : 0;
                    for (int j = 0; j <= n; j++) {
                        sums[model][j] += factor * g[j];
                    }
                }
            }
            return new ClippedSum(sums, clipped);
        });
    }

    /**
     * v <- mu v + g; p <- p - alpha (nesterov ? g + mu v : v), for theta and bias. Shapes: the model's velocity
     * and gradient (n + 1), its theta (n), bias (K).
     */
    private void update(int model, StepRule rule) {
        double alpha = rule.learningRate(model);
        if (alpha == 0) {
            // A stopped model stays as it is: 0 x a gradient that overflowed (a diverged model of a batch) was NaN.
            return;
        }
        double mu = rule.momentum();
        double[] v = velocity[model];
        double[] t = theta[model];
        for (int j = 0; j <= n; j++) {
            v[j] = mu * v[j] + gradient[j];
            double direction = rule.nesterov() ? gradient[j] + mu * v[j] : v[j];
            if (j < n) {
                t[j] -= alpha * direction;
            } else if (problem.fitIntercept()) {
                bias[model] -= alpha * direction;
            }
        }
    }

    /** x_i . t in double. Shapes: x (m, n), t (n). */
    private static double dot(DenseMatrix x, int i, double[] t) {
        float[] a = x.rowArray(i);
        int off = x.rowOffset(i);
        double s = 0;
        for (int j = 0; j < t.length; j++) {
            s += a[off + j] * t[j];
        }
        return s;
    }

    /** The Euclidean norm of g. Shape: g (n + 1), a model's gradient or one row's. */
    private static double norm(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
