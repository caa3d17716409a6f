package dev.ridgeline.engine.java;

import dev.ridgeline.engine.Problem;
import java.util.Arrays;
import jdk.incubator.vector.VectorSpecies;

/**
 * The full-batch pass of the vector backend over X in panels ({@link PanelMatrix}): for each group of
 * G = 4 L rows, the dot products of every model (a lane per row: no lane sums), the residuals and loss
 * sums, then the gradient into lane-wise float sums. Four orders of the same work: a lone model on rows of
 * at most 64 or more than about 1,800 features sweeps each group twice, the dot products then the group's own
 * gradient ({@link #accumulateOneModel}); four models on narrow rows, and a lone model on the rows between
 * ({@link #oneSweepForOneModel}), read each group once, its gradient trailing one group behind; several
 * models on rows of at most 64 features go over pairs of groups ({@link #pairs}); on wider rows over batches
 * of groups with a feature-tiled gradient ({@link #batches}).
 *
 * <p>Shapes: theta (K, n) float at theta[PAD + k n], copied per block into one array per model; bias (K);
 * per group, rs holds (4, K) vectors, first the dot products x_q . theta_k, then the gradient scales w r.
 * The lane sums are (K, n + 3, L) floats, one array per model (from {@link PanelLoops#FIRST}, 64-byte
 * aligned where the JVM allows: {@link FloatAlignment}): the n gradient sums, then sum w r, sum w
 * r^2 and sum w. They have two levels: {@code inner} (at most 4 {@link #CARRY_GROUPS} terms per lane) is
 * carried into {@code outer} (at most {@link #DRAIN_CARRIES} carries), which is added, lanes by a fixed
 * tree, to the double sums. Partial layout as {@link FusedPassKernel}'s: per model k at k (n + 3), n
 * theta-gradient sums, the bias-gradient sum, sum w r^2, sum w. Every sum has a fixed order: the result
 * does not depend on the thread count.
 */
