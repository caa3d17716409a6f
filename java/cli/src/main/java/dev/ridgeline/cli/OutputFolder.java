package dev.ridgeline.cli;

import dev.ridgeline.model.AtomicFiles;
import dev.ridgeline.model.DiskSync;
import dev.ridgeline.model.HiddenNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The output folder of one run: opened before any work, its files collected in memory, then committed
 * together, so that a failed or interrupted run leaves the folder as it was. The folder's {@value #MANIFEST}
 * lists the files of the run that wrote it last, so that a later run into the same folder removes those it
 * does not write again (a tune after a train would otherwise leave the train's card and plots beside the
 * tune's model) and replaces those it writes again; files that no run wrote are left alone, and a run that
 * would replace one of them (a user's own metrics.json) is refused.
 *
 * <p>{@link #open} refuses, before any data is read, a folder that would overwrite one of the run's input
 * files or a file no run wrote there, a folder another run is writing ({@link OutputLock}), and a place that
 * cannot be written (creating the lock file is the probe). It also finishes what a killed earlier run left: its staging folder is removed,
 * and a replacement it left halfway is rolled back (or completed when its manifest was already in place).
 *
 * <p>{@link #commit} first writes every file and the manifest into a hidden staging folder, so that a full
 * disk or an unwritable file fails there, leaving the folder untouched. Then, on Linux/POSIX, where
 * {@code rename(2)} within one file system is atomic:
 * <ul>
 * <li>a new folder: the staging folder {@code .NAME.ridgeline-staging.N} beside it is renamed into place in
 * one step;</li>
 * <li>an existing folder: the staging folder {@value #STAGING}N and a backup folder {@value #BACKUP}N live
 * inside it (so the renames never cross a file system, and only the folder itself must be writable). The
 * earlier run's files (from its manifest), any file the new run replaces, and the old manifest are renamed
 * into the backup; the new files are renamed in; the new manifest is renamed in last, which is the commit
 * point; then the backup is deleted. A failure before the commit point renames the new files back into the
 * staging folder and the old ones back from the backup. Each step is one rename, so the whole replacement takes
 * milliseconds.</li>
 * </ul>
 * A shutdown hook (SIGINT, SIGTERM) runs the same roll-back, or removes the staging folder, while a commit is
 * in progress; it waits for at most the one step in flight. After a SIGKILL or a crash, the next run into the
 * same folder finishes the job in {@link #open}: with the staging folder's manifest still there the
 * replacement had not reached its commit point and is rolled back, else it is completed. Each file is synced
 * to disk when written, the staging folder before the first move, and the folders the moves touched before and
 * after the commit point ({@link DiskSync}), so that after a power loss or an operating-system crash the next
 * run finds the earlier run's files or this one's, each whole, and the manifest where the moves left it.
 */
final class OutputFolder implements AutoCloseable {
    /** The names of the files the last run wrote, one per line. */
    static final String MANIFEST = ".ridgeline-files";
    /** Prefix of the staging folder inside an existing output folder (a random number follows). */
    static final String STAGING = ".ridgeline-staging.";
    /** Prefix of the backup folder of the earlier run's files during a replacement (same number as its staging). */
    static final String BACKUP = ".ridgeline-backup.";

    /** Called before each step of a commit, with the step and the file's name; for tests that make one fail. */
    interface Step {
        void before(String step, String name) throws IOException;
    }

    static volatile Step testStep;

    /** Orders the commits' steps against the shutdown hook: the hook waits for the step in flight. */
    private static final Object GATE = new Object();
    /** Open folders (guarded by GATE): the shutdown hook cleans up after each. */
    private static final Set<OutputFolder> ACTIVE = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private enum Phase { IDLE, STAGING, SWAPPING, COMMITTED }

    private final Path given;
    private final Path target;
    private final Map<String, Path> inputs;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<OutputLock> locks = new ArrayList<>();
    private Phase phase = Phase.IDLE;
    private Path staging;
    private Path backup;
    private List<Path> createdParents = List.of();
    private boolean aborted;

    private OutputFolder(Path given, Path target, Map<String, Path> inputs) {
        this.given = given;
        this.target = target;
        this.inputs = inputs;
    }

    /**
     * Checks and locks {@code dir} as the run's output folder before any work: it must not be a file, the
     * run must not overwrite one of {@code inputs} there (a file named as one {@code mayWrite} accepts, or one
     * the earlier run wrote and this run would remove), no other run may be writing it, and it (or the nearest
     * existing folder above it) must be writable, and none of {@code writes} (the names the run writes whatever
     * its data) may be a file there that the earlier run did not write. Close it when the command ends.
     */
    static OutputFolder open(Path dir, Map<String, Path> inputs, Predicate<String> mayWrite, Collection<String> writes) {
        checkUsable(dir);
        Path target = dir.toAbsolutePath().normalize();
        OutputFolder f = new OutputFolder(dir, target, inputs);
        f.refuseInputs(mayWrite);
        synchronized (GATE) {
            if (!hookInstalled) {
                try {
                    Runtime.getRuntime().addShutdownHook(new Thread(OutputFolder::onShutdown, "ridgeline-output-folder"));
                    hookInstalled = true;
                } catch (IllegalStateException shuttingDown) {
                    throw new IllegalStateException("the run was interrupted");
                }
            }
            f.locks.add(OutputLock.acquire(dir, target));
            ACTIVE.add(f);
        }
        try {
            OutputRecovery.recover(f.target, f.given);
            f.refuseOthersFiles(writes);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    /** Adds (or replaces) a file by its name inside the folder. */
    void add(String name, byte[] content) {
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("output file names are plain names, got '" + name + "'");
        }
        files.put(name, content.clone());
    }

    /** A copy of the bytes added under {@code name}, or null when none were. */
    byte[] content(String name) {
        byte[] content = files.get(name);
        return content == null ? null : content.clone();
    }

    List<String> names() {
        return List.copyOf(files.keySet());
    }

    /** Fails early, before any work, when {@code dir} cannot become the output folder. */
    static void checkUsable(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " exists and is not a folder");
        }
        // A link to a missing place, the folder itself or one above it, looked like a folder still to be made;
        // the run read and trained, then failed to create it.
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isSymbolicLink(p) && !Files.exists(p)) {
                // A loop of links does not "exist" either, though the link it points to does.
                String loop = dev.ridgeline.data.LinkLoop.reason(p);
                if (loop != null) {
                    throw new IllegalArgumentException("--out " + dir + (p.equals(dir) ? "" : ": " + p) + " is "
                            + loop + ": point one of them at a folder, or remove them");
                }
                String to;
                try {
                    to = Files.readSymbolicLink(p).toString();
                } catch (IOException e) {
                    to = "an unreadable target";
                }
                throw new IllegalArgumentException("--out " + dir + (p.equals(dir) ? "" : ": " + p) + " is a link to "
                        + to + ", which does not exist: create the folder it points to, or remove the link");
            }
        }
    }

    /**
     * Refuses when a file the run writes or removes in the folder is one of its inputs: the same file
     * ({@link Files#isSameFile}, so links count) or, where one does not exist, the same normalized path.
     */
    private void refuseInputs(Predicate<String> writes) {
        Set<String> earlier = Files.isDirectory(target) ? earlierRun(target) : Set.of();
        Set<String> there = new TreeSet<>();
        if (Files.isDirectory(target)) {
            try (Stream<Path> list = Files.list(target)) {
                list.map(p -> p.getFileName().toString()).filter(n -> writes.test(n) || earlier.contains(n))
                        .forEach(there::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the output folder " + given + ": " + AtomicFiles.reason(e), e);
            }
        }
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            Path path = in.getValue().toAbsolutePath().normalize();
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            boolean inside = target.equals(path.getParent()) && (writes.test(name) || earlier.contains(name));
            for (String n : there) {
                if (!inside && OutputFile.sameFile(path, target.resolve(n))) {
                    name = n;
                    inside = true;
                }
            }
            if (inside) {
                throw new IllegalArgumentException("--out " + given + " would " + (writes.test(name) ? "overwrite"
                        : "remove") + " the input " + in.getKey() + " " + in.getValue() + " (" + name + " is "
                        + (writes.test(name) ? "one of the run's files" : "a file of the earlier run")
                        + " in that folder); choose another --out");
            }
        }
    }

    /**
     * Refuses when one of {@code names} is in the folder and not in its {@value #MANIFEST}: a file of the user's
     * (or of another program) that happens to share a name with one of the run's would be replaced and lost.
     */
    private void refuseOthersFiles(Collection<String> names) {
        if (!Files.isDirectory(target)) {
            return;
        }
        Set<String> earlier = earlierRun(target);
        List<String> others = new ArrayList<>();
        for (String n : names) {
            Path p = target.resolve(n);
            // A folder of that name is refused at the commit ("is a directory"), never replaced.
            if (!earlier.contains(n) && Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                others.add(n);
            }
        }
        if (!others.isEmpty()) {
            String list = others.size() == 1 ? others.get(0)
                    : String.join(", ", others.subList(0, others.size() - 1)) + " and " + others.get(others.size() - 1);
            // Not "no run wrote them": explain --plots writes plots without a manifest, and folders written before
            // manifests existed have none; all that is known is that no train or tune run listed them.
            String them = others.size() == 1 ? "it" : "them";
            throw new IllegalArgumentException("--out " + given + " holds " + list + ", which this run would replace, and "
                    + (Files.isRegularFile(target.resolve(MANIFEST)) ? "its " + MANIFEST + " does not list " + them
                            : "it has no " + MANIFEST) + " (the list of the files a train or tune run wrote there), so "
                    + (others.size() == 1 ? "it may be a file" : "they may be files") + " to keep: move " + them
                    + " elsewhere or choose another --out");
        }
    }

    /** Writes every file into the folder, all or nothing (see the class comment). */
    void commit() {
        refuseInputs(files::containsKey);
        refuseOthersFiles(files.keySet());
        if (!OutputLock.fileFor(given, target).equals(locks.get(locks.size() - 1).file())) {
            // The folder appeared (or went) since the run started: hold the lock of its current place too.
            OutputLock more = OutputLock.acquire(given, target);
            synchronized (GATE) {
                locks.add(more);
            }
        }
        byte[] manifest = (String.join("\n", files.keySet()) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.isDirectory(target)) {
                replaceIn(manifest);
            } else {
                createNew(manifest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output folder " + given + blocking(e) + ": "
                    + AtomicFiles.reason(e), e);
        }
    }

    /**
     * " (its file residuals.png)" when the failure names one of the folder's own files, which the user can then
     * look at (an immutable or unwritable file had been hidden behind the folder's name); "" otherwise, also for
     * the hidden staging and backup folders, which are this run's own.
     */
    private String blocking(IOException e) {
        if (!(e instanceof java.nio.file.FileSystemException f) || f.getFile() == null) {
            return "";
        }
        Path file = Path.of(f.getFile()).toAbsolutePath().normalize();
        Path parent = file.getParent();
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        boolean own = parent != null && parent.equals(target.toAbsolutePath().normalize()) && !name.startsWith(".");
        return own ? " (its file " + name + ")" : "";
    }

    private interface Action {
        void run() throws IOException;
    }

    /** One step of a commit, in turn with the shutdown hook; refused once the hook has cleaned up. */
    private void step(String what, String name, Action action) throws IOException {
        Step t = testStep;
        if (t != null) {
            t.before(what, name);
        }
        synchronized (GATE) {
            if (aborted) {
                throw new IOException("the run was interrupted");
            }
            action.run();
        }
    }

    private void writeStaged(byte[] manifest) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            step("write", f.getKey(), () -> DiskSync.write(staging.resolve(f.getKey()), f.getValue(),
                    () -> AtomicFiles.givePermissionsOf(target.resolve(f.getKey()), staging.resolve(f.getKey()), false)));
        }
        step("write", MANIFEST, () -> DiskSync.write(staging.resolve(MANIFEST), manifest,
                () -> AtomicFiles.givePermissionsOf(target.resolve(MANIFEST), staging.resolve(MANIFEST), false)));
        step("sync", null, () -> DiskSync.folder(staging));
    }

    private void replaceIn(byte[] manifest) throws IOException {
        for (String name : files.keySet()) {
            if (Files.isDirectory(target.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("cannot write " + given.resolve(name) + ": is a directory");
            }
        }
        Set<String> earlier = earlierRun(target);
        try {
            step("stage", null, () -> {
                staging = Files.createTempDirectory(target, STAGING);
                phase = Phase.STAGING;
            });
            writeStaged(manifest);
            Set<String> aside = new LinkedHashSet<>(earlier);
            aside.addAll(files.keySet());
            aside.add(MANIFEST);
            aside.removeIf(n -> !Files.exists(target.resolve(n), LinkOption.NOFOLLOW_LINKS)
                    || Files.isDirectory(target.resolve(n), LinkOption.NOFOLLOW_LINKS));
            step("backup", null, () -> {
                Path b = target.resolve(BACKUP + staging.getFileName().toString().substring(STAGING.length()));
                Files.createDirectory(b);
                backup = b;
                phase = Phase.SWAPPING;
            });
            for (String n : aside) {
                step("aside", n, () -> OutputRecovery.rename(target.resolve(n), backup.resolve(n)));
            }
            for (String n : files.keySet()) {
                step("place", n, () -> OutputRecovery.rename(staging.resolve(n), target.resolve(n)));
            }
            // The moves before the commit point reach the disk before it does: recovery after a power loss reads
            // the manifest's place as the state of every other file.
            step("sync", null, () -> {
                DiskSync.folder(backup);
                DiskSync.folder(staging);
                DiskSync.folder(target);
            });
            step("place", MANIFEST, () -> {
                OutputRecovery.rename(staging.resolve(MANIFEST), target.resolve(MANIFEST));
                phase = Phase.COMMITTED;
                DiskSync.folder(target);  // within the step: past the commit point nothing may fail the run
            });
        } finally {
            // Failed: rolls back; committed: nothing is left to remove (a new folder has no backup).
            synchronized (GATE) {
                abandon();
            }
        }
    }

    private void createNew(byte[] manifest) throws IOException {
        Path parent = target.getParent();
        List<Path> missing = new ArrayList<>();
        for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        try {
            step("stage", null, () -> {
                createdParents = missing;
                Files.createDirectories(parent);
                staging = Files.createTempDirectory(parent, "." + HiddenNames.stem(target.getFileName().toString()) + STAGING);
                phase = Phase.STAGING;
            });
            writeStaged(manifest);
            AtomicFiles.givePermissionsOf(target, staging, true);
            step("rename", null, () -> {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                staging = null;
                List<Path> made = createdParents;
                createdParents = List.of();
                phase = Phase.COMMITTED;
                DiskSync.folder(parent);
                for (Path p : made) {
                    DiskSync.folder(p.getParent());
                }
            });
        } finally {
            // Failed: rolls back; committed: removes the backup and the empty staging folder.
            synchronized (GATE) {
                abandon();
            }
        }
    }

    /**
     * Leaves the folder as the earlier run left it, or as this run's commit made it once past its commit
     * point; removes the staging and backup folders. Called with GATE held. Failures are not reported (the
     * original one is); what could not be undone stays in the hidden folders for the next run's recovery.
     */
    private void abandon() {
        try {
            if (phase == Phase.SWAPPING || phase == Phase.COMMITTED && backup != null) {
                OutputRecovery.rollBack(target, staging, backup);
            } else if (staging != null) {
                OutputRecovery.deleteTree(staging);
            }
            for (Path p : createdParents) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // Left for the next run into this folder to recover.
        }
        staging = null;
        backup = null;
        createdParents = List.of();
        phase = Phase.IDLE;
    }

    /** Releases the folder: undoes an unfinished commit, releases the lock. */
    @Override
    public void close() {
        synchronized (GATE) {
            if (phase != Phase.IDLE) {
                abandon();
            }
            ACTIVE.remove(this);
            for (OutputLock l : locks) {
                l.close();
            }
            locks.clear();
        }
    }

    /** The shutdown hook: cleans up after every open folder and refuses their further steps. */
    private static void onShutdown() {
        synchronized (GATE) {
            for (OutputFolder f : ACTIVE) {
                f.aborted = true;
                f.abandon();
                f.locks.forEach(OutputLock::close);
                f.locks.clear();
            }
            ACTIVE.clear();
        }
    }

    /** For tests: what the shutdown hook does on SIGTERM, without shutting down. */
    static void simulateShutdown() {
        onShutdown();
    }

    /** The plain file names an earlier run listed in the folder's manifest (none without one). */
    static Set<String> earlierRun(Path folder) {
        Path manifest = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return new LinkedHashSet<>();
        }
        try {
            return OutputRecovery.readNames(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest + ": " + AtomicFiles.reason(e), e);
        }
    }

}
