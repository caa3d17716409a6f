package dev.ridgeline.cli;

import dev.ridgeline.train.TrainingListener;
import java.util.Locale;

/**
 * Which of a tune's fits its {@link Progress} shows: the folds' fits, then the refit of the chosen setting. Each fit
 * counts its epochs from 0, and the bar had restarted at every fold and at the refit without naming either. With
 * one preprocessing for every fold the folds' models train as one batch ("all 5 folds"); with one per fold, fold by
 * fold ("fold 2 of 5"), each named as its input is asked for, before it is encoded and trained.
 */
final class TuneProgress {
    private final Progress progress;
    private final int folds;
    private final boolean oneBatch;
    private boolean refitting;

    /** @param oneBatch whether every fold's models train in one batch (shared preprocessing) */
    TuneProgress(Progress progress, int folds, boolean oneBatch) {
        this.progress = progress;
        this.folds = folds;
        this.oneBatch = oneBatch;
        if (oneBatch) {
            progress.fit(String.format(Locale.ROOT, "all %d folds", folds));
        }
    }

    /** Fold f (from 0) is next, trained on its own. */
    void fold(int f) {
        progress.fit(String.format(Locale.ROOT, "fold %d of %d", f + 1, folds));
    }

    /** The refit is next. */
    void refit() {
        refitting = true;
        progress.fit("refit");
    }

    /**
     * The listener of every fit. The one batch holds lambdas x rates x folds models (at least 2 folds), the refit
     * one: its first read of a single model's loss is the refit's, which the tuner starts without asking for an
     * input of its own.
     */
    TrainingListener listener() {
        return (epoch, max, loss) -> {
            if (oneBatch && !refitting && loss.length == 1) {
                refit();
            }
            progress.stepTo(epoch);
        };
    }
}