final class PanelPassKernel {
    static final VectorSpecies<Float> SPECIES = GroupLoops.SPECIES;
    static final int LANES = GroupLoops.LANES;
    /** Groups between carries of the inner lane sums: 64 terms per float lane. */
    static final int CARRY_GROUPS = 16;
    /** Carries between drains of the outer sums into double. */
    static final int DRAIN_CARRIES = 16;
    /**
     * A block covers at least this many rows: draining (K, n, L) lane sums costs about as much as the
     * arithmetic of L^2 / 2 rows, so blocks much shorter would spend their time on it.
     */
    static final int MIN_BLOCK_ROWS = 2048;
    /**
     * The fewest rows of a block of a pass shorter than two blocks of {@link #MIN_BLOCK_ROWS}, which splits in
     * two halves instead ({@link #minBlockRows}).
     */
    static final int SPLIT_ROWS = 512;
    /**
     * Bytes of one group's panels plus the K inner gradient sums that the pass keeps in cache: half of a
     * 2 MB L2. Within it the panel kernel takes every model count (but the shapes of the row kernel's block
     * gradients, {@link #suits}); beyond it the sums and panels spill out of L2 on every group, and only from
     * {@link #WIDE_MODELS} models on is it still the faster kernel.
     */
    static final long CACHE_BUDGET = 1 << 20;
    /**
     * Beyond the cache budget, the panel kernel for at least this many models. JMH, one fork of 3 + 5 s,
     * alternated twice, against the row kernel (2026-12-01, Zen 5, 2 threads): 16,384 x 4,096 K = 4 13.2 /
     * 12.9 ms against 15.6 / 16.0, K = 8 17.9 / 19.8 against 22.8 / 23.6, K = 32 73.7 / 81.3 against
     * 86.4 / 87.0; 65,536 x 1,024 K = 32 50.5 / 54.5 against 78.2 / 73.0; 32,768 x 2,048 K = 8 18.6 / 19.3
     * against 26.3 / 22.6; 8,192 x 8,192 K = 8 25.3 / 23.2 against 29.2 / 28.6; but K = 1 9.2 / 8.9 against
     * 7.4 / 8.2 and K = 2 12.9 / 12.9 against 11.9 / 12.1 at 16,384 x 4,096. (The budget's first
     * measurements, 49.7 against 29.0 ms for K = 8 at 16,384 x 4,096, were taken while the dot-product
     * sweeps boxed their vectors; see {@link PanelLoops}.) Those were against the row kernel's four-row
     * gradients; its block gradients (2026-12-03, Intel) beat the panels on rows of 1,024 features and more
     * from four models on ({@link FusedPassKernel#blockGradient}), which went there; on Zen 4 the panels beat
     * them below 2,048 features ({@link #BLOCK_GRADIENT_FEATURES}), which came back here. Block
     * gradients need 16 float lanes (with 8 the panels kept up, {@link FusedPassKernel#BLOCK_LANES}).
     */
    static final int WIDE_MODELS = 4;
    /**
     * From this many features on, full batches of the row kernel's block-gradient shapes go to it; narrower
     * (1,024 to 2,047 features) they take the panels where {@link #suits} lets them. JMH, one fork of 3 + 5 s,
     * alternated twice, block gradients against panels (2026-12-06, Zen 4, JDK 17, 2 threads, ms): 65,536 x
     * 1,024 K = 4 14.6 / 14.8 against 11.5 / 10.9, K = 8 23.4 / 22.9 against 17.3 / 16.1, K = 32 74.9 / 76.6
     * against 59.0 / 62.3 (K = 8 on JDK 25: 26.0 / 27.2 against 20.2 / 20.3); 32,768 x 2,048 K = 8 21.7 / 23.0
     * against 23.1 / 24.4; 16,384 x 4,096 K = 32 74.4 / 84.5 against 105.7 / 109.0 (K = 4 and 8 were within
     * noise of each other there: 14.2 / 16.8 against 12.4 / 13.1, 23.2 / 22.2 against 20.8 / 18.7). On the
     * Intel host of {@link FusedPassKernel#blockGradient} the panels had cost about 1.03x-1.12x at 1,024 features
     * (K = 4, 8, 32) and 1.11x-1.28x at 4,096.
     */
    static final int BLOCK_GRADIENT_FEATURES = 2_048;
    /**
     * Beyond the cache budget, the most a worker's two levels of lane sums (2 K n L floats, L times a
     * row-kernel worker's float sums) may take: 8 MB, 512 MB on 64 cores. A cap on all workers together
     * would make the kernel, and so the result's bits, depend on the thread count.
     */
    static final long WIDE_SUM_BYTES = 8L << 20;
    /**
     * Bytes of panels one batch of groups keeps in L2 ({@link #batchGroups}): half of a 2 MB L2. Eight
     * groups of 1,024 features (2 MB) ran 0.90x against four.
     */
    static final long BATCH_BYTES = 1 << 20;
    /** At most this many groups per batch: eight were no faster than four at n = 256. */
    static final int MAX_BATCH_GROUPS = 4;
    /**
     * Features per tile of the batched gradient: the tile's lane sums of eight models (32 KB at 64 features)
     * and one group's panel tile must share L1 (48 KB). Measured at n = 1,024, K = 8 (best of 30, separate
     * runs): 16 features 0.80x and 64 features 0.98x against 32.
     */
    static final int GRADIENT_TILE = 32;
    private static final int PAD = WorkerPadding.PAD;
    private static final int G = PanelMatrix.GROUP_ROWS;

    private final PanelMatrix x;
    /** One model's passes with the gradient in one sweep per group ({@link #oneSweepForOneModel}). */
    private final boolean oneSweep;
    private final int n;
    private final int models;
    private final int stride;
    private final PanelLoops loops;
    /** Residuals, loss sums and the two-level lane sums' carries and drains. */
    private final PanelSums sums;

