package dev.ridgeline.engine.cuda;

import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

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
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import jcuda.driver.CUcontext;

/**
 * A problem resident on the GPU. Shapes as in {@link ResidentBuffers}. Semantics are those of the
 * scalar reference: data term scaled by RowBatch.dataScale, L2 term over the full W_k, momentum on theta
 * and bias, alpha_k = 0 freezes model k. Every call enqueues work on one stream; the calls that copy to or
 * from the host wait for the device: the reads back (parameters, loss, gradient, lastPass, predict), the
 * clipped gradient sum (read back), setParameters and the bind (their uploads), close (queued work first);
 * a full-batch step waits only for the small upload of learning rates that differ from the last ones, a
 * mini-batch step also for the upload of its row indices (4 bytes a row) and K data scales. One thread at a
 * time: another thread's update during an update is refused, every other call waits for its turn
 * ({@link OneThreadAtATime}).
 */
final class CudaBoundProblem implements BoundProblem, ClippedGradientStep {
    /** Epochs per captured graph: one host launch per this many full-batch epochs. */
    static final int GRAPH_EPOCHS = 8;
    /** Epochs between reads of the loss that trainers should use: a read costs a host round trip. */
    static final int MONITOR_INTERVAL = 16;

    private final Problem problem;
    /** Models and features; k (n + 1), the packed parameters' length, fits an int (Problem.build's MAX_PACKED). */
    private final int k;
    private final int n;
    private boolean useGraphs;
    private String graphFailure;
    private CudaContext ctx;
    private KernelModule kernels;
    private ResidentBuffers buf;
    private LaunchPlan plan;
    private EpochLauncher launcher;
    /** Every kernel launch of this problem, epochs and DP-SGD's clipped sums alike (checked or not). */
    private EpochLauncher.KernelLauncher launch;
    private EpochGraph graph;
    private double[] uploadedRates;
    private boolean closed;
    /** Whether a step has run: until then the statistics buffer holds no pass (lastPass answers NaN). */
    private boolean stepped;
    /** Two threads at once would interleave their launches on one stream, or free buffers under the other's. */
    final OneThreadAtATime use = new OneThreadAtATime("the " + CudaBackend.NAME + " bound problem");

    CudaBoundProblem(Problem problem, KernelImage image, boolean useGraphs, boolean checkLaunches) {
        this.problem = problem;
        this.k = problem.models();
        this.n = problem.features();
        this.useGraphs = useGraphs;
        KernelGeometry.checkModels(k);  // before any device work
        // The thread's context before the bind, given back when it ends (inContext's rule for every entry point).
        CUcontext previous = CudaContext.current();
        try {
            ctx = CudaContext.open();
            kernels = KernelModule.load(image);
            plan = planLaunches();
            ColumnTable ys = new ColumnTable(columns(true));
            ColumnTable ws = new ColumnTable(columns(false));
            MemoryPlan.forBind(problem.rows(), n, k, ys.size(), ws.size(), plan.gradientPartialBlocks(),
                    plan.lossPartialBlocks(), !plan.narrow())
                    .checkFits(ctx.freeBytes(), ctx.deviceName());
            buf = new ResidentBuffers(problem, ys, ws, plan, DeviceBuffer::allocate);
            buf.uploadData(problem, ys, ws, ctx.stream());
            uploadScales();
            for (DeviceBuffer b : new DeviceBuffer[] {buf.paramsD, buf.paramsF, buf.velocity, buf.counter,
                buf.stats, buf.evalStats, buf.alpha}) {
                b.zero(ctx.stream());
            }
            launch = (name, args, gridX, gridY, shared) -> {
                args.launch(name, kernels.function(name), gridX, gridY, shared, ctx.stream());
                if (checkLaunches) {
                    CudaException.check(CudaBackend.CHECKED_LAUNCH + name + " (grid " + gridX + "x" + gridY
                            + ", " + shared + " B shared) on " + problem.rows() + " x " + n + ", " + k + " models",
                            cuStreamSynchronize(ctx.stream()));
                }
            };
            launcher = new EpochLauncher(buf, plan, problem, launch);
            ctx.synchronize();
        } catch (RuntimeException e) {
            releaseAfterFailure(e);
            throw e;
        } finally {
            CudaContext.restore(previous);
        }
    }

