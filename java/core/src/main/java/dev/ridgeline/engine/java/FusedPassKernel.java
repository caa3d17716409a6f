package dev.ridgeline.engine.java;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import java.util.Arrays;
import jdk.incubator.vector.VectorSpecies;

/**
 * The row kernel of the vector backend (mini-batches, and full batches that {@link PanelPassKernel} does
 * not take): one read of a block of rows of X, as it is, serves all K models.
 *
 * <p>Shapes: X is (m, n) float32 row-major, theta is (K, n) float32 flattened model by model from index
 * PAD ({@link WorkerPadding}, as the per-worker gradient sums, so one offset serves both), bias (K).
 * Rows go four at a time, so each theta vector loaded feeds four rows; the four rows of a group come from
 * four streams a quarter of the block apart ({@link #contiguous}). Per row and model it computes the
 * residual r = x . theta_k + b_k - y_k (dot in float lanes, then the lanes added by a fixed tree), adds
 * w r^2 and w to the double loss and weight sums, and accumulates w r x into a float gradient that is
 * flushed into the worker's double sums every {@link #FLUSH_ROWS} rows (float per short run, double across
 * runs; with block gradients through a second float level, below). With several models the gradient of one group of rows is added while the next group is read
 * (its rows are still in L1), so memory reads and arithmetic overlap: for two models in the same sweep as
 * the dot products, for four models in a second loop right after theirs (one fused loop for four models
 * runs out of registers). One model adds its group's gradient right after the group's dot products, which
 * measured faster. Rows wider than a tile go tile by tile ({@link #tileColumns}). The order of every sum
 * stays fixed, so none of these choices changes a bit of the result. In full batches on wide rows with four
 * models or more ({@link #blockGradient}) the gradient waits instead for a block of {@link #BLOCK_ROWS} rows, whose sums
 * {@link BlockGradientLoops} keeps in registers across all of them, and the float sums go through a second
 * float level ({@link #DRAIN_CARRIES}) before double: a different, equally fixed, order.
 *
 * <p>Partial layout, per model k at {@code k * (n + 3)}: n theta-gradient sums, the bias-gradient sum,
 * sum w r^2, sum w. Every reduction has a fixed order, so the result does not depend on the thread
 * count, nor on whether a method runs interpreted or compiled.
 */
final class FusedPassKernel {
    static final VectorSpecies<Float> SPECIES = GroupLoops.SPECIES;
    /** Rows per group: every theta vector loaded is used by this many rows. */
    static final int ROWS = 4;
    /**
     * Float gradient sums cover at most this many rows before they are added to the double partial, or, with
     * block gradients, to the outer float sums (at most {@link #DRAIN_CARRIES} such runs before double).
     */
    static final int FLUSH_ROWS = 64;
    /** Bytes of the eight rows of a group that one column tile covers (about half of a 48 KB L1). */
    static final int TILE_BYTES = 24 * 1024;
    /**
     * Rows whose gradient {@link BlockGradientLoops} adds at once: 256 KB of rows of 4,096 features, still in
     * L2 after their dot products. Measured (best of 15, 2 threads, alternated four times in one JVM, 16,384 x
     * 4,096, K = 8): 16 rows 22.0-22.6 ms, 32 rows 23.0-23.5, 64 rows 23.1-23.5, 8 rows 23.7-23.9; at 65,536
     * x 1,024 16, 32 and 64 rows within 1 % of each other.
     */
    static final int BLOCK_ROWS = 16;
    /** Block gradients from this many models on ({@link #blockGradient}). */
    static final int BLOCK_MODELS = 4;
    /** Block gradients on rows of at least this many features ({@link #blockGradient}). */
    static final int BLOCK_FEATURES = 1024;
    /**
     * Block gradients with at least this many float lanes (AVX-512). With 8 (-XX:MaxVectorSize=32 on the same
     * host, jars before and after, two rounds) the panel kernel kept up: K = 8 at 65,536 x 1,024 23.5-24.4 ms
     * against block gradients' 24.7-25.9, at 16,384 x 4,096 25.3-26.4 against 25.9-27.1.
     */
    static final int BLOCK_LANES = 16;
    /**
     * With block gradients, carries of the float gradient (at most {@link #FLUSH_ROWS} rows) into the outer
     * float sums before these are added to the double sums: adding K n floats to doubles every 64 rows
     * took about a tenth of an epoch at 16,384 x 4,096, K = 8. Two float levels, as the panel kernel's.
     */
    static final int DRAIN_CARRIES = 16;
    private static final int PAD = WorkerPadding.PAD;

