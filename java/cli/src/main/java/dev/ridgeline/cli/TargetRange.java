package dev.ridgeline.cli;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.train.TargetShift;
import java.util.Locale;

/**
 * The training targets, less their shift, must stay where float32 can square and sum them: the kernels
 * sum squared residuals in float32 over short runs of rows, so a residual beyond about 1e19 makes the loss
 * infinite and the run fails far from the cause (a diverged trainer, an unplottable loss curve).
 */
final class TargetRange {
    /** sqrt(Float.MAX_VALUE / 64 rows per float run / margin for weights), rounded down. */
    static final double LIMIT = 1e18;

    private TargetRange() {
    }

    /**
     * Fails naming the training row whose shifted target lies farthest beyond {@link #LIMIT}: that row (a
     * typo, an outlier) also drags the mean, so the first row past the limit need not be the culprit.
     */
    static void require(Frame part, TargetShift shift) {
        int worst = -1;
        double far = LIMIT;
        for (int i = 0; i < part.rows(); i++) {
            double d = Math.abs(part.target(i) - shift.value());
            if (d > far) {
                far = d;
                worst = i;
            }
        }
        if (worst >= 0) {
            throw new DataException(String.format(Locale.ROOT, "%s, line %d, column '%s': target %s lies %.3g from "
                    + "the training mean %.6g, beyond the %.0e that float32 can square and sum; rescale the target "
                    + "(divide it by a power of ten) or drop the row", part.source(), part.line(worst),
                    part.targetName(), Double.toString(part.target(worst)), far, shift.value(), LIMIT));
        }
    }
}