    private LaunchPlan planLaunches() {
        LaunchPlan first = new LaunchPlan(problem.rows(), n, k, ctx.multiprocessors(), ctx.maxSharedPerBlock(), 1);
        if (!first.narrow()) {
            return first;
        }
        kernels.allowSharedMemory(first.fusedKernel(), first.sharedBytes());
        kernels.allowSharedMemory(first.lossKernel(), first.sharedBytes());
        int perMultiprocessor = kernels.blocksPerMultiprocessor(first.fusedKernel(), first.sharedBytes());
        return new LaunchPlan(problem.rows(), n, k, ctx.multiprocessors(), ctx.maxSharedPerBlock(), perMultiprocessor);
    }

    private float[][] columns(boolean targets) {
        float[][] out = new float[k][];
        for (int model = 0; model < k; model++) {
            out[model] = targets ? problem.target(model) : problem.weights(model);
        }
        return out;
    }

    /** Shapes: fullDataScale (K) = 1 / W_k and l2Scale (K) = lambda_k / W_k, in double. */
    private void uploadScales() {
        double[] data = new double[k];
        double[] l2 = new double[k];
        for (int model = 0; model < k; model++) {
            data[model] = 1.0 / problem.totalWeight(model);
            l2[model] = problem.lambda(model) / problem.totalWeight(model);
        }
        buf.fullDataScale.upload(data, ctx.stream());
        buf.l2Scale.upload(l2, ctx.stream());
    }

    @Override
    public Problem problem() {
        return problem;
    }

    /** Which kernels an epoch runs, for reports. */
    String path() {
        return plan.describe() + (useGraphs ? ", CUDA graphs of " + GRAPH_EPOCHS + " epochs"
                : graphFailure == null ? ", no CUDA graphs" : ", no CUDA graphs (" + graphFailure + ")");
    }

    LaunchPlan plan() {
        return plan;
    }

    CudaContext context() {
        return ctx;
    }

    /**
     * Shapes: p theta (K, n) and bias (K), packed into paramsD (K, n + 1) double (theta_k then b_k) and its float
     * mirror paramsF (K, n + 1); velocity (K, n + 1) zeroed.
     */
    @Override
    public void setParameters(Parameters p) {
        Objects.requireNonNull(p, "parameters");
        use.run(() -> inContextRun(() -> {
            p.requireShape(k, n);
            double[] packed = new double[k * (n + 1)];
            float[] mirror = new float[packed.length];
            for (int model = 0; model < k; model++) {
                for (int j = 0; j < n; j++) {
                    packed[model * (n + 1) + j] = p.theta(model, j);
                }
                packed[model * (n + 1) + n] = problem.fitIntercept() ? p.bias(model) : 0.0;
            }
            for (int e = 0; e < packed.length; e++) {
                mirror[e] = (float) packed[e];
            }
            buf.paramsD.upload(packed, ctx.stream());
            buf.paramsF.upload(mirror, mirror.length, 0, ctx.stream());
            buf.velocity.zero(ctx.stream());
            ctx.synchronize();
        }));
    }

    /** Shapes: paramsD (K, n + 1) read back; returns theta (K, n), bias (K). */
    @Override
    public Parameters parameters() {
        return use.read(() -> inContext(() -> {
            double[] packed = new double[k * (n + 1)];
            buf.paramsD.download(packed, ctx.stream());
            double[][] theta = new double[k][];
            double[] bias = new double[k];
            for (int model = 0; model < k; model++) {
                theta[model] = Arrays.copyOfRange(packed, model * (n + 1), model * (n + 1) + n);
                bias[model] = packed[model * (n + 1) + n];
            }
            return new Parameters(theta, bias);
        }));
    }

    /** Shapes: loss partials (blocks, K) float, reduced into lossOut (K) and read back. */
    @Override
    public double[] loss() {
        return use.read(() -> inContext(() -> {
            launcher.enqueueLoss();
            double[] out = new double[k];
            buf.lossOut.download(out, ctx.stream());
            return out;
        }));
    }