    private final DenseMatrix x;
    private final int n;
    private final int models;
    private final int stride;
    /** Residuals, loss and weight sums, and the gradient scales w r of each row. */
    private final RowLossSums loss;
    private final GroupLoops loops;
    private final FourModelLoops fourModels;
    /** Columns per tile of a group's sweep ({@link #tileColumns}), a whole number of vectors. */
    private final int tile;
    /** Whether gradients go a block of rows at a time ({@link #blockGradient}); null loops when not. */
    private final BlockGradientLoops blockLoops;
    /** Whether one model's group gradient waits for the next group's sweep ({@link #oneSweepForOneModel}). */
    private final boolean oneSweep;

    FusedPassKernel(Problem problem) {
        this(problem, blockGradient(problem.features(), problem.models()));
    }

    /** {@code blockGradients}: whether to take block gradients, whatever the shape and lanes (for tests). */
    FusedPassKernel(Problem problem, boolean blockGradients) {
        this(problem, blockGradients, oneSweepForOneModel(problem.features()));
    }

    /**
     * {@code oneSweep}: whether one model's group gradient goes in the next group's sweep, whatever n (tests
     * compare the two orders).
     */
    FusedPassKernel(Problem problem, boolean blockGradients, boolean oneSweep) {
        this.oneSweep = oneSweep;
        this.x = problem.x();
        this.n = problem.features();
        this.models = problem.models();
        this.stride = n + 3;
        this.loss = new RowLossSums(problem);
        this.loops = new GroupLoops(n);
        this.fourModels = new FourModelLoops(n);
        this.blockLoops = blockGradients ? new BlockGradientLoops(n, models) : null;
        this.tile = tileColumns(loops.vectorEnd(), models);
    }

    /**
     * Whether rows of n features and K models take their gradient a block of {@link #BLOCK_ROWS} rows at a
     * time (with {@link #BLOCK_LANES} float lanes) ({@link BlockGradientLoops}) rather than four rows at a time in the next group's sweep: there the K
     * float gradient rows (K n floats, beyond L1) were loaded and stored for every four rows. Full batches of
     * these shapes take this kernel rather than the panel kernel ({@link PanelPassKernel#suits}). Measured
     * (best of 15 epochs, 2 threads, one JVM per kernel, two rounds, Intel AVX-512 host, 2026-12-03; block
     * gradients / four-row gradients / panel kernel, ms): 16,384 x 4,096 K = 4 15.0-15.5 / 16.8 / 18.7-19.0,
     * K = 8 22.0-22.6 / 24.3-25.3 / 28.2, K = 32 74 / 88-90 / 82-90; 65,536 x 1,024 K = 4 14.1-14.4 / 15.1-15.4 /
     * 15.8, K = 8 20.5-21.9 / 24.0-24.3 / 21.6-22.8, K = 32 68-72 / 82-86 / 71-74; but 131,072 x 512 K = 8 20.1-20.4 /
     * 25.1-25.4 / 21.2-21.5 (within noise of the panels), 250,000 x 256 K = 8 21.6-22.6 / 24.5-24.7 / 19.7-19.8,
     * and K = 2 at 16,384 x 4,096 15.0 / 12.3-12.4 / 12.6-12.9 (two models share one sweep of the rows there).
     */
    static boolean blockGradient(int n, int models) {
        return GroupLoops.LANES >= BLOCK_LANES && models >= BLOCK_MODELS && n >= BLOCK_FEATURES;
    }

