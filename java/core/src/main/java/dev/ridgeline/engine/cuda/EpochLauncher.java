package dev.ridgeline.engine.cuda;

import dev.ridgeline.engine.Problem;
import jcuda.driver.CUstream;

/**
 * Enqueues the kernels of one epoch, one loss evaluation or one prediction on the context's stream,
 * without waiting: the host returns at once and reads back only when asked.
 */
final class EpochLauncher {
    private final KernelModule kernels;
    private final ResidentBuffers buf;
    private final LaunchPlan plan;
    private final Problem problem;
    private final CUstream stream;

    EpochLauncher(KernelModule kernels, ResidentBuffers buf, LaunchPlan plan, Problem problem, CUstream stream) {
        this.kernels = kernels;
        this.buf = buf;
        this.plan = plan;
        this.problem = problem;
        this.stream = stream;
    }

    /**
     * The pass and the reduction of one epoch over count rows (batchRows: the first count entries of
     * buf.batchRows; null: all rows). applyUpdate false leaves the parameters and the statistics of
     * the last step alone, and writes gradOut and evalStats instead.
     */
    void enqueueEpoch(DeviceBuffer batchRows, long count, DeviceBuffer dataScale, double momentum,
                      boolean nesterov, boolean applyUpdate) {
        enqueuePass(batchRows, count);
        enqueueReduce(count, dataScale, momentum, nesterov, applyUpdate);
    }

    /** Gradient and loss partials of every model group. */
    void enqueuePass(DeviceBuffer batchRows, long count) {
        for (int g = 0; g < plan.groups(); g++) {
            if (plan.narrow()) {
                rowArgs(batchRows, count, g).i32(plan.tileRows()).ptr(buf.gradPartial).ptr(buf.lossPartial)
                        .launch(plan.fusedKernel(), kernels.function(plan.fusedKernel()),
                                plan.passBlocks(count), 1, plan.sharedBytes(), stream);
            } else {
                enqueueWideResiduals(batchRows, count, g);
                long slabRows = plan.wideSlabRows(count);
                new KernelArgs().ptr(buf.x).i64(problem.features()).ptr(batchRows).i64(count)
                        .ptr(buf.wideResiduals).i32(problem.models()).i32(plan.groupBegin(g))
                        .i32(plan.groupSize(g)).i64(slabRows).ptr(buf.gradPartial)
                        .launch(KernelNames.WIDE_GRADIENT, kernels.function(KernelNames.WIDE_GRADIENT),
                                KernelGeometry.wideColumnBlocks(problem.features()), plan.wideSlabs(count), 0,
                                stream);
            }
        }
    }

    void enqueueReduce(long count, DeviceBuffer dataScale, double momentum, boolean nesterov, boolean applyUpdate) {
        new KernelArgs().ptr(buf.gradPartial).i32(plan.gradientBlocks(count)).ptr(buf.lossPartial)
                .i32(plan.lossBlocks(count)).i64(problem.features()).i32(problem.models())
                .ptr(buf.paramsD).ptr(buf.paramsF).ptr(buf.velocity).ptr(dataScale).ptr(buf.l2Scale)
                .ptr(buf.alpha).f64(momentum).i32(nesterov ? 1 : 0).i32(problem.fitIntercept() ? 1 : 0)
                .i32(applyUpdate ? 1 : 0).ptr(applyUpdate ? null : buf.gradOut).ptr(buf.statPartial)
                .ptr(buf.counter).ptr(applyUpdate ? buf.stats : buf.evalStats)
                .launch(KernelNames.REDUCE_UPDATE, kernels.function(KernelNames.REDUCE_UPDATE),
                        plan.reduceGridX(), problem.models(), 0, stream);
    }

    /** J_k over all rows into buf.lossOut (K doubles), without a gradient. */
    void enqueueLoss() {
        long count = problem.rows();
        for (int g = 0; g < plan.groups(); g++) {
            if (plan.narrow()) {
                rowArgs(null, count, g).i32(plan.tileRows()).ptr(buf.lossPartial)
                        .launch(plan.lossKernel(), kernels.function(plan.lossKernel()),
                                plan.passBlocks(count), 1, plan.sharedBytes(), stream);
            } else {
                enqueueWideResiduals(null, count, g);
            }
        }
        new KernelArgs().ptr(buf.lossPartial).i32(plan.lossBlocks(count)).ptr(buf.paramsD)
                .i64(problem.features()).i32(problem.models()).ptr(buf.fullDataScale).ptr(buf.l2Scale)
                .ptr(buf.lossOut)
                .launch(KernelNames.LOSS_FINALIZE, kernels.function(KernelNames.LOSS_FINALIZE),
                        problem.models(), 1, 0, stream);
    }

    /** Predictions (K, rows) into out for rows x held in xRows (rows, n). */
    void enqueuePredict(DeviceBuffer xRows, long rows, DeviceBuffer out, int multiprocessors) {
        new KernelArgs().ptr(xRows).i64(rows).i64(problem.features()).ptr(buf.paramsD).i32(problem.models())
                .ptr(out)
                .launch(KernelNames.PREDICT, kernels.function(KernelNames.PREDICT),
                        KernelGeometry.predictGrid(rows, multiprocessors), 1, 0, stream);
    }

    private void enqueueWideResiduals(DeviceBuffer batchRows, long count, int g) {
        rowArgs(batchRows, count, g).ptr(buf.wideResiduals).ptr(buf.lossPartial)
                .launch(KernelNames.WIDE_RESIDUALS, kernels.function(KernelNames.WIDE_RESIDUALS),
                        plan.wideResidualBlocks(count), 1, 0, stream);
    }

    /** The leading arguments shared by the passes: X, m, n, P, Y, Wt, ycol, wcol, rows, count, K, kBegin, kCount. */
    private KernelArgs rowArgs(DeviceBuffer batchRows, long count, int g) {
        return new KernelArgs().ptr(buf.x).i64(problem.rows()).i64(problem.features()).ptr(buf.paramsF)
                .ptr(buf.targets).ptr(buf.weights).ptr(buf.targetColumn).ptr(buf.weightColumn).ptr(batchRows)
                .i64(count).i32(problem.models()).i32(plan.groupBegin(g)).i32(plan.groupSize(g));
    }
}