    /**
     * Shapes: gradOut (K, n + 1) double read back as theta (K, n) and bias (K); evalStats (K, 2) gives the loss
     * (K).
     */
    @Override
    public Gradient lossAndGradient() {
        return use.read(() -> inContext(() -> {
            launcher.enqueueEpoch(null, problem.rows(), buf.fullDataScale, 0.0, false, false);
            double[] packed = new double[k * (n + 1)];
            buf.gradOut.download(packed, ctx.stream());
            double[][] theta = new double[k][];
            double[] bias = new double[k];
            for (int model = 0; model < k; model++) {
                theta[model] = Arrays.copyOfRange(packed, model * (n + 1), model * (n + 1) + n);
                bias[model] = packed[model * (n + 1) + n];
            }
            return new Gradient(readStats(buf.evalStats)[0], theta, bias);
        }));
    }

    /**
     * Shapes: X (m, n); a batch's rows (b), b at most m, into batchRows (m) and its data scales (K) into
     * batchDataScale; learning rates (K); parameters and velocity (K, n + 1) updated on the device.
     */
    @Override
    public void step(StepRule rule, RowBatch batch) {
        Objects.requireNonNull(rule, "rule");
        use.run(() -> inContextRun(() -> {
            uploadRates(rule);
            if (batch == null) {
                stepped = true;
                launcher.enqueueEpoch(null, problem.rows(), buf.fullDataScale, rule.momentum(), rule.nesterov(), true);
                return;
            }
            requireBatchFits(batch, problem.rows());
            stepped = true;
            buf.batchRows.upload(batch.order(), batch.from(), batch.size(), ctx.stream());
            buf.batchDataScale.upload(batchDataScale(batch), ctx.stream());
            launcher.enqueueEpoch(buf.batchRows, batch.size(), buf.batchDataScale, rule.momentum(), rule.nesterov(), true);
        }));
    }

    /** Shapes: {@code count} full-batch epochs over X (m, n); learning rates (K); parameters (K, n + 1). */
    @Override
    public void steps(StepRule rule, int count) {
        use.run(() -> inContextRun(() -> {
            BoundProblem.requireStepCount(count);
            uploadRates(rule);
            stepped |= count > 0;
            int done = 0;
            EpochGraph g = useGraphs && count >= GRAPH_EPOCHS ? graphFor(rule) : null;
            if (g != null) {
                for (; done + g.epochs() <= count; done += g.epochs()) {
                    g.launch(ctx.stream());
                }
            }
            for (; done < count; done++) {
                launcher.enqueueEpoch(null, problem.rows(), buf.fullDataScale, rule.momentum(), rule.nesterov(), true);
            }
        }));
    }

    private EpochGraph graphFor(StepRule rule) {
        if (graph != null && graph.matches(rule.momentum(), rule.nesterov())) {
            return graph;
        }
        if (graph != null) {
            graph.close();
            graph = null;
        }
        try {
            graph = EpochGraph.capture(ctx.stream(), GRAPH_EPOCHS, rule.momentum(), rule.nesterov(),
                    () -> launcher.enqueueEpoch(null, problem.rows(), buf.fullDataScale, rule.momentum(),
                            rule.nesterov(), true));
        } catch (CudaException e) {
            if (e.kernelFault()) {
                throw e;  // a fault of an earlier kernel, not a capture the driver lacks: report it as such
            }
            // A driver that cannot capture still runs the same kernels launched one by one (same results).
            useGraphs = false;
            graphFailure = e.getMessage();
        }
        return graph;
    }

    @Override
    public PassStats lastPass() {
        return use.read(() -> inContext(() -> {
            if (!stepped) {
                return PassStats.beforeAnyStep(k);
            }
            double[][] s = readStats(buf.stats);
            return new PassStats(s[0], s[1]);
        }));
    }

    /** Loss (K) and gradient norm (K) from a statistics buffer (K, 2). */
    private double[][] readStats(DeviceBuffer from) {
        double[] packed = new double[2 * k];
        from.download(packed, ctx.stream());
        double[] loss = new double[k];
        double[] norm = new double[k];
        for (int model = 0; model < k; model++) {
            loss[model] = packed[2 * model];
            norm[model] = packed[2 * model + 1];
        }
        return new double[][] {loss, norm};
    }

    /** Shapes: x (rows, n); returns (K, rows). */
    @Override
    public double[][] predict(DenseMatrix x) {
        Objects.requireNonNull(x, "x");
        return use.read(() -> inContext(() -> {
            if (x.cols() != n) {
                throw new IllegalArgumentException("data has " + x.cols() + " features, the model has " + n);
            }
            x.requireFinite();
            return new Predictor(ctx, launcher).predict(x, k);
        }));
    }