    /**
     * Whether one model on rows of n features adds a group's gradient in the next group's sweep, beside its
     * dot products, so that the arithmetic runs while the new rows are read (as for several models), rather
     * than right after the group's own dot products: for rows of more than 2,048 features. The same sums in the
     * same order either way. JMH K = 1, alternated twice, Intel model 167, 2 threads, 2026-12-08 (ms, next
     * group's sweep against right after): 16,384 x 4,096 11.16 / 10.48 against 11.68 / 11.86 (three forks each),
     * 10.70 / 11.12 against 11.91 / 11.62 (one); 8,192 x 8,192 10.65 / 10.08 against 11.27 / 11.61, 20,000 x 3,300
     * 9.64 / 9.58 against 10.60 / 10.41 (two forks); 1,024 x 4,096 in L3 0.49 / 0.47 against 0.54 / 0.54; but within
     * noise at 2,048 and below (32,768 x 2,048 11.46 / 10.55 against 11.03 / 10.80; 65,536 x 1,024 11.69 / 12.18
     * against 11.37 / 12.13; 8,192 x 512 0.47 / 0.44 against 0.44 / 0.44) and slower in cache at 64 (4,096 x 64
     * 0.060 / 0.056 against 0.052 / 0.056). Right after had been chosen on a Zen 5 host on 2026-11-30
     * (benchmarks/README.md).
     */
    static boolean oneSweepForOneModel(int n) {
        return n > 2_048;
    }

    /**
     * Columns per tile of a group's sweep. One model needs no tiles. With several, every model re-reads
     * the group's rows (four new, four waiting for their gradient); in tiles of at most {@link
     * #TILE_BYTES} for those eight rows they stay in L1 across the models, instead of coming again from L2
     * for every pair of models once the rows are wider than L1 holds.
     */
    static int tileColumns(int vectorEnd, int models) {
        int lanes = GroupLoops.LANES;
        int widest = Math.max(lanes, TILE_BYTES / (2 * ROWS * Float.BYTES) / lanes * lanes);
        if (models == 1 || vectorEnd <= widest) {
            return Math.max(vectorEnd, lanes);
        }
        int tiles = (vectorEnd + widest - 1) / widest;
        int vectors = vectorEnd / lanes;
        return (vectors + tiles - 1) / tiles * lanes;
    }

    /**
     * x_i . theta_k for one row (predictions); {@code lanes} is a {@link GroupLoops#laneBuffer()}. Shapes: the row
     * a[o .. o + n), theta_k = theta[t .. t + n).
     */
    double dot(float[] a, int o, float[] theta, int t, float[] lanes) {
        return loops.dot(a, o, theta, t, lanes);
    }

    /**
     * Accumulates pass positions [from, to) into {@code partial} (zeroed here). Position p is row p, or
     * row {@code order[base + p]} when order is non-null. With {@code withGradient} false only the loss
     * and weight sums are formed. Shapes: order (at least base + to) or null; theta (K, n) float from PAD, bias
     * (K); partial (K, n + 3), model k at k (n + 3).
     */
    void accumulate(int[] order, int base, int from, int to, float[] theta, double[] bias,
                    boolean withGradient, RowScratch s, double[] partial) {
        Arrays.fill(s.sums, 0.0);
        s.theta = theta;
        s.bias = bias;
        s.withGradient = withGradient;
        s.state[PAD] = 0;
        s.clearBlock();
        // Mini-batches keep the four-row gradients: their rows come from anywhere in X, and at 4,096
        // features, K = 8, batches of 256 ran 1.1x slower with block gradients (equal at 1,024).
        s.blocks = blockLoops != null && order == null;
        if (order == null) {
            contiguous(from, to, s);
        } else {
            indexed(order, base, from, to, s);
        }
        if (withGradient) {
            flush(s);
            if (s.blocks) {
                drainOuter(s);
            }
        }
        System.arraycopy(s.sums, PAD, partial, 0, models * stride);
    }

