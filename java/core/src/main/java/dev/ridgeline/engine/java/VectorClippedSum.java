package dev.ridgeline.engine.java;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.ClippedGradientStep.ClippedSum;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * DP-SGD's per-example clipped gradient sum ({@link dev.ridgeline.engine.ClippedGradientStep}) in SIMD
 * loops on several threads: the semantics of {@code ScalarBoundProblem.clippedGradientSum}.
 *
 * <p>Shapes: X is (m, n) float32 row-major, theta (K, n) float32 flattened model by model from index
 * {@link WorkerPadding#PAD}, bias (K); the result is (K, n + 1) sums (theta entries, then the bias entry)
 * and (K) clipped-row counts.
 *
 * <p>Per batch row i and model k: r = x_i . theta_k + b_k - y_ik (float lanes, then the lanes by a fixed tree),
 * s = w_ik r, example-gradient norm |s| sqrt(|x_i|^2 + [intercept]) (|x_i|^2 once per row, shared by the
 * K models), factor min(1, C / norm), and (factor s) x_i added to a float sum of the model. The float sums
 * cover at most {@link #FLUSH_ROWS} rows before they are added to the block's double partial; the bias
 * entry is summed in double. The batch splits into the fixed {@link RowBlocks} and the partials are added
 * in block order, so the result is bitwise the same for any thread count.
 */
final class VectorClippedSum {
    static final VectorSpecies<Float> SPECIES = GroupLoops.SPECIES;
    private static final int LANES = SPECIES.length();
    /** Float sums cover at most this many rows before they are added to the double partial. */
    static final int FLUSH_ROWS = 64;
    /**
     * A clipped example's scale is shrunk by this much, and cast to float toward zero, so that its float
     * products (each rounded once into the sums) cannot take it above C, the norm the accountant assumes.
     */
    static final double FLOAT_MARGIN = 1 - 0x1p-22;

    private final Problem problem;
    private final DenseMatrix x;
    private final int n;
    private final int models;
    private final int vectorEnd;
    /**
     * The row's squared norm: n / L fused multiply-adds per float lane (one rounding each), the L lanes added
     * by a float tree (log2 L roundings), the tail beyond the last full vector in double. Its relative error is
     * below about (n / L + log2 L) 2^-24, and it is inflated by (n / L + 2) 2^-23, which covers that for
     * L <= 16 whenever a full vector exists (n >= L; below, every term is in double), so that the norm the clip
     * divides by is never below the true one and a clipped example never exceeds C (without the inflation it
     * had by 1.5e-8 relative, 2.000000031 at C = 2).
     */
    private final double normInflation;

    VectorClippedSum(Problem problem) {
        this.problem = problem;
        this.x = problem.x();
        this.n = problem.features();
        this.models = problem.models();
        this.vectorEnd = SPECIES.loopBound(n);
        this.normInflation = 1 + ((double) n / LANES + 2) * 0x1p-23;
    }

    /** One block's result: sums (K, n + 1) flattened, and clipped-row counts (K). */
    private record BlockPartial(double[] sums, int[] clipped) {
    }

    /**
     * The clipped sum over the rows of {@code batch} at parameters {@code theta} (K, n) float32 and
     * {@code bias} (K), computed by the blocks of a pass on {@code executor}. Shapes: returns sums (K, n + 1) and
     * clipped-row counts (K).
     */
    ClippedSum sum(RowBatch batch, double clipNorm, float[] theta, double[] bias, BlockExecutor executor) {
        if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clipping norm must be a finite number > 0, got " + clipNorm);
        }
        RowBlocks blocks = RowBlocks.of(batch.size(), n);
        BlockPartial[] partials = new BlockPartial[blocks.count()];
        float[][] scratch = new float[executor.threads()][];
        float[][] lanes = new float[executor.threads()][];
        executor.run(blocks.count(), (b, worker) -> {
            if (scratch[worker] == null) {
                scratch[worker] = new float[WorkerPadding.padded(models * n)];
                lanes[worker] = GroupLoops.laneBuffer();
            }
            partials[b] = block(batch, blocks.from(b), blocks.to(b), clipNorm, theta, bias, scratch[worker],
                    lanes[worker]);
        });
        double[][] sums = new double[models][n + 1];
        int[] clipped = new int[models];
        for (BlockPartial part : partials) {
            for (int k = 0; k < models; k++) {
                clipped[k] += part.clipped()[k];
                for (int j = 0; j <= n; j++) {
                    sums[k][j] += part.sums()[k * (n + 1) + j];
                }
            }
        }
        return new ClippedSum(sums, clipped);
    }

    /**
     * Batch positions [from, to): the block's partial; {@code acc} (K, n) at PAD is the worker's padded
     * float scratch ({@link WorkerPadding}) and {@code lanes} its lane-sum buffer. Shapes: theta (K, n) float
     * from PAD, bias (K); returns sums (K, n + 1) flattened and clipped-row counts (K).
     */
    private BlockPartial block(RowBatch batch, int from, int to, double clipNorm, float[] theta, double[] bias,
                               float[] acc, float[] lanes) {
        double[] partial = new double[models * (n + 1)];
        int[] clipped = new int[models];
        java.util.Arrays.fill(acc, 0f);
        double interceptTerm = problem.fitIntercept() ? 1.0 : 0.0;
        int sinceFlush = 0;
        for (int pos = from; pos < to; pos++) {
            int i = batch.order()[batch.from() + pos];
            float[] a = x.rowArray(i);
            int o = x.rowOffset(i);
            double rowNorm = Math.sqrt((squaredNorm(a, o, lanes) + interceptTerm) * normInflation);
            for (int k = 0; k < models; k++) {
                double residual = dot(a, o, theta, WorkerPadding.PAD + k * n, lanes) + bias[k] - problem.target(k)[i];
                double scaled = problem.weight(k, i) * residual;
                double norm = Math.abs(scaled) * rowNorm;
                boolean clip = norm > clipNorm;
                double clippedScale = clip ? scaled * (clipNorm / norm) * FLOAT_MARGIN : scaled;
                clipped[k] += clip ? 1 : 0;
                axpy(clip ? towardZero(clippedScale) : (float) clippedScale, a, o, acc, WorkerPadding.PAD + k * n);
                partial[k * (n + 1) + n] += clippedScale * interceptTerm;
            }
            if (++sinceFlush == FLUSH_ROWS) {
                flush(acc, partial);
                sinceFlush = 0;
            }
        }
        flush(acc, partial);
        return new BlockPartial(partial, clipped);
    }

    /** The float nearest {@code v} that is no larger in magnitude. */
    private static float towardZero(double v) {
        float f = (float) v;
        return Math.abs(f) <= Math.abs(v) ? f : v > 0 ? Math.nextDown(f) : Math.nextUp(f);
    }

    /** Adds the float sums (K, n) at PAD to the theta entries of the double partial (K, n + 1), clears them. */
    private void flush(float[] acc, double[] partial) {
        for (int k = 0; k < models; k++) {
            for (int j = 0; j < n; j++) {
                partial[k * (n + 1) + j] += acc[WorkerPadding.PAD + k * n + j];
                acc[WorkerPadding.PAD + k * n + j] = 0f;
            }
        }
    }

    /**
     * x . theta[t .. t + n): float lanes, lanes summed by a fixed tree, tail in double. A row whose float lanes
     * overflow (|x_j theta_j| near 3.4e38) is summed again in double, as the scalar reference sums every row:
     * an infinite residual made the clipped example NaN, the run then failed, and whether it failed told
     * whether that one row was in the data, outside any privacy guarantee. Shapes: the row x = a[o .. o + n),
     * theta (K, n) float from PAD.
     */
    private double dot(float[] a, int o, float[] theta, int t, float[] lanes) {
        FloatVector d = FloatVector.zero(SPECIES);
        for (int j = 0; j < vectorEnd; j += LANES) {
            d = FloatVector.fromArray(SPECIES, a, o + j).fma(FloatVector.fromArray(SPECIES, theta, t + j), d);
        }
        double sum = GroupLoops.laneSum(d, lanes, WorkerPadding.PAD);
        if (!Double.isFinite(sum)) {
            return productInDouble(a, o, theta, t);
        }
        for (int j = vectorEnd; j < n; j++) {
            sum += (double) a[o + j] * theta[t + j];
        }
        return sum;
    }

    /** |x|^2 for the row a[o .. o + n); in double when the float lanes overflow (|x| above about 1.8e19). */
    private double squaredNorm(float[] a, int o, float[] lanes) {
        FloatVector d = FloatVector.zero(SPECIES);
        for (int j = 0; j < vectorEnd; j += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, a, o + j);
            d = v.fma(v, d);
        }
        double sum = GroupLoops.laneSum(d, lanes, WorkerPadding.PAD);
        if (!Double.isFinite(sum)) {
            return productInDouble(a, o, a, o);
        }
        for (int j = vectorEnd; j < n; j++) {
            sum += (double) a[o + j] * a[o + j];
        }
        return sum;
    }

    /** a[o .. o + n) . b[t .. t + n) in plain double: finite for any float data (n (3.4e38)^2 < 1.8e308). */
    private double productInDouble(float[] a, int o, float[] b, int t) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += (double) a[o + j] * b[t + j];
        }
        return sum;
    }

    /** g[t .. t + n) += c x, for the row a[o .. o + n). */
    private void axpy(float c, float[] a, int o, float[] g, int t) {
        FloatVector scale = FloatVector.broadcast(SPECIES, c);
        for (int j = 0; j < vectorEnd; j += LANES) {
            FloatVector.fromArray(SPECIES, a, o + j).fma(scale, FloatVector.fromArray(SPECIES, g, t + j))
                    .intoArray(g, t + j);
        }
        for (int j = vectorEnd; j < n; j++) {
            g[t + j] += c * a[o + j];
        }
    }
}
