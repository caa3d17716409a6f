package dev.ridgeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Lines a benchmark leaves for the report: appended to the notes file named by the system property
 * {@code ridgeline.bench.notes} (run.sh sets it), or to a file beside it; printed when the property is unset
 * (a benchmark run by hand).
 */
final class BenchNotes {
    private static final String PROPERTY = "ridgeline.bench.notes";

    private BenchNotes() {
    }

    /** Appends the line to the notes file itself. */
    static void note(String line) {
        append(null, line);
    }

    /** Appends the line to the file {@code name} in the notes file's folder. */
    static void beside(String name, String line) {
        append(name, line);
    }

    private static void append(String name, String line) {
        String notes = System.getProperty(PROPERTY);
        if (notes == null) {
            System.out.println(line);
            return;
        }
        Path file = name == null ? Path.of(notes) : Path.of(notes).resolveSibling(name);
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write benchmark notes to " + file, e);
        }
    }
}
