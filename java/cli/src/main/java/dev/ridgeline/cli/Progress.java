package dev.ridgeline.cli;

import dev.ridgeline.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of long work on stderr. With a terminal (Java 17 can tell that only for the console as a whole,
 * {@link System#console()}) a progress bar; without one (a log file, a pipe, a batch job) one plain line
 * every {@link #LOG_INTERVAL_SECONDS} seconds, so that a run of many minutes is not silent, and nothing for
 * runs shorter than that, so that quick runs, pipes and tests see clean output. Nothing with {@code --json}.
 */
final class Progress implements AutoCloseable {
    static final long LOG_INTERVAL_SECONDS = 30;

    private final ProgressBar bar;
    private final String task;
    private final long max;
    private final LongSupplier nanoTime;
    private final PrintStream log;
    private final long start;
    private long nextLine;

    private Progress(ProgressBar bar, String task, long max, LongSupplier nanoTime, PrintStream log) {
        this.bar = bar;
        this.task = task;
        this.max = max;
        this.nanoTime = nanoTime;
        this.log = log;
        this.start = nanoTime.getAsLong();
        this.nextLine = start + TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS);
    }

    static Progress start(String task, long max, boolean quiet) {
        if (quiet) {
            return new Progress(null, task, max, System::nanoTime, null);
        }
        if (System.console() == null) {
            return logging(task, max, System::nanoTime, System.err);
        }
        // No ETA: the bar's end is --epochs, an upper bound, and a run that converges in 7 of 10,000 epochs was
        // told "6/10000 (0:00:11 / 5:06:57)" a moment before it finished.
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(max).hideEta()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build(), task, max, System::nanoTime, null);
    }

    /** Plain lines to {@code log}, timed by {@code nanoTime}. */
    static Progress logging(String task, long max, LongSupplier nanoTime, PrintStream log) {
        return new Progress(null, task, max, nanoTime, log);
    }

    /** A training listener that moves the bar to the epoch reached. */
    TrainingListener listener() {
        return (epoch, max, loss) -> stepTo(epoch);
    }

    void stepTo(long n) {
        if (bar != null) {
            bar.stepTo(n);
            return;
        }
        if (log == null) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - nextLine >= 0) {
            log.printf(Locale.ROOT, "ridgeline: %s: epoch %d of at most %d, %d s so far%n", task, n, max,
                    TimeUnit.NANOSECONDS.toSeconds(now - start));
            log.flush();
            nextLine = now + TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
