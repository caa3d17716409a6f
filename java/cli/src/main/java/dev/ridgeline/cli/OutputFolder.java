package dev.ridgeline.cli;

import dev.ridgeline.model.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of one run, collected in memory and then written together, so that a failure while producing
 * them leaves nothing behind. A new folder is written whole under a temporary name and then renamed into
 * place; into an existing folder each file is replaced atomically. The folder's {@value #MANIFEST} lists the
 * files of the run that wrote it last, so that a later run into the same folder removes those it does not
 * write again (a tune after a train would otherwise leave the train's card and plots beside the tune's
 * model); files that no run wrote are left alone. Reports add their files with {@link #add};
 * {@code train}'s contributors are listed in {@link TrainCommand}.
 */
final class OutputFolder {
    /** The names of the files the last run wrote, one per line. */
    static final String MANIFEST = ".ridgeline-files";

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
        byte[] manifest = (String.join("\n", files.keySet()) + "\n").getBytes(StandardCharsets.UTF_8);
        if (Files.isDirectory(target)) {
            Set<String> earlier = earlierRun(target);
            files.forEach((name, bytes) -> AtomicFiles.write(target.resolve(name), bytes));
            AtomicFiles.write(target.resolve(MANIFEST), manifest);
            earlier.removeAll(files.keySet());
            for (String stale : earlier) {
                try {
                    Files.deleteIfExists(target.resolve(stale));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + target.resolve(stale)
                            + ", a file of an earlier run in the output folder: " + e.getMessage(), e);
                }
            }
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
            Files.write(tmp.resolve(MANIFEST), manifest);
            AtomicFiles.move(tmp, target);
        } catch (IOException e) {
            deleteTree(tmp);
            throw new UncheckedIOException("cannot write the output folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The plain file names an earlier run listed in the folder's manifest (none without one). */
    private static Set<String> earlierRun(Path folder) {
        Path manifest = folder.resolve(MANIFEST);
        Set<String> names = new LinkedHashSet<>();
        if (!Files.isRegularFile(manifest)) {
            return names;
        }
        try {
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                String name = line.strip();
                if (!name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.startsWith(".")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
        return names;
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