    /**
     * The fewest rows of a block of a pass over m rows: {@link #MIN_BLOCK_ROWS}, but half the pass (at least
     * {@link #SPLIT_ROWS}) when it is shorter than two such blocks: one block of 1,600 rows had left the second
     * thread idle. Two halves against one block (best pass of 400 or 1,000, one JVM each, three rounds
     * alternated, 2 threads, Zen 4, 2026-12-06): 1,600 x 1,000, K = 13 (a fold of a tuning run on wide rows)
     * 0.62-0.63 ms against 1.08-1.10; 1,280 x 256, K = 13, 0.14-0.16 against 0.24-0.25; 3,000 x 256, K = 8
     * (2,048 + 952 rows before), 0.16-0.18 against 0.20-0.21. Blocks of 512 rows for every pass were slower
     * where there were blocks enough: 8,192 x 1,000, K = 8, 2.24-2.51 against 1.86-2.07 ms. Depends on m only,
     * never on the thread count.
     */
    static int minBlockRows(int rows) {
        int half = (int) ((rows + 1L) / 2);
        return Math.min(MIN_BLOCK_ROWS, Math.max(SPLIT_ROWS, half));
    }

    /**
     * Whether a problem of n features and K models suits this kernel: not one the row kernel takes with
     * block gradients ({@link FusedPassKernel#blockGradient}: four models or more on rows of 1,024 features or
     * more) on rows of {@link #BLOCK_GRADIENT_FEATURES} or more, which it runs faster, and a group and its sums
     * within {@link #CACHE_BUDGET}, or, for {@link #WIDE_MODELS} models or more, lane sums within {@link
     * #WIDE_SUM_BYTES} a worker. Never the thread count: the kernel decides the order of the sums.
     */
    static boolean suits(int n, int models) {
        if (n >= BLOCK_GRADIENT_FEATURES && FusedPassKernel.blockGradient(n, models)) {
            return false;
        }
        long panel = 4L * n * LANES;
        if (panel * (PanelMatrix.PANELS + models) <= CACHE_BUDGET) {
            return true;
        }
        return models >= WIDE_MODELS && 2 * panel * models <= WIDE_SUM_BYTES;
    }

    /**
     * Whether the pass goes over pairs of groups ({@link #accumulatePairs}): for rows of at most 64
     * features (a panel within 4 KB, one page, so each stream is short and more streams at once read
     * faster) and several models, except K = 4, where one four-model sweep per group already forms every
     * dot product while it reads memory. Measured (best of 30-50 epochs, 2 threads, alternated):
     * 1.03x-1.23x for K = 8 at n = 64, 1.07x-1.18x at n = 16 and 32, 1.06x-1.21x for K = 2, 3, 5, 16,
     * 0.95x-0.96x for K = 4; at n = 128 to 1,024 0.93x-1.06x.
     */
    static boolean pairs(int n, int models) {
        return n <= 64 && models >= 2 && models != 4;
    }

    /**
     * Whether the pass goes over batches of groups ({@link #accumulateBatches}): for rows of more than 64
     * features and several models, where the K lane-sum arrays (n L floats each) no longer fit in L1 and
     * a gradient sweep per group would stream all of them through L2. Measured (best of 25-30 epochs, 2
     * threads, alternated 3-6 times, against the per-group pass): K = 8 1.09x-1.18x at n = 256, 1.13x at
     * 128, 1.07x at 96, and at 1,024 uncertain: 0.87x-1.15x over six rounds (1.01x-1.05x in the longest);
     * K = 2, 3, 5 1.07x-1.23x at n = 256 and 1,024 (a first round of K = 2 and 5 at 1,024: 0.97x-0.98x);
     * K = 32 1.10x at 256; K = 2 and 4 at n = 2,048 (batches of two) 1.11x-1.15x. At n = 64, K = 4 0.90x
     * (the sums fit in L1 there).
     */
    static boolean batches(int n, int models) {
        return n > 64 && models >= 2;
    }

    /**
     * Groups per batch: {@link #MAX_BATCH_GROUPS} while their panels fit in {@link #BATCH_BYTES} (they must
     * stay in L2 from the dot products to the gradient), else two. Both divide {@link #CARRY_GROUPS}, so
     * carries fall between batches. Two groups of 2,048 features: 1.11x-1.15x (K = 2, 4); four: 0.84x-0.96x.
     */
    static int batchGroups(int n) {
        long groupBytes = 4L * PanelMatrix.PANELS * n * LANES;
        return groupBytes * MAX_BATCH_GROUPS <= BATCH_BYTES ? MAX_BATCH_GROUPS : 2;
    }

