package dev.ridgeline.train;

import java.util.Arrays;

/**
 * The step schedule of mini-batch SGD: a constant step until the training loss stops falling, then half that
 * step, and so on; the plateau found after four halvings ends training. A constant step never brings the
 * gradient norm to a small tolerance (the noise of the mini-batches keeps the iterate in a ball around the
 * minimum whose size grows with the step), so without a schedule SGD ran every epoch allowed. It is
 * modelled on scikit-learn's {@code learning_rate='adaptive'} with {@code n_iter_no_change}, with the
 * improvement measured relative to the best loss so that it does not depend on the targets' units, and
 * halving (measured below) where that divides by 5. On badly scaled features a plateau is slow progress,
 * not the minimum; the command line warns there ({@link ScaleSpread}).
 *
 * <p>A plateau is {@code reads} consecutive loss reads none of which is below the best loss so far by more
 * than {@link #MIN_IMPROVEMENT} of it. Per model: each model of a batch keeps its own best, count and step.
 *
 * <p>Why these constants (diabetes, 442 rows, 32-row batches, seeds 1, 2, 8, 42; exact loss 1434.1): with 10
 * reads, halving and 1e-5 the runs stop after 145-247 epochs at 1434.8-1435.5; dividing by 5 instead ends
 * higher (1435.5-1435.8), as do 5 reads (1436.7-1437.9) or 1e-4 (1435.1-1437.1), because the smaller step
 * also slows progress along the flat directions of X; 1e-6 reaches 1434.6-1434.9 in twice the epochs. The
 * constant step ran its 10,000 epochs to 1439.5. On 100,000 x 50 correlated rows: 78-82 epochs, 1.001x the
 * exact loss, against 1.009-1.033x after 200 epochs at the constant step.
 */
final class PlateauSchedule {
    /** A read improves when it is below best x (1 - MIN_IMPROVEMENT). */
    static final double MIN_IMPROVEMENT = 1e-5;
    /** The step is divided by this at each plateau. */
    static final double CUT = 2;
    /** The plateau found after this many cuts ends training. */
    static final int MAX_CUTS = 4;

    /** What a loss read asks of the trainer. */
    enum Action { NONE, CUT_STEP, STOP }

    private final int reads;
    private final double[] best;
    private final int[] sinceImprovement;
    private final int[] cuts;

    /** {@code reads} >= 1 consecutive reads without improvement make a plateau, for each of {@code models}. */
    PlateauSchedule(int reads, int models) {
        if (reads < 1) {
            throw new IllegalArgumentException("plateau reads must be at least 1, got " + reads);
        }
        this.reads = reads;
        this.best = new double[models];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        this.sinceImprovement = new int[models];
        this.cuts = new int[models];
    }

    /** Takes model {@code k}'s training loss at a read; the first read only sets the best. */
    Action observe(int k, double loss) {
        boolean improved = loss < best[k] - MIN_IMPROVEMENT * Math.abs(best[k]);
        boolean first = best[k] == Double.POSITIVE_INFINITY;
        best[k] = Math.min(best[k], loss);
        if (improved || first) {
            sinceImprovement[k] = 0;
            return Action.NONE;
        }
        if (++sinceImprovement[k] < reads) {
            return Action.NONE;
        }
        sinceImprovement[k] = 0;
        if (cuts[k] == MAX_CUTS) {
            return Action.STOP;
        }
        cuts[k]++;
        return Action.CUT_STEP;
    }

    /** How many times model {@code k}'s step has been cut. */
    int cuts(int k) {
        return cuts[k];
    }
}
