package dev.ridgeline.engine.cuda;

import dev.ridgeline.engine.Problem;

/**
 * Enqueues the kernels of one epoch, one loss evaluation or one prediction on the context's stream,
 * without waiting: the host returns at once and reads back only when asked. The arguments follow the
 * kernels' C signatures exactly (KernelSignatureTest checks every launch against native/*.cu).
 */
final class EpochLauncher {
    /** Launches one kernel; on a device, {@link KernelArgs#launch} on the context's stream. */
    @FunctionalInterface
    interface KernelLauncher {
        void launch(String kernel, KernelArgs args, int gridX, int gridY, long sharedBytes);
    }

    private final ResidentBuffers buf;
    private final LaunchPlan plan;
    private final Problem problem;
    private final KernelLauncher launcher;

    EpochLauncher(ResidentBuffers buf, LaunchPlan plan, Problem problem, KernelLauncher launcher) {
        this.buf = buf;
        this.plan = plan;
        this.problem = problem;
        this.launcher = launcher;
    }

    /**
     * The pass and the reduction of one epoch over count rows (batchRows: the first count entries of
     * buf.batchRows; null: all rows). applyUpdate false leaves the parameters and the statistics of
     * the last step alone, and writes gradOut and evalStats instead. Shapes: as {@link #enqueuePass} and
     * {@link #enqueueReduce}; dataScale (K).
     */
    void enqueueEpoch(DeviceBuffer batchRows, long count, DeviceBuffer dataScale, double momentum,
                      boolean nesterov, boolean applyUpdate) {
        enqueuePass(batchRows, count);
        enqueueReduce(count, dataScale, momentum, nesterov, applyUpdate);
    }

    /**
     * Gradient and loss partials of every model group. Shapes: X (m, n), paramsF (K, n + 1) float, targets
     * (ny, m), weights (nw, m), batchRows (count) or null; writes gradPartial (blocks, K, n + 1) and lossPartial
     * (blocks, K) float; the wide path also wideResiduals (K, count) = w r.
     */
    void enqueuePass(DeviceBuffer batchRows, long count) {
        for (int g = 0; g < plan.groups(); g++) {
            if (plan.narrow()) {
                rowArgs(batchRows, count, g).i32(plan.tileRows()).ptr(buf.gradPartial).ptr(buf.lossPartial)
                        .launchVia(launcher, plan.fusedKernel(), plan.passBlocks(count), 1, plan.sharedBytes());
            } else {
                enqueueWideResiduals(batchRows, count, g);
                long slabRows = plan.wideSlabRows(count);
                new KernelArgs().ptr(buf.x).i64(problem.features()).ptr(batchRows).i64(count)
                        .ptr(buf.wideResiduals).i32(problem.models()).i32(plan.groupBegin(g))
                        .i32(plan.groupSize(g)).i64(slabRows).ptr(buf.gradPartial)
                        .launchVia(launcher, KernelNames.WIDE_GRADIENT,
                                KernelGeometry.wideColumnBlocks(problem.features()), plan.wideSlabs(count), 0);
            }
        }
    }

    /**
     * The fixed-order reduction of the partials, fused with the update. Shapes: gradPartial (gradient blocks, K,
     * n + 1) and lossPartial (loss blocks, K) float; paramsD and velocity (K, n + 1) double, paramsF (K, n + 1)
     * float; dataScale, l2Scale, alpha (K); gradOut (K, n + 1) or none; statPartial (K, reduceGridX, 2); stats
     * or evalStats (K, 2).
     */
    void enqueueReduce(long count, DeviceBuffer dataScale, double momentum, boolean nesterov, boolean applyUpdate) {
        new KernelArgs().ptr(buf.gradPartial).i32(plan.gradientBlocks(count)).ptr(buf.lossPartial)
                .i32(plan.lossBlocks(count)).i64(problem.features()).i32(problem.models())
                .ptr(buf.paramsD).ptr(buf.paramsF).ptr(buf.velocity).ptr(dataScale).ptr(buf.l2Scale)
                .ptr(buf.alpha).f64(momentum).i32(nesterov ? 1 : 0).i32(problem.fitIntercept() ? 1 : 0)
                .i32(applyUpdate ? 1 : 0).ptr(applyUpdate ? null : buf.gradOut).ptr(buf.statPartial)
                .ptr(buf.counter).ptr(applyUpdate ? buf.stats : buf.evalStats)
                .launchVia(launcher, KernelNames.REDUCE_UPDATE, plan.reduceGridX(), problem.models(), 0);
    }

    /** J_k over all rows into buf.lossOut (K doubles), without a gradient. */
    void enqueueLoss() {
        long count = problem.rows();
        for (int g = 0; g < plan.groups(); g++) {
            if (plan.narrow()) {
                rowArgs(null, count, g).i32(plan.tileRows()).ptr(buf.lossPartial)
                        .launchVia(launcher, plan.lossKernel(), plan.passBlocks(count), 1, plan.sharedBytes());
            } else {
                enqueueWideResiduals(null, count, g);
            }
        }
        new KernelArgs().ptr(buf.lossPartial).i32(plan.lossBlocks(count)).ptr(buf.paramsD)
                .i64(problem.features()).i32(problem.models()).ptr(buf.fullDataScale).ptr(buf.l2Scale)
                .ptr(buf.lossOut)
                .launchVia(launcher, KernelNames.LOSS_FINALIZE, problem.models(), 1, 0);
    }

    /** Predictions (K, rows) into out for rows x held in xRows (rows, n). */
    void enqueuePredict(DeviceBuffer xRows, long rows, DeviceBuffer out, int multiprocessors) {
        new KernelArgs().ptr(xRows).i64(rows).i64(problem.features()).ptr(buf.paramsD).i32(problem.models())
                .ptr(out)
                .launchVia(launcher, KernelNames.PREDICT,
                        KernelGeometry.predictGrid(rows, multiprocessors), 1, 0);
    }

    /**
     * The wide path's residual pass of model group g. Shapes: X (m, n), paramsF (K, n + 1), batchRows (count) or
     * null; writes wideResiduals (K, count) = w r and lossPartial (blocks, K).
     */
    private void enqueueWideResiduals(DeviceBuffer batchRows, long count, int g) {
        rowArgs(batchRows, count, g).ptr(buf.wideResiduals).ptr(buf.lossPartial)
                .launchVia(launcher, KernelNames.WIDE_RESIDUALS, plan.wideResidualBlocks(count), 1, 0);
    }

    /** The leading arguments shared by the passes: X, m, n, P, Y, Wt, ycol, wcol, rows, count, K, kBegin, kCount. */
    private KernelArgs rowArgs(DeviceBuffer batchRows, long count, int g) {
        return new KernelArgs().ptr(buf.x).i64(problem.rows()).i64(problem.features()).ptr(buf.paramsF)
                .ptr(buf.targets).ptr(buf.weights).ptr(buf.targetColumn).ptr(buf.weightColumn).ptr(batchRows)
                .i64(count).i32(problem.models()).i32(plan.groupBegin(g)).i32(plan.groupSize(g));
    }
}
