package dev.ridgeline.cli;

import dev.ridgeline.train.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of long work on stderr. With a terminal (Java 17 can tell that only for the console as a whole,
 * {@link System#console()}) a progress bar; without one (a log file, a pipe, a batch job) one plain line
 * every {@link #LOG_INTERVAL_SECONDS} seconds, so that a run of many minutes is not silent, and nothing for
 * runs shorter than that, so that quick runs, pipes and tests see clean output. Nothing with {@code --json}.
 * Training counts epochs; reading a data file counts its bytes; a model card's bootstrap intervals and the fairness
 * tables count their resamples. Work of several fits (tune's folds and refit) names the fit under way ({@link #fit}).
 */
final class Progress implements AutoCloseable {
    static final long LOG_INTERVAL_SECONDS = 30;

    /**
     * Files smaller than this are read without a bar (in about a second or less): a bar that appears and is
     * full at once would only add a line to stderr.
     */
    static final long READING_BAR_BYTES = 64L << 20;

    /**
     * Bootstrap work (resamples x rows) below this is done without a bar, in about a second or less (1,000
     * resamples of 2,000,000 rows took 20 s on two cores): every train on a terminal would otherwise add a bar
     * full at once.
     */
    static final long RESAMPLING_BAR_DRAWS = 100_000_000L;

    private final ProgressBar bar;
    /** The bar's console, which knows whether the bar's line is still open; null without a bar. */
    private final LineEndingConsumer console;
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * The bar on the terminal now, if any: a signal's line must start on a line of its own, and the bar's line
     * ends only when the bar closes (Ctrl-C while reading had printed "... 181.6 MB/sridgeline: stopped by a
     * signal ...").
     */
    private static final AtomicReference<Progress> SHOWN = new AtomicReference<>();
    private final String task;
    /** The plain line's account of a position: "epoch 120 of at most 10000", "1.2 GB of 5.5 GB". */
    private final LongFunction<String> position;
    private final LongSupplier nanoTime;
    private final PrintStream log;
    private final long start;
    private long nextLine;
    /** The fit under way ("fold 2 of 5", "refit"), or null for work of one fit. */
    private String fit;

    private Progress(ProgressBar bar, LineEndingConsumer console, String task, LongFunction<String> position,
                     LongSupplier nanoTime, PrintStream log) {
        this.bar = bar;
        this.console = console;
        if (bar != null) {
            SHOWN.set(this);
        }
        this.task = task;
        this.position = position;
        this.nanoTime = nanoTime;
        this.log = log;
        this.start = nanoTime.getAsLong();
        this.nextLine = start + TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS);
    }

    /** Progress of training over at most {@code max} epochs. */
    static Progress start(String task, long max, boolean quiet) {
        if (quiet) {
            return silent();
        }
        if (System.console() == null) {
            return logging(task, max, System::nanoTime, System.err);
        }
        return epochBar(task, max, System.err);
    }

    /** A bar on {@code out} of training over at most {@code max} epochs. */
    static Progress epochBar(String task, long max, PrintStream out) {
        // No ETA: the bar's end is --epochs, an upper bound, and a run that converges in 7 of 10,000 epochs was
        // told "6/10000 (0:00:11 / 5:06:57)" a moment before it finished.
        LineEndingConsumer console = new LineEndingConsumer(out);
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(max).hideEta()
                .setConsumer(console).build(), console, task, epochs(max), System::nanoTime, null);
    }

    /**
     * Progress of reading {@code file} by its bytes ({@link #stepTo} takes the bytes read so far): a bar for
     * a file of at least {@link #READING_BAR_BYTES} on a terminal (with the rate and the time left: unlike
     * epochs, bytes come at a steady pace), plain lines without one, nothing for a smaller file. A pipe or
     * other file of unknown size gets the plain lines only.
     */
    static Progress reading(Path file, boolean quiet) {
        return reading(file, "reading", quiet);
    }

    /** {@link #reading(Path, boolean)}, the task named "{@code verb} FILE" ("reading again data.csv"). */
    static Progress reading(Path file, String verb, boolean quiet) {
        if (quiet) {
            return silent();
        }
        long size = sizeOf(file);
        String task = verb + " " + file.getFileName();
        if (System.console() == null || size < 0) {
            return readingLines(task, size, System::nanoTime, System.err);
        }
        if (size < READING_BAR_BYTES) {
            return silent();
        }
        LineEndingConsumer console = new LineEndingConsumer(System.err);
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(size).setUnit(" MiB", 1 << 20)
                .showSpeed().setConsumer(console).build(), console, task, bytesOf(size), System::nanoTime, null);
    }

    /**
     * Progress of {@code resamples} bootstrap resamples of {@code rows} rows ({@link #stepTo} takes the resamples
     * drawn so far): a bar with the time left (they come at a steady pace) on a terminal for work of at least
     * {@link #RESAMPLING_BAR_DRAWS}, nothing for less; plain lines without a terminal. A model card's intervals
     * over two million held-out rows took 20 s after the last epoch, with nothing on the screen.
     */
    static Progress resampling(String task, int resamples, int rows, boolean quiet) {
        if (quiet) {
            return silent();
        }
        if (System.console() == null) {
            return resamplingLines(task, resamples, System::nanoTime, System.err);
        }
        return (long) resamples * rows < RESAMPLING_BAR_DRAWS ? silent() : resamplingBar(task, resamples, System.err);
    }

    /** A bar on {@code out} of {@code resamples} bootstrap resamples. */
    static Progress resamplingBar(String task, int resamples, PrintStream out) {
        LineEndingConsumer console = new LineEndingConsumer(out);
        // No unit after the count: on 80 columns " resamples" left the bar one character and cut off the time left.
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(resamples).setConsumer(console)
                .build(), console, task, resamplesOf(resamples), System::nanoTime, null);
    }

    /** Plain lines about {@code resamples} bootstrap resamples to {@code log}, timed by {@code nanoTime}. */
    static Progress resamplingLines(String task, int resamples, LongSupplier nanoTime, PrintStream log) {
        return new Progress(null, null, task, resamplesOf(resamples), nanoTime, log);
    }

    /** Plain lines to {@code log}, timed by {@code nanoTime}. */
    static Progress logging(String task, long max, LongSupplier nanoTime, PrintStream log) {
        return new Progress(null, null, task, epochs(max), nanoTime, log);
    }

    /** Plain lines about reading {@code size} bytes (-1: unknown) to {@code log}, timed by {@code nanoTime}. */
    static Progress readingLines(String task, long size, LongSupplier nanoTime, PrintStream log) {
        return new Progress(null, null, task, bytesOf(size), nanoTime, log);
    }

    private static Progress silent() {
        return new Progress(null, null, "", n -> "", System::nanoTime, null);
    }

    private static LongFunction<String> epochs(long max) {
        return n -> String.format(Locale.ROOT, "epoch %d of at most %d", n, max);
    }

    private static LongFunction<String> resamplesOf(int resamples) {
        return n -> String.format(Locale.ROOT, "resample %d of %d", n, resamples);
    }

    private static LongFunction<String> bytesOf(long size) {
        return n -> size < 0 ? readable(n) + " read" : readable(n) + " of " + readable(size);
    }

    /**
     * Bytes in the largest binary unit that keeps a whole part: "812 KiB", "1.2 GiB" (powers of 1,024, named as
     * such, as the heap messages name them; "1636 MB" had been written for a file of 1.7 GB).
     */
    static String readable(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s",
                value, units[unit]);
    }

    /** The size of a regular file, else -1 (a pipe, a device, a file that cannot be looked at). */
    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** A training listener that moves the bar to the epoch reached. */
    TrainingListener listener() {
        return (epoch, max, loss) -> stepTo(epoch);
    }

    /**
     * Names the fit now under way ("fold 2 of 5", "refit") and counts from 0 again: each fit counts its own
     * epochs, and a tune's bar had restarted at every fold and at the refit with nothing to say which, so that
     * on a long tune it sat near 0% with no sign of how far the tune as a whole was. The bar shows the name
     * after its count (its task name cannot change), the plain lines before the epoch.
     */
    void fit(String name) {
        fit = name;
        if (bar != null) {
            bar.setExtraMessage(name);
            bar.stepTo(0);
        }
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
            log.printf(Locale.ROOT, "ridgeline: %s: %s%s, %d s so far%n", task, fit == null ? "" : fit + ", ",
                    position.apply(n), TimeUnit.NANOSECONDS.toSeconds(now - start));
            log.flush();
            nextLine = now + TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS);
        }
    }

    @Override
    public void close() {
        // Once: closing draws the bar a last time and ends its line, and the signal's hook may have done it.
        if (bar != null && closed.compareAndSet(false, true)) {
            SHOWN.compareAndSet(this, null);
            bar.close();
            console.endLine();
        }
    }

    /** Closes the bar on the terminal, if one is there, so that what is printed next starts a line. */
    static void endShownBar() {
        Progress shown = SHOWN.getAndSet(null);
        if (shown != null) {
            shown.close();
        }
    }

    /**
     * The console consumer that also knows whether the bar's line is open (drawn and not ended). A bar closed
     * before its first scheduled refresh is drawn once by the library and its line never ended, so the next
     * line printed (a signal's) had continued it; {@link #endLine} ends it then.
     */
    static final class LineEndingConsumer extends ConsoleProgressBarConsumer {
        private final PrintStream out;
        private boolean open;

        LineEndingConsumer(PrintStream out) {
            super(out);
            this.out = out;
        }

        @Override
        public synchronized void accept(String rendered) {
            super.accept(rendered);
            open = true;
        }

        @Override
        public synchronized void close() {
            super.close();
            open = false;
        }

        /** Ends the bar's line if the library left it open. */
        synchronized void endLine() {
            if (open) {
                out.println();
                out.flush();
                open = false;
            }
        }
    }
}
