package dev.ridgeline.engine.cuda;

import dev.ridgeline.engine.ClippedGradientStep.ClippedSum;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import jcuda.driver.CUstream;

/**
 * DP-SGD's clipped gradient sum on the device (native/clipped_sum.cu). The batch rows are uploaded to the
 * resident row buffer; ridge_clipped_sum writes per-block partials (blocks, K, n + 1) and clipped-row
 * counts (blocks, K) for each group of at most 8 models; ridge_clipped_reduce adds them in block order
 * into sums (K, n + 1) and counts (K). The four work buffers live for one call and are freed before it
 * returns, also when it fails. This class owns the grid sizes.
 */
final class CudaClippedSum {
    /** Batch rows per tile of ridge_clipped_sum (RL_CLIP_TILE = RL_WARPS * 4). */
    static final int TILE_ROWS = KernelGeometry.WARPS * 4;
    /** Blocks per multiprocessor: the partials stay small and one wave covers the batch. */
    static final int BLOCKS_PER_MULTIPROCESSOR = 2;

    /** The four per-call buffers: partials (blocks, K, n + 1) double, counts (blocks, K) int, and the results. */
    record WorkBuffers(DeviceBuffer partials, DeviceBuffer counts, DeviceBuffer sums, DeviceBuffer clipped) {
    }

    private CudaClippedSum() {
    }

    /**
     * Batch positions per block: the batch split evenly over one block per tile, at most two blocks per
     * multiprocessor; a block's share need not be whole tiles (the kernel takes a partial last tile).
     */
    static long rowsPerBlock(long count, int multiprocessors) {
        long tiles = (count + TILE_ROWS - 1) / TILE_ROWS;
        long blocks = Math.max(1, Math.min(tiles, (long) BLOCKS_PER_MULTIPROCESSOR * multiprocessors));
        return Math.max(1, (count + blocks - 1) / blocks);
    }

    /** Blocks of ridge_clipped_sum for count batch rows (at least 1). */
    static int blocks(long count, int multiprocessors) {
        long perBlock = rowsPerBlock(count, multiprocessors);
        return (int) Math.max(1, (count + perBlock - 1) / perBlock);
    }

    /**
     * Enqueues the sum over the first count entries of buf.batchRows (count at least 1) into work.sums/clipped.
     * Shapes: X (m, n) float, paramsD (K, n + 1) double, batchRows (count); partials (blocks, K, n + 1) double
     * and counts (blocks, K) int, reduced in block order into sums (K, n + 1) double and clipped (K) int.
     */
    static void enqueue(EpochLauncher.KernelLauncher launcher, ResidentBuffers buf, Problem problem, long count,
                        double clipNorm, int multiprocessors, WorkBuffers work) {
        int k = problem.models();
        int n = problem.features();
        long perBlock = rowsPerBlock(count, multiprocessors);
        int blocks = blocks(count, multiprocessors);
        for (int g = 0; g < KernelGeometry.modelGroups(k); g++) {
            int begin = g * KernelGeometry.MODELS_PER_PASS;
            int size = Math.min(KernelGeometry.MODELS_PER_PASS, k - begin);
            new KernelArgs().ptr(buf.x).i64(problem.rows()).i64(n).ptr(buf.paramsD).ptr(buf.targets)
                    .ptr(buf.weights).ptr(buf.targetColumn).ptr(buf.weightColumn).ptr(buf.batchRows).i64(count)
                    .i32(k).i32(begin).i32(size).i64(perBlock).f64(clipNorm).i32(problem.fitIntercept() ? 1 : 0)
                    .ptr(work.partials()).ptr(work.counts())
                    .launchVia(launcher, KernelNames.CLIPPED_SUM, blocks, 1, 0);
        }
        int reduceBlocks = (int) ((k * (n + 1L) + KernelGeometry.BLOCK - 1) / KernelGeometry.BLOCK);
        new KernelArgs().ptr(work.partials()).ptr(work.counts()).i32(blocks).i64(n).i32(k).ptr(work.sums())
                .ptr(work.clipped()).launchVia(launcher, KernelNames.CLIPPED_REDUCE, reduceBlocks, 1, 0);
    }

    /**
     * The whole call on a device: checks, uploads the batch rows, runs the kernels, reads the result back.
     * Shapes: the batch's rows (b); packed (K (n + 1)) read back; returns sums (K, n + 1), clipped rows (K).
     */
    static ClippedSum sum(CudaContext ctx, ResidentBuffers buf, Problem problem, RowBatch batch, double clipNorm,
                          EpochLauncher.KernelLauncher launcher) {
        if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clipping norm must be a finite number > 0, got " + clipNorm);
        }
        int k = problem.models();
        int n = problem.features();
        double[][] sums = new double[k][n + 1];
        int[] clipped = new int[k];
        if (batch.size() == 0) {
            return new ClippedSum(sums, clipped);
        }
        long params = k * (n + 1L);
        int blocks = blocks(batch.size(), ctx.multiprocessors());
        MemoryPlan plan = new MemoryPlan();
        plan.add("clipped partials", blocks * params * 8);
        plan.add("clipped counts", blocks * k * 4L);
        plan.add("clipped sums", params * 8);
        plan.add("clipped rows", k * 4L);
        plan.checkFits(ctx.freeBytes(), ctx.deviceName());
        // params = K (n + 1) < K (n + 3), which Problem.build keeps within an int (MAX_PACKED).
        double[] packed = new double[(int) params];
        CUstream stream = ctx.stream();
        try (DeviceBuffer partials = DeviceBuffer.allocateOn("clipped partials", blocks * params * 8, stream);
             DeviceBuffer counts = DeviceBuffer.allocateOn("clipped counts", blocks * k * 4L, stream);
             DeviceBuffer out = DeviceBuffer.allocateOn("clipped sums", params * 8, stream);
             DeviceBuffer outCounts = DeviceBuffer.allocateOn("clipped rows", k * 4L, stream)) {
            buf.batchRows.upload(batch.order(), batch.from(), batch.size(), ctx.stream());
            enqueue(launcher, buf, problem, batch.size(), clipNorm, ctx.multiprocessors(),
                    new WorkBuffers(partials, counts, out, outCounts));
            out.download(packed, ctx.stream());
            outCounts.download(clipped, ctx.stream());
        }
        for (int model = 0; model < k; model++) {
            System.arraycopy(packed, model * (n + 1), sums[model], 0, n + 1);
        }
        return new ClippedSum(sums, clipped);
    }
}