    /**
     * Whether one model's pass over rows of n features goes in one sweep per group, its dot products beside the
     * previous group's gradient ({@link #dotsAndGradient}; the same sums, in the same order and between the same
     * carries, as {@link #accumulateOneModel}'s, so the same bits): for more than 64 features, while the group
     * streaming in, the previous one and the lane sums (9 panels' bytes) stay within {@link #CACHE_BUDGET}, 1,820
     * features at 16 lanes. JMH K = 1, one fork of 3 + 5 s, the two orders alternated twice (Intel model 167, 2
     * threads, 2026-12-08, ms, one sweep against two): from memory 250,000 x 256 10.19 / 10.16 against 10.94 / 11.91,
     * 65,536 x 1,024 10.66 / 10.61 against 11.43 / 11.90, 32,768 x 2,048 10.94 / 11.04 against 11.73 / 11.14, 65,536
     * x 128 0.78 / 0.78 against 0.80 / 0.83, 1,000,000 x 64 11.22 / 11.76 against 11.82 / 11.97; in L3 16,384 x 256
     * 0.355 / 0.392 against 0.432 / 0.452, 4,096 x 1,024 0.352 / 0.378 against 0.430 / 0.440, 2,048 x 2,048 0.389 /
     * 0.401 against 0.483 / 0.459; but 20,480 x 3,072 from memory 11.94 / 12.70 against 11.78 / 10.70 (the groups no
     * longer stay in L2), and at 64 features in L2 and L3 16,384 x 64 0.087 / 0.089 against 0.080 / 0.080, 65,536 x
     * 64 0.372 / 0.382 against 0.365 / 0.346, 4,096 x 64 0.019 / 0.023 against 0.017 / 0.021. (On a Zen 5 host on
     * 2026-11-30 an earlier one-sweep loop, which stored its dot products through a helper, had been the slower.)
     */
    static boolean oneSweepForOneModel(int n) {
        return n > 64 && 4L * n * LANES * (2 * PanelMatrix.PANELS + 1) <= CACHE_BUDGET;
    }

    PanelPassKernel(Problem problem, PanelMatrix x) {
        this(problem, x, oneSweepForOneModel(problem.features()));
    }

    /** {@code oneSweep}: one model's passes in one sweep per group, whatever n (tests compare the two orders). */
    PanelPassKernel(Problem problem, PanelMatrix x, boolean oneSweep) {
        this.oneSweep = oneSweep;
        this.x = x;
        this.n = problem.features();
        this.models = problem.models();
        this.stride = n + 3;
        this.loops = new PanelLoops(n);
        this.sums = new PanelSums(problem);
    }

    /**
     * Accumulates groups [fromGroup, toGroup) into {@code partial}, which is overwritten. With
     * {@code withGradient} false only the loss and weight sums are formed. Shapes: groups of G rows; theta (K, n)
     * float from PAD, bias (K); partial (K, n + 3), model k at k (n + 3).
     */
    void accumulate(int fromGroup, int toGroup, float[] theta, double[] bias, boolean withGradient, PanelScratch s,
                    double[] partial) {
        Arrays.fill(s.sums, 0.0);
        for (int k = 0; k < models; k++) {
            System.arraycopy(theta, PAD + k * n, s.theta[k], 0, n);
        }
        if (pairs(n, models)) {
            accumulatePairs(fromGroup, toGroup, bias, withGradient, s);
            System.arraycopy(s.sums, PAD, partial, 0, models * stride);
            return;
        }
        if (batches(n, models)) {
            accumulateBatches(fromGroup, toGroup, bias, withGradient, s);
            System.arraycopy(s.sums, PAD, partial, 0, models * stride);
            return;
        }
        if (models == 1 && !(withGradient && oneSweep)) {
            accumulateOneModel(fromGroup, toGroup, bias, withGradient, s);
            System.arraycopy(s.sums, PAD, partial, 0, models * stride);
            return;
        }
        int added = 0;
        float[] p0 = null;
        float[] p1 = null;
        float[] p2 = null;
        float[] p3 = null;
        for (int g = fromGroup; g < toGroup; g++) {
            int p = g * PanelMatrix.PANELS;
            float[] x0 = x.panel(p);
            float[] x1 = x.panel(p + 1);
            float[] x2 = x.panel(p + 2);
            float[] x3 = x.panel(p + 3);
            float[] rs = s.rs[g & 1];
            if (p0 == null) {
                dots(x0, x1, x2, x3, rs, s);
            } else {
                dotsAndGradient(x0, x1, x2, x3, rs, p0, p1, p2, p3, s.rs[(g - 1) & 1], s);
            }
            sums.residuals(g * G, bias, rs, s);
            added = sums.groupAdded(added, s);
            if (withGradient) {
                p0 = x0;
                p1 = x1;
                p2 = x2;
                p3 = x3;
            }
        }
        if (p0 != null) {
            gradient(p0, p1, p2, p3, s.rs[(toGroup - 1) & 1], s);
        }
        sums.carry(s);
        sums.drain(s);
        System.arraycopy(s.sums, PAD, partial, 0, models * stride);
    }