    /**
     * Every row of the batch in [0, m), and at most m positions: the device buffer of the batch's rows holds m
     * indices (ResidentBuffers), and a longer batch (rows repeated, as in sampling with replacement) had failed
     * as a copy "outside device buffer 'batch rows'". The Java backends take such a batch.
     */
    static void requireBatchFits(RowBatch batch, int rows) {
        batch.requireRowsBelow(rows);
        if (batch.size() > rows) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "a batch of %d positions over %d"
                    + " rows: the cuda backend takes at most as many positions as rows (java-scalar and java-vector"
                    + " take a batch that repeats rows beyond that)", batch.size(), rows));
        }
    }

    /** DP-SGD's clipped gradient sum at the current parameters (native/clipped_sum.cu). */
    @Override
    public ClippedSum clippedGradientSum(RowBatch batch, double clipNorm) {
        return use.call(() -> inContext(() -> {
            requireBatchFits(batch, problem.rows());
            return CudaClippedSum.sum(ctx, buf, problem, batch, clipNorm, launch);
        }));
    }

    @Override
    public int suggestedMonitorInterval() {
        return MONITOR_INTERVAL;
    }

    /** Uploads the learning rates only when they differ from the last upload (a small synchronous copy). */
    private void uploadRates(StepRule rule) {
        rule.requireModels(k);
        double[] rates = rule.learningRates();
        if (!Arrays.equals(rates, uploadedRates)) {
            buf.alpha.upload(rates, ctx.stream());
            uploadedRates = rates;
        }
    }

    /** {@link RowBatch#dataScale} per model, as the scalar reference computes it. Shape: returns (K). */
    private double[] batchDataScale(RowBatch batch) {
        double[] scale = new double[k];
        for (int model = 0; model < k; model++) {
            scale[model] = batch.dataScale(problem.rows(), problem.totalWeight(model));
        }
        return scale;
    }

    /**
     * Runs {@code body} with this problem's context current on the calling thread, and gives the thread back the
     * context it had (none, or a context of the caller's own CUDA work): a service that uses CUDA itself on the
     * thread finds its context as it left it.
     */
    private <T> T inContext(Supplier<T> body) {
        if (closed) {
            throw new IllegalStateException("the " + CudaBackend.NAME + " bound problem is closed");
        }
        CUcontext previous = ctx.enter();
        try {
            return body.get();
        } finally {
            CudaContext.restore(previous);
        }
    }

    /** {@link #inContext(Supplier)} for a body without a result. */
    private void inContextRun(Runnable body) {
        inContext(() -> {
            body.run();
            return null;
        });
    }

    /**
     * An update: refused while another thread is inside an update (its queued launches would read the freed
     * buffers), and waits for another thread's read to end.
     */
    @Override
    public void close() {
        use.run(this::release);
    }

    private void release() {
        if (closed) {
            return;
        }
        closed = true;
        CUcontext previous = CudaContext.current();
        try {
            releaseResources();
        } finally {
            CudaContext.restore(previous);
        }
    }

    /** The device resources of {@link #release}, this problem's context made current for each. */
    private void releaseResources() {
        if (ctx != null && ctx.lost()) {
            // A kernel's fault condemned the context: its buffers, module and graph go with it when the last
            // handle on it closes, which may be this one.
            ctx.close();
            return;
        }
        RuntimeException first = null;
        // Work still queued on the stream (epochs of steps(), a graph launch) reads these buffers: it finishes
        // before they are freed; the driver does not promise that cuMemFree waits for it.
        try {
            if (ctx != null) {
                ctx.makeCurrent();
                ctx.synchronize();
            }
        } catch (RuntimeException e) {
            first = e;
        }
        for (AutoCloseable r : new AutoCloseable[] {graph, buf, kernels, ctx}) {
            try {
                if (r != null) {
                    if (r != ctx) {
                        ctx.makeCurrent();
                    }
                    r.close();
                }
            } catch (Exception e) {
                first = first == null ? asRuntime(e) : first;
            }
        }
        if (first instanceof CudaException fault && fault.kernelFault()) {
            ctx.discardAfterFault();  // unusable now: the next bind gets a new context once no handle is open on it
        }
        if (first != null) {
            throw first;
        }
    }

    private void releaseAfterFailure(RuntimeException cause) {
        try {
            if (ctx != null) {
                close();
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static RuntimeException asRuntime(Exception e) {
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
}
