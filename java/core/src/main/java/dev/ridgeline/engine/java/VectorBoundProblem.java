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
import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Objects;

/**
 * The semantics of {@link ScalarBoundProblem}, computed on several threads by {@link PanelPassKernel}
 * (full batches, over a panel copy of X made at the first full-batch pass, where the shape suits it and the
 * heap has room) or {@link FusedPassKernel} (mini-batches and everything else, over X as it is).
 *
 * <p>Shapes: X (m, n); theta (K, n) kept in double for the update and mirrored in float for the kernel;
 * bias (K); velocity (K, n + 1). A pass splits its rows into the fixed {@link RowBlocks}, each block
 * fills its own (K, n + 3) partial, and the partials are added in block order: bitwise the same result
 * for any thread count.
 */
final class VectorBoundProblem implements BoundProblem, ClippedGradientStep {
    /** Stops the worker threads of a bound problem that was dropped without {@link #close()}. */
    private static final Cleaner WORKERS = Cleaner.create();

    private final Problem problem;
    /**
     * The problem the passes sum: {@link Problem#withBalancedWeights}, so that huge or tiny row weights neither
     * overflow nor underflow the float32 sums; the same bits as {@link #problem} otherwise.
     */
    private final Problem summed;
    private final int k;
    private final int n;
    private final int stride;
    private final FusedPassKernel kernel;
    private final BlockExecutor executor;
    /** Closes {@link #executor} once: at {@link #close()}, or when this object is collected unclosed. */
    private final Cleaner.Cleanable workers;
    private final RowScratch[] scratch;
    /** Whether full-batch passes may use X in panels ({@link PanelPassKernel}). */
    private final boolean panelsWanted;
    /** The panel copy of X and its kernel, made at the first full-batch pass; null until then or without room. */
    private PanelPassKernel panelKernel;
    /** Orders {@link #panels()}'s store of the copy with {@link #close()}'s release of it. */
    private final Object panelLock = new Object();
    private boolean panelsTried;
    private final PanelScratch[] panelScratch;
    private final double[][] partials = new double[RowBlocks.MAX_BLOCKS][];
    private final double[][] theta;
    private final float[] thetaFloat;
    private final double[] bias;
    private final double[][] velocity;
    private final double[][] gradient;
    private PassStats last;
    /** Volatile: close() may come from another thread, and the training thread must then see it. */
    private volatile boolean closed;
    final OneThreadAtATime use = new OneThreadAtATime("the " + VectorBackend.NAME + " bound problem");
    /** Guards the lazy allocation of {@link #partials} by the pass's workers. */
    private final Object partialsLock = new Object();

    /** {@code panels} false keeps every pass on the row kernel ({@link VectorBackend#PANELS_PROPERTY}). */
    VectorBoundProblem(Problem problem, int threads, boolean panels) {
        this.problem = problem;
        this.summed = problem.withBalancedWeights();
        this.panelsWanted = panels;
        this.panelScratch = new PanelScratch[threads];
        this.k = problem.models();
        this.n = problem.features();
        this.stride = n + 3;
        this.kernel = new FusedPassKernel(summed);
        this.executor = new BlockExecutor(threads);
        this.workers = WORKERS.register(this, executor::close);
        this.scratch = new RowScratch[threads];
        this.theta = new double[k][n];
        this.thetaFloat = new float[WorkerPadding.padded(k * n)];
        this.bias = new double[k];
        this.velocity = new double[k][n + 1];
        this.gradient = new double[k][n + 1];
        this.last = PassStats.beforeAnyStep(k);
    }

    @Override
    public Problem problem() {
        return problem;
    }

    // Shapes: p's theta (K, n) and bias (K) into theta, bias and thetaFloat (K, n) from PAD; velocity (K, n + 1)
    // cleared.
    @Override
    public void setParameters(Parameters p) {
        Objects.requireNonNull(p, "parameters");
        use.run(() -> {
            requireOpen();
            p.requireShape(k, n);
            for (int model = 0; model < k; model++) {
                theta[model] = p.theta(model);
                bias[model] = problem.fitIntercept() ? p.bias(model) : 0.0;
                Arrays.fill(velocity[model], 0.0);
            }
            mirrorTheta();
        });
    }