    /**
     * The pass for one model in two sweeps per group: the dot products from memory, the residuals, then the
     * group's own gradient while its four panels are still in cache. For rows of at most 64 features, and for
     * rows too wide for {@link #oneSweepForOneModel}. Shapes: K = 1; s.theta[0] (n), bias (1), rs (4, 1, L) from
     * PAD, s.inner[0] (n + 3, L).
     */
    private void accumulateOneModel(int fromGroup, int toGroup, double[] bias, boolean withGradient,
                                    PanelScratch s) {
        int added = 0;
        for (int g = fromGroup; g < toGroup; g++) {
            int p = g * PanelMatrix.PANELS;
            float[] x0 = x.panel(p);
            float[] x1 = x.panel(p + 1);
            float[] x2 = x.panel(p + 2);
            float[] x3 = x.panel(p + 3);
            float[] rs = s.rs[g & 1];
            loops.dotsFourPanelsOneModel(x0, x1, x2, x3, s.theta[0], rs, PAD, LANES);
            sums.residuals(g * G, bias, rs, s);
            // The carry check comes before the group's gradient, as when that gradient waited for the next group.
            added = sums.groupAdded(added, s);
            if (withGradient) {
                PanelLoops.gradientFourPanelsOneModel(x0, x1, x2, x3, rs, PAD, LANES, s.inner[0], 0, n);
            }
        }
        sums.carry(s);
        sums.drain(s);
    }

    /**
     * The pass for K >= 2 over pairs of groups: the first sweep reads both groups' eight panels for models
     * 0 and 1 (eight memory streams), then the other models' dot products, the residuals and the
     * gradient of each group run from cache. A last odd group goes alone. Shapes: bias (K); ra and rb (4, K, L)
     * from PAD; lane sums (K, n + 3, L).
     */
    private void accumulatePairs(int fromGroup, int toGroup, double[] bias, boolean withGradient, PanelScratch s) {
        int added = 0;
        float[] ra = s.rs[0];
        float[] rb = s.rs[1];
        int g = fromGroup;
        for (; g + 1 < toGroup; g += 2) {
            int p = g * PanelMatrix.PANELS;
            float[] x0 = x.panel(p);
            float[] x1 = x.panel(p + 1);
            float[] x2 = x.panel(p + 2);
            float[] x3 = x.panel(p + 3);
            float[] x4 = x.panel(p + 4);
            float[] x5 = x.panel(p + 5);
            float[] x6 = x.panel(p + 6);
            float[] x7 = x.panel(p + 7);
            pairDots(x0, x1, x2, x3, x4, x5, x6, x7, ra, rb, s);
            sums.residuals(g * G, bias, ra, s);
            added = sums.groupAdded(added, s);
            sums.residuals((g + 1) * G, bias, rb, s);
            added = sums.groupAdded(added, s);
            if (withGradient) {
                gradient(x0, x1, x2, x3, ra, s);
                gradient(x4, x5, x6, x7, rb, s);
            }
        }
        if (g < toGroup) {
            int p = g * PanelMatrix.PANELS;
            float[] x0 = x.panel(p);
            float[] x1 = x.panel(p + 1);
            float[] x2 = x.panel(p + 2);
            float[] x3 = x.panel(p + 3);
            dots(x0, x1, x2, x3, ra, s);
            sums.residuals(g * G, bias, ra, s);
            if (withGradient) {
                gradient(x0, x1, x2, x3, ra, s);
            }
        }
        sums.carry(s);
        sums.drain(s);
    }

