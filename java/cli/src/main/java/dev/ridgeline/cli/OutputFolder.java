package dev.ridgeline.cli;

import dev.ridgeline.model.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of one run, collected in memory and then written together, so that a failure while producing
 * them leaves nothing behind. A new folder is written whole under a temporary name and then renamed into
 * place; into an existing folder each file is replaced atomically (other files there are left alone).
 * Reports add their files with {@link #add}; {@code train}'s contributors are listed in {@link TrainCommand}.
 */
final class OutputFolder {
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    /** Adds (or replaces) a file by its name inside the folder. */
    void add(String name, byte[] content) {
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("output file names are plain names, got '" + name + "'");
        }
        files.put(name, content.clone());
    }

    List<String> names() {
        return List.copyOf(files.keySet());
    }

    /** Fails early, before any work, when {@code dir} cannot become the output folder. */
    static void checkUsable(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " exists and is not a folder");
        }
    }

    /** Writes every file into {@code dir}. */
    void commit(Path dir) {
        checkUsable(dir);
        Path target = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            files.forEach((name, bytes) -> AtomicFiles.write(target.resolve(name), bytes));
            return;
        }
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
            AtomicFiles.readableByAll(tmp, true);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(tmp.resolve(f.getKey()), f.getValue());
            }
            AtomicFiles.move(tmp, target);
        } catch (IOException e) {
            deleteTree(tmp);
            throw new UncheckedIOException("cannot write the output folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // The original failure is the one worth reporting.
        }
    }
}
