package dev.ridgeline.cli;

import dev.ridgeline.train.StopReason;
import java.util.Locale;
import java.util.Optional;

/**
 * The warning for an SGD fit that stopped on a plateau judged over few steps. The plateau rule counts
 * epochs (--plateau, default 10), and on few rows an epoch is one or two mini-batches: 10 epochs of 2 steps
 * are too few for the noise of the batches to average out, so the loss can look flat short of the minimum
 * (40 rows x 10 correlated features, lambda 0.01: stopped at 1.28x the exact loss; --plateau 50, 100 steps:
 * 1.012x; --plateau 100: 1.004x). On the embedded data, 12 batches an epoch, the default judges over 120.
 */
final class ShortPlateauWarning {
    /** Fewer steps than this in a plateau window are warned about. */
    static final int MIN_STEPS = 100;

    private ShortPlateauWarning() {
    }

    /**
     * @param stop why the fit stopped
     * @param plateauReads the --plateau epochs (0: no schedule)
     * @param batchSize the --batch-size
     * @param rows the rows the batches are drawn from
     */
    static Optional<String> of(StopReason stop, int plateauReads, int batchSize, int rows) {
        return of(stop, plateauReads, batchSize, rows, false);
    }

    /**
     * As {@link #of(StopReason, int, int, int)}; {@code momentum} says the fit ran with --momentum, whose epochs
     * take the rows left over into their last batch (Trainer), so an epoch is floor(rows / batch) steps, and rows
     * below twice the batch are one step of all of them.
     */
    static Optional<String> of(StopReason stop, int plateauReads, int batchSize, int rows, boolean momentum) {
        if (stop != StopReason.PLATEAU || plateauReads <= 0 || rows <= 0) {
            return Optional.empty();
        }
        int batch = Math.min(batchSize, rows);
        long perEpoch = momentum ? rows / batch : (rows + batch - 1L) / batch;
        long steps = perEpoch * plateauReads;
        if (steps >= MIN_STEPS) {
            return Optional.empty();
        }
        if (perEpoch == 1) {
            // Every step takes every row: no batch noise, but a loss that falls slowly looks flat over few steps.
            return Optional.of(String.format(Locale.ROOT, "sgd stopped on a plateau judged over %d steps (--plateau %d"
                    + " epochs of one batch of all %d rows): a loss that still falls slowly can look flat over so few"
                    + " steps, so this fit may be short of the minimum; use --solver gd or exact (no dearer on so few"
                    + " rows) or a --plateau of at least %d", steps, plateauReads, rows, MIN_STEPS));
        }
        return Optional.of(String.format(Locale.ROOT, "sgd stopped on a plateau judged over %d mini-batch steps "
                + "(--plateau %d epochs of %d batch%s of %d rows%s): over so few steps the noise of the batches can hide "
                + "progress, so this fit may be short of the minimum; use --solver gd or exact (no dearer on so few "
                + "rows) or a --plateau of at least %d", steps, plateauReads, perEpoch, perEpoch == 1 ? "" : "es", batch,
                momentum && rows % batch != 0 ? ", the last with the " + rows % batch + " left over" : "",
                (MIN_STEPS + perEpoch - 1) / perEpoch));
    }
}