    /**
     * Rows [from, to) as four interleaved streams: group g holds rows from + g, from + g + Q, from + g + 2Q
     * and from + g + 3Q (Q = a quarter of the rows), then the remaining rows go one by one. Four rows of
     * one group never share a memory page, so each row stream is a plain forward stream that the hardware
     * prefetcher follows; four adjacent rows would interleave inside one page and defeat it (for rows of
     * up to a few KB this halves the rate at which X comes from memory). Shapes: rows [from, to) of X (m, n); the
     * sums, (K, n + 3) double and (K, n) float, in s.
     */
    private void contiguous(int from, int to, RowScratch s) {
        int quarter = (to - from) / ROWS;
        int sinceFlush = 0;
        if (quarter > 0) {
            int r0 = from;
            int r1 = from + quarter;
            int r2 = from + 2 * quarter;
            int r3 = from + 3 * quarter;
            float[] a0 = x.rowArray(r0);
            float[] a1 = x.rowArray(r1);
            float[] a2 = x.rowArray(r2);
            float[] a3 = x.rowArray(r3);
            int o0 = x.rowOffset(r0);
            int o1 = x.rowOffset(r1);
            int o2 = x.rowOffset(r2);
            int o3 = x.rowOffset(r3);
            int end0 = chunkEnd(r0);
            int end1 = chunkEnd(r1);
            int end2 = chunkEnd(r2);
            int end3 = chunkEnd(r3);
            for (int g = 0; g < quarter; g++) {
                group(r0, r1, r2, r3, a0, o0, a1, o1, a2, o2, a3, o3, s);
                sinceFlush += ROWS;
                if (s.withGradient && sinceFlush >= FLUSH_ROWS) {
                    flush(s);
                    sinceFlush = 0;
                }
                // Step every stream to its next row; a stream that leaves its chunk moves to the next one.
                o0 += n;
                o1 += n;
                o2 += n;
                o3 += n;
                if (++r0 == end0 && r0 < to) {
                    a0 = x.rowArray(r0);
                    o0 = 0;
                    end0 = chunkEnd(r0);
                }
                if (++r1 == end1 && r1 < to) {
                    a1 = x.rowArray(r1);
                    o1 = 0;
                    end1 = chunkEnd(r1);
                }
                if (++r2 == end2 && r2 < to) {
                    a2 = x.rowArray(r2);
                    o2 = 0;
                    end2 = chunkEnd(r2);
                }
                if (++r3 == end3 && r3 < to) {
                    a3 = x.rowArray(r3);
                    o3 = 0;
                    end3 = chunkEnd(r3);
                }
            }
        }
        for (int i = from + ROWS * quarter; i < to; i++) {
            single(i, x.rowArray(i), x.rowOffset(i), s);
            sinceFlush++;
            if (s.withGradient && sinceFlush >= FLUSH_ROWS) {
                flush(s);
                sinceFlush = 0;
            }
        }
    }

    /** The first row after the chunk that holds row i. */
    private int chunkEnd(int i) {
        int c = i / x.rowsPerChunk();
        return x.chunkFirstRow(c) + x.chunkRows(c);
    }

    /**
     * Rows order[base + from .. base + to), a mini-batch in any order. Shapes: order (at least base + to), row
     * indices into X (m, n); the sums, (K, n + 3) double and (K, n) float, in s.
     */
    private void indexed(int[] order, int base, int from, int to, RowScratch s) {
        int sinceFlush = 0;
        int p = from;
        while (p < to) {
            if (to - p >= ROWS) {
                int i0 = order[base + p];
                int i1 = order[base + p + 1];
                int i2 = order[base + p + 2];
                int i3 = order[base + p + 3];
                group(i0, i1, i2, i3, x.rowArray(i0), x.rowOffset(i0), x.rowArray(i1), x.rowOffset(i1),
                        x.rowArray(i2), x.rowOffset(i2), x.rowArray(i3), x.rowOffset(i3), s);
                p += ROWS;
                sinceFlush += ROWS;
            } else {
                int i = order[base + p];
                single(i, x.rowArray(i), x.rowOffset(i), s);
                p++;
                sinceFlush++;
            }
            if (s.withGradient && sinceFlush >= FLUSH_ROWS) {
                flush(s);
                sinceFlush = 0;
            }
        }
    }

