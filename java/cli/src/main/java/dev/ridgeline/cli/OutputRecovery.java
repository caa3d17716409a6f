package dev.ridgeline.cli;

import dev.ridgeline.model.AtomicFiles;
import dev.ridgeline.model.HiddenNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Undoing and finishing the commits of {@link OutputFolder}: the roll-back of a replacement that stopped
 * before its commit point, and the recovery, by the next run into a folder, of what a killed run left
 * there. Every step is a rename within the folder, so each can be repeated after it was itself interrupted.
 */
final class OutputRecovery {
    private OutputRecovery() {
    }

    static void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Undoes a replacement that had not reached its commit point (its staging folder still holds the new
     * manifest): every new file moved in goes back to the staging folder, every old file back from the backup.
     * Past the commit point, only removes the backup. Then removes the staging folder. Safe to run again after
     * it was itself interrupted.
     */
    static void rollBack(Path target, Path staging, Path backup) throws IOException {
        Path stagedManifest = staging.resolve(OutputFolder.MANIFEST);
        if (Files.isRegularFile(stagedManifest) && backup != null && Files.isDirectory(backup)) {
            for (String n : readNames(stagedManifest)) {
                if (!Files.exists(staging.resolve(n), LinkOption.NOFOLLOW_LINKS)
                        && Files.exists(target.resolve(n), LinkOption.NOFOLLOW_LINKS)) {
                    rename(target.resolve(n), staging.resolve(n));
                }
            }
            try (DirectoryStream<Path> old = Files.newDirectoryStream(backup)) {
                for (Path p : old) {
                    rename(p, target.resolve(p.getFileName().toString()));
                }
            }
            Files.delete(backup);
        } else if (backup != null) {
            deleteTree(backup);
        }
        deleteTree(staging);
    }

    /**
     * Finishes what a killed run into this folder left: a replacement halfway (rolled back or completed), its
     * staging folders, the staging folder of a new folder beside it, and a lock file beside it that no run holds.
     */
    static void recover(Path target, Path given) {
        try {
            if (Files.isDirectory(target)) {
                List<Path> stagings = new ArrayList<>();
                try (DirectoryStream<Path> d = Files.newDirectoryStream(target,
                        p -> p.getFileName().toString().startsWith(OutputFolder.STAGING))) {
                    d.forEach(stagings::add);
                }
                for (Path s : stagings) {
                    Path b = target.resolve(OutputFolder.BACKUP + s.getFileName().toString().substring(OutputFolder.STAGING.length()));
                    if (Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
                        rollBack(target, s, Files.isDirectory(b, LinkOption.NOFOLLOW_LINKS) ? b : null);
                    }
                }
            }
            Path parent = target.getParent();
            if (parent != null && target.getFileName() != null && Files.isDirectory(parent)) {
                String prefix = "." + HiddenNames.stem(target.getFileName().toString()) + OutputFolder.STAGING;
                List<Path> beside = new ArrayList<>();
                try (DirectoryStream<Path> d = Files.newDirectoryStream(parent,
                        p -> p.getFileName().toString().startsWith(prefix))) {
                    d.forEach(beside::add);
                } catch (IOException ignored) {
                    // An unreadable parent holds nothing of ours.
                }
                for (Path s : beside) {
                    deleteTree(s);
                }
                if (Files.isDirectory(target)) {
                    // A run killed while the folder (and maybe folders above it) did not exist locked it in the
                    // nearest folder above that did: look in each.
                    for (Path above = parent; above != null; above = above.getParent()) {
                        OutputLock.removeIfUnheld(OutputLock.fileIn(above, target));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover the output folder " + given + " from an interrupted run: "
                    + AtomicFiles.reason(e), e);
        }
    }

    static Set<String> readNames(Path manifest) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            String name = line.strip();
            if (!name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.startsWith(".")) {
                names.add(name);
            }
        }
        return names;
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.toList());
            Collections.sort(all, Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // The original failure is the one worth reporting.
        }
    }
}
