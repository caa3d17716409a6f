package dev.ridgeline.cli;

import dev.ridgeline.train.History;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.StopReason;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import java.util.Locale;
import java.util.Optional;

/**
 * The warning for a gradient-step fit that ended above the training loss it started from, below the bar that fails
 * it as diverged (twice the start for sgd and with momentum, whose noise or swing can end a sound fit a little
 * above it). The model then fits the training rows worse than its start (the target's mean under --init zeros):
 * sgd at a constant --lr 0.5 on the embedded data ended its 200 epochs at 1.35x its starting loss, training R2
 * -0.35, with exit 0 and only the advice to raise --epochs, which keeps it in the same noise ball.
 */
final class AboveStartWarning {
    /** The ratio above which the end counts as above the start, beyond the rounding of the float32 sums. */
    static final double ROUNDING = 1e-6;

    private AboveStartWarning() {
    }

    /**
     * Empty unless model 0 of {@code result}, a step fit that was not failed, ended above its first loss read.
     * {@code subject} starts the sentence ("training", "the refit").
     */
    static Optional<String> of(String subject, TrainingResult result, TrainerConfig config) {
        StopReason stop = result.stopReason(0);
        if (config.solver() == Solver.EXACT || stop == StopReason.DIVERGED || stop == StopReason.EXACT) {
            return Optional.empty();
        }
        History history = result.history();
        if (history.size() == 0 || history.epoch(0) != 0 || result.epochs(0) == 0) {
            return Optional.empty();  // no step ran (a time limit in the rate estimate), or no start was read
        }
        double start = history.loss(0, 0);
        double end = result.finalLoss(0);
        if (!(end > start * (1 + ROUNDING))) {
            return Optional.empty();
        }
        boolean sgd = config.solver() == Solver.SGD;
        boolean momentum = config.momentum() > 0;
        String remedy;
        if (sgd) {
            remedy = "the noise of its mini-batch steps at this rate holds it there: give a smaller --lr"
                    + (config.autoLearningRate() ? "" : " (or --lr auto)")
                    + (config.plateauReads() == 0 ? " or let --plateau halve the step" : "")
                    + (momentum ? ", or a smaller --momentum" : "");
        } else {
            // Only momentum lets a full-batch fit end above its start without failing: its steps swing.
            remedy = "heavy-ball steps can rise above the start for a few epochs before they fall: raise --epochs, or"
                    + " give a smaller --lr or --momentum";
        }
        return Optional.of(String.format(Locale.ROOT, "%s ended with a training loss of %.6g, %.3g times the %.6g it "
                + "started from: the model fits the training rows worse than its start (under --init zeros, the "
                + "target's mean); %s", subject, end, end / start, start, remedy));
    }
}