    @Override
    public Parameters parameters() {
        return use.read(() -> {
            requireOpen();
            return new Parameters(theta, bias);
        });
    }

    // Shapes: returns J (K), from the (K, n + 3) pass totals.
    @Override
    public double[] loss() {
        return use.read(() -> {
            requireOpen();
            return finish(pass(null, false), false, null);
        });
    }

    // Shapes: loss (K), theta gradient (K, n), bias gradient (K), from gradient (K, n + 1).
    @Override
    public Gradient lossAndGradient() {
        return use.read(() -> {
            requireOpen();
            double[] loss = finish(pass(null, true), true, null);
            double[][] gTheta = new double[k][];
            double[] gBias = new double[k];
            for (int model = 0; model < k; model++) {
                gTheta[model] = Arrays.copyOf(gradient[model], n);
                gBias[model] = gradient[model][n];
            }
            return new Gradient(loss, gTheta, gBias);
        });
    }

    // Shapes: the batch's rows (all m when null); gradient and velocity (K, n + 1), theta (K, n), bias (K); loss
    // and gradient norm (K).
    @Override
    public void step(StepRule rule, RowBatch batch) {
        Objects.requireNonNull(rule, "rule");
        use.run(() -> {
            requireOpen();
            rule.requireModels(k);
            if (batch != null) {
                batch.requireRowsBelow(problem.rows());
            }
            double[] loss = finish(pass(batch, true), true, batch);
            double[] norm = new double[k];
            for (int model = 0; model < k; model++) {
                norm[model] = norm(gradient[model]);
                update(model, rule);
            }
            mirrorTheta();
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

    // Shapes: x (rows, n), thetaFloat (K, n) from PAD, bias (K); returns (K, rows).
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
            float[] lanes = GroupLoops.laneBuffer();
            for (int i = 0; i < x.rows(); i++) {
                for (int model = 0; model < k; model++) {
                    double dot = kernel.dot(x.rowArray(i), x.rowOffset(i), thetaFloat, WorkerPadding.PAD + model * n,
                            lanes);
                    out[model][i] = dot + bias[model];
                }
            }
            return out;
        });
    }

    /**
     * DP-SGD's clipped gradient sum at the current parameters, on this problem's threads. Shapes: returns sums
     * (K, n + 1) and clipped-row counts (K).
     */
    @Override
    public ClippedSum clippedGradientSum(RowBatch batch, double clipNorm) {
        return use.call(() -> {
            requireOpen();
            batch.requireRowsBelow(problem.rows());
            return new VectorClippedSum(problem).sum(batch, clipNorm, thetaFloat, bias, executor);
        });
    }

    @Override
    public void close() {
        // The panel copy is as large as X: a closed problem still referenced (a field, a result holder) had
        // kept it reachable. A pass already running keeps its own reference to the kernel. Under the lock that
        // panels() stores the copy under, so a copy finished after this close is not kept either. Written before
        // the volatile flag, so that a thread which sees the problem closed sees these too.
        synchronized (panelLock) {
            panelsTried = true;
            panelKernel = null;
            closed = true;
        }
        workers.clean();
    }

