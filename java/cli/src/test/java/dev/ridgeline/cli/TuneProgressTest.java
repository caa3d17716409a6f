package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.train.TrainingListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A tune's progress names the fit under way: each fit counts its own epochs, and the bar had restarted at every
 * fold and at the refit without saying which.
 */
class TuneProgressTest {
    private long now = 1_000;

    @Test
    void foldByFoldThePlainLinesNameTheFoldAndTheRefit() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.logging("tune", 10_000, () -> now, err)) {
            TuneProgress fits = new TuneProgress(p, 3, false);
            TrainingListener listener = fits.listener();
            fits.fold(0);
            at(31, listener, 1200, 4);
            fits.fold(1);
            at(62, listener, 900, 4);
            fits.fold(2);
            at(70, listener, 100, 4);
            fits.refit();
            at(95, listener, 2500, 1);
        }
        // One clock for the whole tune: its lines every 30 s whatever the fits' lengths.
        assertEquals(List.of("ridgeline: tune: fold 1 of 3, epoch 1200 of at most 10000, 31 s so far",
                "ridgeline: tune: fold 2 of 3, epoch 900 of at most 10000, 62 s so far",
                "ridgeline: tune: refit, epoch 2500 of at most 10000, 95 s so far"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** The one batch of every fold's models, then the refit, told apart by its one model. */
    @Test
    void inOneBatchTheFoldsAreNamedTogetherAndTheRefitByItsOneModel() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.logging("tune", 10_000, () -> now, err)) {
            TrainingListener listener = new TuneProgress(p, 5, true).listener();
            at(30, listener, 700, 5 * 4);
            at(61, listener, 3000, 5 * 4);
            at(91, listener, 40, 1);
        }
        assertEquals(List.of("ridgeline: tune: all 5 folds, epoch 700 of at most 10000, 30 s so far",
                "ridgeline: tune: all 5 folds, epoch 3000 of at most 10000, 61 s so far",
                "ridgeline: tune: refit, epoch 40 of at most 10000, 91 s so far"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** One grid setting fold by fold: every fit has one model, and only the refit's input names the refit. */
    @Test
    void foldByFoldASingleModelIsNoRefit() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.logging("tune", 10_000, () -> now, err)) {
            TuneProgress fits = new TuneProgress(p, 2, false);
            fits.fold(1);
            at(30, fits.listener(), 10, 1);
        }
        assertEquals(List.of("ridgeline: tune: fold 2 of 2, epoch 10 of at most 10000, 30 s so far"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** On a terminal the bar names the fit after its count, and starts again from 0 for the next. */
    @Test
    void theBarNamesTheFitAndCountsItsEpochsFromZero() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(screen, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.epochBar("tune", 10_000, err)) {
            TuneProgress fits = new TuneProgress(p, 5, false);
            fits.fold(0);
            fits.listener().onProgress(4000, 10_000, new double[4]);
            fits.fold(1);
        }
        String text = screen.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("0/10000 (") && text.contains("fold 2 of 5"), text);
        assertTrue(!text.contains("4000/10000"), text);
    }

    private void at(double seconds, TrainingListener listener, int epoch, int models) {
        now = 1_000 + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
        listener.onProgress(epoch, 10_000, new double[models]);
    }
}