    /**
     * The pass for n > 64 and K >= 2 over batches of {@link #batchGroups} groups: each group's dot products
     * and residuals, then the batch's gradient, feature tile by feature tile ({@link #batchGradient}).
     * Every lane sum still adds its groups, and each group's panels, in row order. Shapes: bias (K); s.rs[b - g]
     * (4, K, L) from PAD for group b of the batch; lane sums (K, n + 3, L).
     */
    private void accumulateBatches(int fromGroup, int toGroup, double[] bias, boolean withGradient, PanelScratch s) {
        int batch = batchGroups(n);
        int added = 0;
        for (int g = fromGroup; g < toGroup; g += batch) {
            int end = Math.min(toGroup, g + batch);
            for (int b = g; b < end; b++) {
                int p = b * PanelMatrix.PANELS;
                float[] rs = s.rs[b - g];
                dots(x.panel(p), x.panel(p + 1), x.panel(p + 2), x.panel(p + 3), rs, s);
                sums.residuals(b * G, bias, rs, s);
            }
            if (withGradient) {
                batchGradient(g, end, s);
            }
            added = sums.groupsAdded(added, end - g, s);
        }
        sums.carry(s);
        sums.drain(s);
    }

    /**
     * The gradient of groups [fromGroup, toGroup) (scales in s.rs[0 ..]) into the inner sums, a tile of
     * {@link #GRADIENT_TILE} features at a time: the tile's lane sums of every model stay in L1 for all the
     * batch's groups, and each panel tile, read from L2 for the first four models, is in L1 for the rest.
     * A gradient sweep per group instead streams all K lane-sum arrays through L2 for every group: at
     * n = 1,024 and K = 8 twice the bytes of the group's panels. Shapes: s.rs[b - fromGroup] (4, K, L) from PAD;
     * s.inner (K, n + 3, L).
     */
    private void batchGradient(int fromGroup, int toGroup, PanelScratch s) {
        for (int f = 0; f < n; f += GRADIENT_TILE) {
            int to = Math.min(n, f + GRADIENT_TILE);
            for (int b = fromGroup; b < toGroup; b++) {
                int p = b * PanelMatrix.PANELS;
                gradient(x.panel(p), x.panel(p + 1), x.panel(p + 2), x.panel(p + 3), s.rs[b - fromGroup], s, f, to);
            }
        }
    }

    /**
     * Dot products of two groups (panels x0..x3 into ra, x4..x7 into rb) with every model: models 0 and 1
     * over all eight panels, then four models at a time per group, then two over all eight, then one. Shapes:
     * panels (L, n); s.theta (K, n); ra and rb (4, K, L) from PAD.
     */
    private void pairDots(float[] x0, float[] x1, float[] x2, float[] x3, float[] x4, float[] x5, float[] x6,
                          float[] x7, float[] ra, float[] rb, PanelScratch s) {
        float[][] t = s.theta;
        int step = models * LANES;
        loops.dotsEightPanelsTwoModels(x0, x1, x2, x3, x4, x5, x6, x7, t[0], t[1], ra, rb, PAD, step);
        int k = 2;
        for (; k + 3 < models; k += 4) {
            int r = PAD + k * LANES;
            loops.dotsFourPanelsFourModels(x0, x1, x2, x3, t[k], t[k + 1], t[k + 2], t[k + 3], ra, r, step);
            loops.dotsFourPanelsFourModels(x4, x5, x6, x7, t[k], t[k + 1], t[k + 2], t[k + 3], rb, r, step);
        }
        for (; k + 1 < models; k += 2) {
            loops.dotsEightPanelsTwoModels(x0, x1, x2, x3, x4, x5, x6, x7, t[k], t[k + 1], ra, rb, PAD + k * LANES,
                    step);
        }
        for (; k < models; k++) {
            loops.dotsFourPanelsOneModel(x0, x1, x2, x3, t[k], ra, PAD + k * LANES, step);
            loops.dotsFourPanelsOneModel(x4, x5, x6, x7, t[k], rb, PAD + k * LANES, step);
        }
    }