    /**
     * Rows i0..i3 (at a0[o0..], ..., a3[o3..]) against every model; their gradient waits for the next group (for one
     * model on rows of at most 2,048 features it is added at the end of this one). The columns go in tiles ({@link
     * #tileColumns}); within a tile, models go four at a time (dot products, then the waiting group's gradient),
     * then, when a group is waiting, two at a time (both in one sweep), then singly. Shapes: rows a_q[o_q .. o_q +
     * n); in s, theta and the gradient g (K, n) from PAD, bias (K), partials (K, 4, L) and scales (2, K, 4) from PAD.
     */
    private void group(int i0, int i1, int i2, int i3, float[] a0, int o0, float[] a1, int o1,
                       float[] a2, int o2, float[] a3, int o3, RowScratch s) {
        boolean pending = !s.blocks && s.pending();
        int waiting = s.pendingScales(models);
        int vectorEnd = loops.vectorEnd();
        float[] acc = s.partials;
        int from = 0;
        do {
            int to = Math.min(from + tile, vectorEnd);
            int k = 0;
            for (; k + 3 < models; k += 4) {
                fourModels.dots(s.theta, PAD + k * n, a0, o0, a1, o1, a2, o2, a3, o3, from, to, acc,
                        partialsOf(k));
                if (pending) {
                    fourModels.gradient(s.gradient, PAD + k * n, s.pendingRows, s.pendingOffsets, s.scales,
                            waiting + k * ROWS, from, to);
                }
            }
            if (pending) {
                for (; k + 1 < models; k += 2) {
                    loops.dotsAndPreviousGradientTwoModels(s.theta, PAD + k * n, a0, o0, a1, o1, a2, o2, a3, o3,
                            s.gradient, s.pendingRows, s.pendingOffsets, s.scales, waiting + k * ROWS, from, to,
                            acc, partialsOf(k));
                }
            }
            for (; k < models; k++) {
                int t = PAD + k * n;
                if (pending) {
                    loops.dotsAndPreviousGradient(s.theta, t, a0, o0, a1, o1, a2, o2, a3, o3, s.gradient,
                            s.pendingRows, s.pendingOffsets, s.scales, waiting + k * ROWS, from, to, acc,
                            partialsOf(k));
                } else {
                    loops.dots(s.theta, t, a0, o0, a1, o1, a2, o2, a3, o3, from, to, acc, partialsOf(k));
                }
            }
            from = to;
        } while (from < vectorEnd);
        int next = s.nextScales(models);
        for (int k = 0; k < models; k++) {
            int t = PAD + k * n;
            if (pending && vectorEnd < n) {
                loops.addRowsTail(s.gradient, t, s.pendingRows, s.pendingOffsets, s.scales, waiting + k * ROWS);
            }
            int at = partialsOf(k);
            loss.addGroup(k, i0, i1, i2, i3, loops.rowDot(acc, at, a0, o0, s.theta, t),
                    loops.rowDot(acc, at + GroupLoops.LANES, a1, o1, s.theta, t),
                    loops.rowDot(acc, at + 2 * GroupLoops.LANES, a2, o2, s.theta, t),
                    loops.rowDot(acc, at + 3 * GroupLoops.LANES, a3, o3, s.theta, t), next + k * ROWS, s);
        }
        if (s.withGradient && s.blocks) {
            s.addToBlock(a0, o0, a1, o1, a2, o2, a3, o3, next, models);
            if (s.blockCount() == BLOCK_ROWS) {
                addBlockGradient(s);
            }
            return;
        }
        if (s.withGradient) {
            s.state[PAD + 1] ^= 1;
            s.pendingRows[PAD] = a0;
            s.pendingRows[PAD + 1] = a1;
            s.pendingRows[PAD + 2] = a2;
            s.pendingRows[PAD + 3] = a3;
            s.pendingOffsets[PAD] = o0;
            s.pendingOffsets[PAD + 1] = o1;
            s.pendingOffsets[PAD + 2] = o2;
            s.pendingOffsets[PAD + 3] = o3;
            s.state[PAD] = 1;
            if (models == 1 && !oneSweep) {
                // A lone model on rows of at most 2,048 features adds its group's gradient now, while the four
                // rows are in cache (oneSweepForOneModel; the same sums in the same order either way).
                drain(s);
            }
        }
    }

