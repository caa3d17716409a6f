package dev.ridgeline.engine.cuda;

/**
 * The launch shapes of one bound problem: which path (fused single read, or wide two reads), tile
 * size, shared memory, and the block counts for a batch of {@code count} rows. Pure arithmetic over
 * {@link KernelGeometry}; the device facts come in as numbers so it is tested without a GPU.
 */
final class LaunchPlan {
    private final long rows;
    private final int features;
    private final int models;
    private final boolean narrow;
    private final int tileRows;
    private final long sharedBytes;
    private final int multiprocessors;
    private final int blocksPerMultiprocessor;
    private final long maxSharedPerBlock;

    /**
     * @param blocksPerMultiprocessor resident blocks of the fused pass per SM (from the occupancy API)
     */
    LaunchPlan(long rows, int features, int models, int multiprocessors, long maxSharedPerBlock,
               int blocksPerMultiprocessor) {
        this.rows = rows;
        this.features = features;
        this.models = models;
        this.narrow = KernelGeometry.narrow(features, models, maxSharedPerBlock);
        this.tileRows = KernelGeometry.tileRows(features);
        this.sharedBytes = narrow ? KernelGeometry.fusedSharedBytes(features, tileRows, modelsPerPass(models)) : 0;
        this.multiprocessors = multiprocessors;
        this.blocksPerMultiprocessor = blocksPerMultiprocessor;
        this.maxSharedPerBlock = maxSharedPerBlock;
    }

    /** Models one fused pass is compiled for: the single-model kernels when K = 1. */
    static int modelsPerPass(int models) {
        return models == 1 ? 1 : KernelGeometry.MODELS_PER_PASS;
    }

    String fusedKernel() {
        return models == 1 ? KernelNames.FUSED_PASS_SINGLE : KernelNames.FUSED_PASS;
    }

    String lossKernel() {
        return models == 1 ? KernelNames.LOSS_PASS_SINGLE : KernelNames.LOSS_PASS;
    }

    /** True: the fused pass reads X once per epoch. False: the wide path reads it twice. */
    boolean narrow() {
        return narrow;
    }

    int tileRows() {
        return tileRows;
    }

    long sharedBytes() {
        return sharedBytes;
    }

    int groups() {
        return KernelGeometry.modelGroups(models);
    }

    int groupBegin(int group) {
        return group * KernelGeometry.MODELS_PER_PASS;
    }

    int groupSize(int group) {
        return Math.min(KernelGeometry.MODELS_PER_PASS, models - groupBegin(group));
    }

    /** Blocks of the fused / loss pass over count rows. */
    int passBlocks(long count) {
        return KernelGeometry.passGrid(count, tileRows, multiprocessors, blocksPerMultiprocessor);
    }

    int wideResidualBlocks(long count) {
        return KernelGeometry.wideResidualGrid(count, multiprocessors);
    }

    long wideSlabRows(long count) {
        return KernelGeometry.wideSlabRows(count, features, multiprocessors);
    }

    int wideSlabs(long count) {
        return KernelGeometry.wideSlabs(count, wideSlabRows(count));
    }

    /** Block partials of the gradient written by a pass over count rows. */
    int gradientBlocks(long count) {
        return narrow ? passBlocks(count) : wideSlabs(count);
    }

    /** Block partials of the loss written by a pass over count rows. */
    int lossBlocks(long count) {
        return narrow ? passBlocks(count) : wideResidualBlocks(count);
    }

    /**
     * Rows of the gradient partials, (rows, K, n + 1) floats: enough for any batch of at most {@link #rows} rows
     * on this path (the grid sizes only grow with the batch): the fused pass's blocks, or the wide gradient's
     * most slabs, which is far fewer than the wide residuals' blocks (13 slabs against 8 blocks a
     * multiprocessor at n = 20,000 on 132 of them).
     */
    int gradientPartialBlocks() {
        return narrow ? passBlocks(rows) : KernelGeometry.wideMaxSlabs(features, multiprocessors);
    }

    /** Rows of the loss partials, (rows, K) floats: enough for any batch of at most {@link #rows} rows. */
    int lossPartialBlocks() {
        return narrow ? passBlocks(rows) : wideResidualBlocks(rows);
    }

    int reduceGridX() {
        return KernelGeometry.reduceGridX(features);
    }

    /** Bytes of X one epoch reads from device memory on this path. */
    long bytesReadPerEpoch() {
        long x = rows * features * 4L;
        return narrow ? x * groups() : 2 * x * groups();
    }

    String describe() {
        if (narrow) {
            return "fused single-read pass (" + fusedKernel() + "), " + tileRows + "-row tiles, " + sharedBytes
                    + " B shared, " + groups() + " pass(es) per epoch";
        }
        int widest = models == 1 ? KernelGeometry.NARROW_MAX_SINGLE : KernelGeometry.NARROW_MAX;
        String why = features > widest ? "n = " + features + " > " + widest
                : "the fused pass's " + KernelGeometry.fusedSharedBytes(features, tileRows, modelsPerPass(models))
                + " B of shared memory exceed the device's " + maxSharedPerBlock + " B a block";
        return "wide path (" + why + "): X is read twice per epoch, " + groups() + " pass(es)";
    }
}
