package dev.ridgeline.cli;

import dev.ridgeline.model.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The size of explain's {@code --out} file, estimated before it is written: one value per row and column (a
 * categorical column has a column per category). 1,000,000 rows with a 1,000-category column made a 22.1 GB file
 * in 323 s without a word; a large estimate now gets a warning, and one that the file system's usable space
 * cannot take is refused before anything is written.
 */
final class ShapFileSize {
    /**
     * Estimates from one GiB up are named in a warning: such a file takes minutes to write and as many to read
     * back, and a spreadsheet cannot open it.
     */
    static final long WARN_BYTES = 1L << 30;

    /**
     * Bytes a value takes with its comma, on the low side: Java's round-trip form has 16 to 17 significant digits,
     * a point and often a sign or an exponent (18.0 a value were measured with 20 numeric features, 22 with one-hot
     * ones). Low, so that an estimate over the usable space is a file that cannot fit.
     */
    static final int BYTES_PER_VALUE = 18;

    private ShapFileSize() {
    }

    /** Shape: rows x columns values of {@link #BYTES_PER_VALUE} bytes (a long: 10^12 values do not overflow it). */
    static long estimate(long rows, int columns) {
        return estimate(rows, columns, 0);
    }

    /**
     * Shape: rows x (columns - kept) numbers of {@link #BYTES_PER_VALUE} bytes, and rows x kept --keep fields of
     * one byte (the comma: a field as read may be a single character, or empty). Counted at 18 bytes, kept
     * identifiers of a few characters had made the estimate of a 29 KB file 77 KiB, and a file system with room
     * for it refused it as one that "would take 77 KiB or more".
     */
    static long estimate(long rows, int columns, int kept) {
        return rows * ((long) (columns - kept) * BYTES_PER_VALUE + kept);
    }

    /** {@link #check(Path, long, int, int, OptionalLong)} for a file without --keep columns. */
    static Optional<String> check(Path out, long rows, int columns, OptionalLong usable) {
        return check(out, rows, columns, 0, usable);
    }

    /**
     * The warning for a file of {@code rows} x {@code columns} (the header's columns, the {@code kept} --keep ones
     * included) when its estimate is at least {@link #WARN_BYTES}; and the refusal (thrown) when {@code usable}, the
     * bytes the file system of {@code out} can still take (empty where that cannot be told), is less than the
     * estimate.
     */
    static Optional<String> check(Path out, long rows, int columns, int kept, OptionalLong usable) {
        long bytes = estimate(rows, columns, kept);
        String shape = String.format(Locale.ROOT, "%,d rows x %,d columns", rows, columns);
        if (usable.isPresent() && bytes > usable.getAsLong()) {
            throw new IllegalArgumentException("--out " + out + ": the SHAP file would take about "
                    + Progress.readable(bytes) + " or more (" + shape + "), and its file system has "
                    + Progress.readable(usable.getAsLong()) + " free: free some space, write it elsewhere, or explain"
                    + " fewer rows");
        }
        if (bytes < WARN_BYTES) {
            return Optional.empty();
        }
        return Optional.of("--out " + out + " will hold " + shape + ", about " + Progress.readable(bytes)
                + ": each one-hot category is a column of its own; fewer rows (a sample) or --row for one row's"
                + " values make a smaller file");
    }

    /**
     * The bytes a new file at {@code out} can take on its file system (that of the nearest existing folder, for
     * a symbolic link that of the file it names), where Java can tell; empty for a pipe or a device, which
     * holds nothing, and where the file system does not say.
     */
    static OptionalLong usableSpace(Path out) {
        try {
            if (AtomicFiles.special(out)) {
                return OptionalLong.empty();
            }
            Path dir = AtomicFiles.destination(out).normalize().getParent();
            while (dir != null && !Files.isDirectory(dir)) {
                dir = dir.getParent();
            }
            return dir == null ? OptionalLong.empty() : OptionalLong.of(Files.getFileStore(dir).getUsableSpace());
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return OptionalLong.empty();
        }
    }
}