    /** Without this check a closed problem failed inside the stopped thread pool, or ran on with one thread. */
    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the " + VectorBackend.NAME + " bound problem is closed");
        }
    }

    /** Runs the blocks of one pass and returns the (K, n + 3) totals, added in block order. */
    private double[] pass(RowBatch batch, boolean withGradient) {
        PanelPassKernel panelled = batch == null ? panels() : null;
        if (panelled != null) {
            return panelPass(panelled, withGradient);
        }
        int[] order = batch == null ? null : batch.order();
        int base = batch == null ? 0 : batch.from();
        RowBlocks blocks = RowBlocks.of(batch == null ? problem.rows() : batch.size(), n);
        executor.run(blocks.count(), (b, worker) -> kernel.accumulate(order, base, blocks.from(b),
                blocks.to(b), thetaFloat, bias, withGradient, scratch(worker), partial(b)));
        return total(blocks.count());
    }

    /**
     * A full-batch pass over the panel copy: blocks of whole groups; the rows after the last whole group
     * (fewer than G, all in the last block) go through the row kernel and are added to that block's partial.
     * Shapes: each block's partial and rest (K, n + 3); returns the (K, n + 3) totals.
     */
    private double[] panelPass(PanelPassKernel panelled, boolean withGradient) {
        int rows = problem.rows();
        int groupRows = PanelMatrix.GROUP_ROWS;
        RowBlocks blocks = RowBlocks.aligned(rows, n, groupRows, PanelPassKernel.minBlockRows(rows));
        int covered = PanelMatrix.groupsOf(rows) * groupRows;
        executor.run(blocks.count(), (b, worker) -> {
            int from = blocks.from(b);
            int to = blocks.to(b);
            double[] part = partial(b);
            panelled.accumulate(from / groupRows, Math.min(to, covered) / groupRows, thetaFloat, bias,
                    withGradient, panelScratch(worker), part);
            if (to > covered) {
                double[] rest = new double[k * stride];
                kernel.accumulate(null, 0, Math.max(from, covered), to, thetaFloat, bias, withGradient,
                        scratch(worker), rest);
                for (int e = 0; e < rest.length; e++) {
                    part[e] += rest[e];
                }
            }
        });
        return total(blocks.count());
    }

    /**
     * The partials of blocks 0 .. count - 1, added in block order. Shapes: each partial (K, n + 3); returns (K, n + 3).
     */
    private double[] total(int count) {
        double[] total = new double[k * stride];
        for (int b = 0; b < count; b++) {
            double[] part = partials[b];
            for (int e = 0; e < total.length; e++) {
                total[e] += part[e];
            }
        }
        return total;
    }

    /**
     * Turns pass totals into J_k and (when asked) the gradient of section 1: data term scaled by 1 / W_k for
     * a full pass (batch null) or {@link RowBatch#dataScale}, L2 term by the full W_k, bias gradient zero
     * without an intercept. Shapes: total (K, n + 3); theta (K, n); gradient (K, n + 1) written when asked; returns
     * J (K).
     */
    private double[] finish(double[] total, boolean withGradient, RowBatch batch) {
        double[] loss = new double[k];
        for (int model = 0; model < k; model++) {
            int at = model * stride;
            double passWeight = total[at + n + 2];
            double dataScale = RowBatch.dataScale(batch, summed.rows(), summed.totalWeight(model), passWeight);
            double l2 = summed.lambda(model) / summed.totalWeight(model);
            double[] t = theta[model];
            double thetaSq = 0;
            for (int j = 0; j < n; j++) {
                thetaSq += t[j] * t[j];
            }
            if (withGradient) {
                double[] g = gradient[model];
                for (int j = 0; j < n; j++) {
                    g[j] = total[at + j] * dataScale + l2 * t[j];
                }
                g[n] = problem.fitIntercept() ? total[at + n] * dataScale : 0.0;
            }
            loss[model] = 0.5 * dataScale * total[at + n + 1] + 0.5 * l2 * thetaSq;
        }
        return loss;
    }

    /**
     * v <- mu v + g; p <- p - alpha (nesterov ? g + mu v : v), for theta and bias (as the scalar backend).
     * Shapes: the model's velocity and gradient (n + 1), its theta (n), bias (K).
     */
    private void update(int model, StepRule rule) {
        double alpha = rule.learningRate(model);
        if (alpha == 0) {
            // A stopped model stays as it is: 0 x a gradient that overflowed (a diverged model of a batch) was NaN.
            return;
        }
        double mu = rule.momentum();
        double[] v = velocity[model];
        double[] g = gradient[model];
        double[] t = theta[model];
        for (int j = 0; j <= n; j++) {
            v[j] = mu * v[j] + g[j];
            double direction = rule.nesterov() ? g[j] + mu * v[j] : v[j];
            if (j < n) {
                t[j] -= alpha * direction;
            } else if (problem.fitIntercept()) {
                bias[model] -= alpha * direction;
            }
        }
    }

    /** thetaFloat[PAD + k n + j] = (float) theta[k][j]. Shapes: theta (K, n), thetaFloat (K, n) from PAD. */
    private void mirrorTheta() {
        for (int model = 0; model < k; model++) {
            for (int j = 0; j < n; j++) {
                thetaFloat[WorkerPadding.PAD + model * n + j] = (float) theta[model][j];
            }
        }
    }

    /**
     * The panel kernel, copying X on first use; null when panels are not wanted, X has no whole group, the
     * shape does not suit it ({@link PanelPassKernel#suits}), or the heap has no room for the copy (then
     * the row kernel runs, with one warning).
     */
    private PanelPassKernel panels() {
        if (!panelsTried) {
            panelsTried = true;
            if (panelsWanted && PanelMatrix.groupsOf(problem.rows()) > 0 && PanelPassKernel.suits(n, k)) {
                PanelMatrix copy = PanelMatrix.copyIfRoom(problem.x(), copyExecutor());
                PanelPassKernel made = copy == null ? null : new PanelPassKernel(summed, copy);
                // close() from another thread while the copy was made: this pass may use it, the closed
                // problem must not keep it (it had, 79 MB at 400,000 x 64, for as long as it was referenced).
                synchronized (panelLock) {
                    if (!closed) {
                        panelKernel = made;
                    }
                }
                return made;
            }
        }
        return panelKernel;
    }

    /**
     * The threads that make the panel copy: this problem's, or only the calling thread when X is one row block
     * ({@link RowBlocks}), as its passes are. The copy runs in 64 tasks whatever X's size, so a java-vector fit of
     * 200 x 5 had started every helper of the pool for 4 KB of copying: each small fit of a service on the
     * default backend started threads - 1 threads (7 at 8 threads), and took three times as long as on one
     * thread (1.8 against 0.6 ms at 200 x 5, 2 threads). The copy is the same whichever threads make it.
     */
    private BlockExecutor copyExecutor() {
        return RowBlocks.of(problem.rows(), n).count() <= 1 ? CALLING_THREAD : executor;
    }

    /** Runs every block on the calling thread; it has no pool to start or close. */
    private static final BlockExecutor CALLING_THREAD = new BlockExecutor(1);

    /** Whether full-batch passes go through the panel kernel (decided at the first full-batch pass); for tests. */
    boolean usesPanels() {
        return panels() != null;
    }

    /** Whether this object still holds the panel copy of X; for tests. */
    boolean holdsPanelCopy() {
        return panelKernel != null;
    }

    private PanelScratch panelScratch(int worker) {
        if (panelScratch[worker] == null) {
            panelScratch[worker] = new PanelScratch(k, n);
        }
        return panelScratch[worker];
    }

    private RowScratch scratch(int worker) {
        if (scratch[worker] == null) {
            scratch[worker] = new RowScratch(k, n, FusedPassKernel.blockGradient(n, k));
        }
        return scratch[worker];
    }

    private double[] partial(int block) {
        // A lock of its own: on the problem object, a caller holding that monitor while it waited for its turn
        // on the problem stopped the pass's workers here, and so the thread it waited for (a deadlock).
        synchronized (partialsLock) {
            if (partials[block] == null) {
                partials[block] = new double[k * stride];
            }
            return partials[block];
        }
    }

    /** The Euclidean norm of g. Shape: g (n + 1), a model's gradient. */
    private static double norm(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