    /** Where model k's four lane partials start in {@link RowScratch#partials}. */
    private static int partialsOf(int k) {
        return PAD + k * ROWS * GroupLoops.LANES;
    }

    /**
     * Adds the block's gradient and empties the block. Shapes: the block's rows (n each) and scales (rows, K) from
     * PAD, into the gradient g (K, n) from PAD.
     */
    private void addBlockGradient(RowScratch s) {
        blockLoops.add(s.blockRows, s.blockOffsets, s.blockCount(), s.blockScales, s.gradient, PAD);
        s.clearBlock();
    }

    /**
     * Adds the waiting group's gradient, or the block's, if any. Shapes: the waiting group's four rows (n each)
     * and scales (K, 4), into the gradient g (K, n) from PAD.
     */
    private void drain(RowScratch s) {
        if (s.blocks) {
            if (s.blockCount() > 0) {
                addBlockGradient(s);
            }
            return;
        }
        if (!s.pending()) {
            return;
        }
        float[][] p = s.pendingRows;
        int[] po = s.pendingOffsets;
        float[] c = s.scales;
        int waiting = s.pendingScales(models);
        for (int k = 0; k < models; k++) {
            int ct = waiting + k * ROWS;
            loops.addRows(s.gradient, PAD + k * n, p[PAD], po[PAD], c[ct], p[PAD + 1], po[PAD + 1], c[ct + 1],
                    p[PAD + 2], po[PAD + 2], c[ct + 2], p[PAD + 3], po[PAD + 3], c[ct + 3]);
        }
        s.state[PAD] = 0;
    }

    /**
     * One row i (at a[o..]) against every model: the rows left over after the groups of four. Shapes: the row
     * a[o .. o + n); in s, theta and the gradient g (K, n) from PAD, bias (K), sums (K, n + 3) from PAD.
     */
    private void single(int i, float[] a, int o, RowScratch s) {
        drain(s);
        for (int k = 0; k < models; k++) {
            int t = PAD + k * n;
            double r = loss.addRow(k, i, loops.dot(a, o, s.theta, t, s.lanes), s.bias, s.sums);
            if (s.withGradient) {
                loops.addRow(s.gradient, t, a, o, (float) r);
            }
        }
    }

    /**
     * Adds the waiting gradient, then sums[PAD + k (n + 3) + j] += g[PAD + k n + j] and g = 0; with block
     * gradients g goes into the outer float sums instead, which reach the double sums every {@link
     * #DRAIN_CARRIES} carries ({@link #drainOuter}). Shapes: g (K, n) float, outer the same with block
     * gradients, sums (K, n + 3) double, each from PAD.
     */
    private void flush(RowScratch s) {
        drain(s);
        if (s.blocks) {
            PanelLoops.carry(s.gradient, s.outer, PAD, PAD + models * n);
            if (s.addCarry() == DRAIN_CARRIES) {
                drainOuter(s);
            }
            return;
        }
        moveIntoSums(s.gradient, s.sums);
    }

    /**
     * sums[PAD + k (n + 3) + j] += outer[PAD + k n + j], outer = 0. Shapes: outer (K, n), sums (K, n + 3), from PAD.
     */
    private void drainOuter(RowScratch s) {
        moveIntoSums(s.outer, s.sums);
        s.clearCarries();
    }

    /**
     * sums[PAD + k (n + 3) + j] += f[PAD + k n + j] for every model k and feature j, then f = 0. Shapes: f (K, n)
     * float, sums (K, n + 3) double, each from PAD.
     */
    private void moveIntoSums(float[] f, double[] sums) {
        for (int k = 0; k < models; k++) {
            int t = PAD + k * n;
            int at = PAD + k * stride;
            for (int j = 0; j < n; j++) {
                sums[at + j] += f[t + j];
            }
        }
        Arrays.fill(f, 0f);
    }
}