    /**
     * Dot products of the group's four panels with every model, into rs: four models at a time, then one.
     * Shapes: panels x_q (L, n); s.theta (K, n); rs (4, K, L) from PAD.
     */
    private void dots(float[] x0, float[] x1, float[] x2, float[] x3, float[] rs, PanelScratch s) {
        float[][] t = s.theta;
        int step = models * LANES;
        int k = 0;
        for (; k + 3 < models; k += 4) {
            loops.dotsFourPanelsFourModels(x0, x1, x2, x3, t[k], t[k + 1], t[k + 2], t[k + 3], rs, PAD + k * LANES,
                    step);
        }
        for (; k < models; k++) {
            loops.dotsFourPanelsOneModel(x0, x1, x2, x3, t[k], rs, PAD + k * LANES, step);
        }
    }

    /**
     * {@link #dots} of the group x0..x3 into rs and the gradient of the previous group p0..p3 (scales in prev): per
     * four models, their dot products, then the previous group's gradient for them (one sweep each: fusing the two
     * took more registers and reads than it saved, 0.75x at n = 1,024); a remaining model (a lone one: other counts
     * take pairs or batches) both in one sweep, so the gradient's arithmetic runs while the group is read from memory
     * ({@link #oneSweepForOneModel}). Shapes: panels x_q and p_q (L, n); s.theta (K, n); rs and prev (4, K, L) from
     * PAD; s.inner (K, n + 3, L).
     */
    private void dotsAndGradient(float[] x0, float[] x1, float[] x2, float[] x3, float[] rs, float[] p0,
                                 float[] p1, float[] p2, float[] p3, float[] prev, PanelScratch s) {
        float[][] t = s.theta;
        float[][] e = s.inner;
        int step = models * LANES;
        int k = 0;
        for (; k + 3 < models; k += 4) {
            int r = PAD + k * LANES;
            loops.dotsFourPanelsFourModels(x0, x1, x2, x3, t[k], t[k + 1], t[k + 2], t[k + 3], rs, r, step);
            PanelLoops.gradientFourPanelsFourModels(p0, p1, p2, p3, prev, r, step, e[k], e[k + 1], e[k + 2], e[k + 3],
                    0, n);
        }
        for (; k < models; k++) {
            int r = PAD + k * LANES;
            loops.dotsFourPanelsOneModelAndGradient(x0, x1, x2, x3, t[k], rs, r, step, p0, p1, p2, p3, prev, r, e[k]);
        }
    }

    /**
     * The group's gradient (scales in rs) into the inner sums: four models at a time, then one. Shapes: panels
     * x_q (L, n); rs (4, K, L) from PAD; s.inner (K, n + 3, L).
     */
    private void gradient(float[] x0, float[] x1, float[] x2, float[] x3, float[] rs, PanelScratch s) {
        gradient(x0, x1, x2, x3, rs, s, 0, n);
    }

    /** {@link #gradient} for the features [from, to) only. Shapes as there; writes features [from, to) of s.inner. */
    private void gradient(float[] x0, float[] x1, float[] x2, float[] x3, float[] rs, PanelScratch s, int from, int to) {
        float[][] g = s.inner;
        int step = models * LANES;
        int k = 0;
        for (; k + 3 < models; k += 4) {
            PanelLoops.gradientFourPanelsFourModels(x0, x1, x2, x3, rs, PAD + k * LANES, step, g[k], g[k + 1],
                    g[k + 2], g[k + 3], from, to);
        }
        for (; k < models; k++) {
            PanelLoops.gradientFourPanelsOneModel(x0, x1, x2, x3, rs, PAD + k * LANES, step, g[k], from, to);
        }
    }
}
