package dev.ridgeline.model;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader never sees half of one: the bytes go to a temporary file in the same folder,
 * which is synced to disk and then moved over the target in one step, and the folder is synced after the move
 * ({@link DiskSync}), so that a power loss leaves the old file or the new one, not an empty one. On failure the temporary file is removed; a save under
 * way when the JVM shuts down (SIGINT, SIGTERM), or started while it does, may still finish (a save from a
 * shutdown hook does), and its temporary file is removed when the JVM exits if it never got into place; one
 * that a killed run left (SIGKILL) is removed by the next write of the same file ({@link #removeAbandoned}).
 */
public final class AtomicFiles {
    /** Temporary files being written. */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();
    /** Guards {@link #shuttingDown} and {@link #hook} with the registration of a new temporary file. */
    private static final Object SHUTDOWN = new Object();
    private static boolean shuttingDown;
    /**
     * The shutdown hook, registered only while a save is under way: a hook held for the JVM's life kept this
     * class, and with it the class loader of an application that saved a model, reachable after that
     * application was undeployed from its container.
     */
    private static Thread hook;

    /**
     * The shutdown hook. Deleting the files of saves under way, as it once did, failed a save that another
     * shutdown hook was making (a service saving its model on SIGTERM), and a save started while the
     * application's hooks still ran left its half file when the JVM halted. Instead every temporary file of
     * a save under way, or started from now on, goes on the JDK's delete-on-exit list ({@link
     * java.io.File#deleteOnExit}), whose deletions run after all application shutdown hooks have finished:
     * a save that got into place by then is untouched (its temporary name no longer exists), any other is
     * removed. Registering only from shutdown on keeps that list from growing in a long-running JVM.
     */
    private static void shutDown() {
        synchronized (SHUTDOWN) {
            shuttingDown = true;
            for (Path tmp : IN_PROGRESS) {
                removeAtExit(tmp);
            }
        }
    }

    /**
     * Registers the shutdown hook if none is; called holding {@link #SHUTDOWN} before a temporary file is made.
     * Where the JVM already shuts down (the hook cannot be added), {@link #shuttingDown} is set instead, so that
     * the file is made as a save during shutdown must be.
     */
    private static void hookUntilSaved() {
        if (hook != null || shuttingDown) {
            return;
        }
        Thread h = new Thread(AtomicFiles::shutDown, "ridgeline-temporary-files");
        h.setContextClassLoader(null);  // a hook that does run must not hold the application's loader either
        try {
            Runtime.getRuntime().addShutdownHook(h);
            hook = h;
        } catch (IllegalStateException alreadyShuttingDown) {
            shutDown();
        }
    }

    /** The temporary files of a save are gone (moved into place or removed); the last one takes the hook away. */
    private static void saved(java.util.Collection<Path> temporaryFiles) {
        synchronized (SHUTDOWN) {
            IN_PROGRESS.removeAll(temporaryFiles);
            if (IN_PROGRESS.isEmpty() && hook != null && !shuttingDown) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shutdownBegun) {
                    // The hook runs now, or has run: it finds nothing of this save to remove.
                }
                hook = null;
            }
        }
    }

    /**
     * Puts {@code tmp} on the delete-on-exit list; false once that list has been processed (the JVM is about
     * to halt).
     */
    private static boolean removeAtExit(Path tmp) {
        try {
            tmp.toFile().deleteOnExit();
            return true;
        } catch (IllegalStateException halting) {
            return false;
        }
    }

    /** Why a file whose permissions do not let this user write it is not replaced. */
    public static final String READ_ONLY = "the file is read-only for this user; make it writable, or remove it";

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    /** What a file holds, written to a stream (so that a large file need not be built in memory first). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * As {@link #write(Path, byte[])}, the content written through a buffer as {@code content} produces it. A
     * symbolic link is followed: the file it names is replaced, the link kept. A target that exists and is
     * neither a regular file nor a folder (a pipe, a device such as /dev/stdout) is written in place, as a
     * stream: it cannot be replaced, and replacing it had turned a named pipe into a file its reader never saw.
     */
    public static void write(Path target, Content content) {
        withoutInterruptStatus(() -> writeFile(target, content));
    }

    /**
     * Runs a write with the thread's interrupt status cleared, then sets it again if it was set. A file
     * channel closes when the thread that uses it is interrupted, or already was: a model trained until an
     * interrupt (the trainer returns it with StopReason.INTERRUPTED and the status kept) then failed to save
     * with "ClosedChannelException", as if the disk had failed. An interrupt during the write still stops it.
     */
    private static void withoutInterruptStatus(Runnable write) {
        boolean interrupted = Thread.interrupted();
        try {
            write.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void writeFile(Path target, Content content) {
        if (special(target)) {
            // Appended: /dev/stdout redirected to a file is opened anew at offset 0, over what came before.
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), 1 << 16)) {
                content.writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
            }
            return;
        }
        Path link = target;
        try {
            target = destination(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + link + ": " + reason(e), e);
        }
        if (Files.isRegularFile(target) && !Files.isWritable(target)) {
            // The rename would replace it (the folder is writable), but not a file this user may not write.
            throw new UncheckedIOException("cannot write " + target + ": " + READ_ONLY,
                    new java.nio.file.AccessDeniedException(target.toString()));
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        List<Path> created = new ArrayList<>();
        try {
            createFolders(dir, created);
            removeAbandoned(dir, target.getFileName().toString());
            tmp = registeredTemporaryFile(dir, target);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                holdWhileWriting(channel);
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                givePermissionsOf(target, tmp, false);  // before the sync, which then covers the mode too
                DiskSync.file(channel, tmp);
            }
            move(tmp, target);
            syncFolders(List.of(dir), created);
        } catch (IOException e) {
            deleteQuietly(tmp);
            removeCreated(created);
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        } catch (RuntimeException | Error e) {
            // Content that fails unchecked (or runs out of memory) must not leave its half file either, nor the
            // folders made for it.
            deleteQuietly(tmp);
            removeCreated(created);
            throw e;
        } finally {
            saved(tmp == null ? List.of() : List.of(tmp));  // also when the temporary file could not be made
        }
    }

    /**
     * A new temporary file beside {@code target}, in {@link #IN_PROGRESS} (and, while the JVM shuts down, on
     * the delete-on-exit list) before anything else can see it.
     */
    private static Path registeredTemporaryFile(Path dir, Path target) throws IOException {
        synchronized (SHUTDOWN) {
            hookUntilSaved();
            if (!shuttingDown) {
                Path tmp = Files.createTempFile(dir, "." + HiddenNames.stem(target.getFileName().toString()), ".tmp");
                IN_PROGRESS.add(tmp);
                return tmp;
            }
            // While the JVM shuts down, the name goes on the delete-on-exit list before the file exists, and no
            // file is made once the list is known to have run: a file made first and refused after had been left
            // when the JVM halted between the two (a thread saving one file after another hit that moment). The
            // list can still run between the registration and the creation; then the file is removed here, and
            // only a halt in the few instructions before that leaves it (the next save of the file removes it).
            long suffix = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
            Path tmp = dir.resolve("." + HiddenNames.stem(target.getFileName().toString()) + suffix + ".tmp");
            if (!removeAtExit(tmp)) {
                throw new IOException("the JVM is exiting");
            }
            Files.createFile(tmp, ownerOnly(dir));
            IN_PROGRESS.add(tmp);
            if (!removeAtExit(tmp)) {
                // The list ran between the two: this file is not on it.
                IN_PROGRESS.remove(tmp);
                deleteQuietly(tmp);
                throw new IOException("the JVM is exiting");
            }
            return tmp;
        }
    }

    /**
     * Read and write for the owner only, as {@link Files#createTempFile} makes them, where the file system has
     * POSIX permissions.
     */
    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions
                        .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))}
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    /** How old an unlocked temporary file must be before another run takes its writer for dead. */
    static final long ABANDONED_AFTER_MILLIS = 60_000;

    /**
     * Locks the temporary file while it is written: the operating system drops the lock when the process
     * ends, however it ends, so a later run can tell a file whose writer was killed (SIGKILL) from one still
     * being written. Where the file system has no locks the file is written unlocked, and never taken for
     * abandoned.
     */
    private static void holdWhileWriting(FileChannel channel) {
        try {
            channel.lock();
        } catch (IOException | UnsupportedOperationException e) {
            // No locks here (some network file systems): write on; removeAbandoned cannot lock it either.
        }
    }

    /**
     * Removes the temporary files of {@code name} in {@code dir} that a killed run left (".NAME123.tmp"): only
     * those at least {@link #ABANDONED_AFTER_MILLIS} old that no process holds locked. A SIGKILL left them for
     * good before, since no shutdown hook runs then.
     */
    static void removeAbandoned(Path dir, String name) {
        String prefix = "." + HiddenNames.stem(name);
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> {
            String f = p.getFileName().toString();
            return f.startsWith(prefix) && f.endsWith(".tmp") && f.length() > prefix.length() + 4
                    && f.substring(prefix.length(), f.length() - 4).chars().allMatch(Character::isDigit);
        })) {
            for (Path p : files) {
                if (IN_PROGRESS.contains(p) || now - Files.getLastModifiedTime(p).toMillis() < ABANDONED_AFTER_MILLIS) {
                    continue;
                }
                try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE); FileLock free = c.tryLock()) {
                    if (free != null) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
                    // Locked by this JVM, unlockable, or gone meanwhile: leave it.
                }
            }
        } catch (IOException e) {
            // Tidying only: a folder that cannot be listed fails the write itself, with its own message.
        }
    }

    /**
     * Writes several files so that a failure while writing changes none of them: each is written to a
     * temporary file beside its target, and only when all are written are they moved into place, one atomic
     * move each. Folders it had to create are removed again when writing fails (a full disk left a new folder
     * with one plot). A move that fails after others succeeded (rare: a target that cannot be replaced) leaves
     * those in place: the set is not replaced in one step.
     */
    public static void writeAll(Map<Path, byte[]> files) {
        LinkedHashMap<Path, Content> contents = new LinkedHashMap<>();
        files.forEach((path, bytes) -> contents.put(path, out -> out.write(bytes)));
        writeAllInOrder(contents);
    }

    /**
     * As {@link #writeAll}, each file's content written through a stream as it is produced, in the map's order:
     * a later content may use what an earlier one computed (explain's SHAP file, then the plots of the importance
     * its pass summed). Content that fails, checked or not, changes none of the files either.
     */
    public static void writeAllInOrder(LinkedHashMap<Path, Content> files) {
        withoutInterruptStatus(() -> writeAllFiles(files));
    }

    private static void writeAllFiles(Map<Path, Content> files) {
        Map<Path, Path> written = new LinkedHashMap<>();
        List<Path> created = new ArrayList<>();
        // Each temporary file stays locked until every move is done: a finished one waits for the later contents,
        // and unlocked for a minute another run's removeAbandoned had taken it for a killed writer's.
        List<FileChannel> held = new ArrayList<>();
        Path current = null;
        try {
            for (var file : files.entrySet()) {
                current = file.getKey();
                if (special(current)) {
                    throw new FileSystemException(current.toString(), null, "not a regular file (a pipe or a device):"
                            + " the files of a set are put in place together");
                }
                current = destination(current);  // a link's file is replaced, the link kept, as by write
                Path dir = current.toAbsolutePath().getParent();
                createFolders(dir, created);
                removeAbandoned(dir, current.getFileName().toString());
                Path tmp = registeredTemporaryFile(dir, current);
                written.put(tmp, current);
                FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                held.add(channel);
                holdWhileWriting(channel);
                // Flushed, not closed: closing the stream would close the channel and drop the lock.
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                file.getValue().writeTo(out);
                out.flush();
                givePermissionsOf(current, tmp, false);  // before the sync, which then covers the mode too
                DiskSync.file(channel, tmp);
            }
            List<Path> folders = new ArrayList<>();
            for (var move : written.entrySet()) {
                current = move.getValue();
                move(move.getKey(), move.getValue());
                folders.add(move.getValue().toAbsolutePath().getParent());
            }
            syncFolders(folders, created);
        } catch (IOException e) {
            written.keySet().forEach(AtomicFiles::deleteQuietly);
            removeCreated(created);
            throw new UncheckedIOException("cannot write " + current + ": " + reason(e), e);
        } catch (RuntimeException | Error e) {
            written.keySet().forEach(AtomicFiles::deleteQuietly);
            removeCreated(created);
            throw e;
        } finally {
            held.forEach(AtomicFiles::closeQuietly);
            saved(written.keySet());
        }
    }

    /**
     * Syncs the folders that received files, and the parent of each folder this write made (whose new entry is
     * otherwise as fragile as a file's), each once.
     */
    private static void syncFolders(List<Path> receivers, List<Path> created) {
        Set<Path> folders = new java.util.LinkedHashSet<>(receivers);
        for (Path p : created) {
            if (p.toAbsolutePath().getParent() != null) {
                folders.add(p.toAbsolutePath().getParent());
            }
        }
        folders.forEach(DiskSync::folder);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Its content was flushed and checked; the close only releases the lock.
        }
    }

    /** Removes the folders {@link #createFolders} made, innermost first (each only if it is empty). */
    private static void removeCreated(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            deleteQuietly(created.get(i));
        }
    }

    /** Creates {@code dir} and its missing parents, recording each one made (outermost first). */
    private static void createFolders(Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
                created.add(p);
            } catch (FileAlreadyExistsException e) {
                // Another writer made it between the look and here (two threads writing cards into one new
                // folder): not this call's to remove on failure, and no failure if it is a folder.
                if (!Files.isDirectory(p)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Why a file operation failed, in words and without the path (which may be an internal temporary one):
     * "permission denied", "no such file or folder", "no space left on device", ...
     */
    public static String reason(IOException e) {
        if (e instanceof java.nio.channels.ClosedByInterruptException) {
            return "the thread was interrupted while writing (the file was not replaced)";
        }
        // A loop of links is named as one: ELOOP reads "too many levels of symbolic links" (which is also how a
        // NOFOLLOW open of any link fails), and creating a folder under a loop "already exists".
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String loop = dev.ridgeline.data.LinkLoop.reason(Path.of(f.getFile()));
            if (loop != null) {
                return loop;
            }
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a folder that is not empty is in the way";
        }
        if (e instanceof FileSystemException f) {
            String r = f.getReason();
            if (r != null && !r.isBlank()) {
                return r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1);
            }
            return e.getClass().getSimpleName();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Moves {@code from} over {@code to} atomically where the file system allows it. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Temporary files and folders are created private (0600 / 0700); the result that replaces {@code target}
     * gets the permissions of the file (or folder) it replaces, else those a new one gets in its folder under
     * the process's umask, where the file system has POSIX permissions. (Every result had been given 0644 / 0755:
     * under umask 077, or over a 0600 file, predictions and models became readable by all.)
     */
    public static void givePermissionsOf(Path target, Path tmp, boolean folder) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> mode;
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(target)) {
            mode = Files.getPosixFilePermissions(target);
        } else {
            mode = newFileMode(tmp.toAbsolutePath().getParent(), target, folder);
        }
        Files.setPosixFilePermissions(tmp, mode);
    }

    /**
     * The mode a new file (or folder) gets in {@code dir}: one is made there without attributes, read and
     * removed. Named like a temporary file of {@code target}, so that one a killed run left is removed by a
     * later write ({@link #removeAbandoned}).
     */
    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> newFileMode(Path dir, Path target,
            boolean folder) throws IOException {
        long suffix = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        Path probe = dir.resolve("." + HiddenNames.stem(target.getFileName().toString()) + suffix + ".tmp");
        if (folder) {
            Files.createDirectory(probe);
        } else {
            Files.createFile(probe);
        }
        try {
            return Files.getPosixFilePermissions(probe);
        } finally {
            deleteQuietly(probe);
        }
    }

    /**
     * Whether {@code target} is written in place, as a stream: it exists and is neither a regular file nor a
     * folder (a pipe, a device, a socket), or it is a path under /dev or /proc (/dev/stdout, /dev/fd/N, a
     * process substitution), which names whatever a descriptor is open on: redirected to a file, following
     * it would have replaced that file, losing what the shell had written to it before.
     */
    public static boolean special(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.startsWith("/dev") || absolute.startsWith("/proc")) {
            return Files.exists(target) && !Files.isDirectory(target);
        }
        return Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target);
    }

    /** The path a write of {@code target} replaces: a symbolic link's file (links followed, up to 40), else itself. */
    public static Path destination(Path target) throws IOException {
        Path p = target.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) {
                String loop = dev.ridgeline.data.LinkLoop.reason(target);
                throw new FileSystemException(target.toString(), null, loop != null ? loop
                        : "too many levels of symbolic links");
            }
            // Against the link's real folder, not normalised as text: "../x" under a linked folder is the real
            // folder's parent's x, not the link path's.
            p = p.getParent().toRealPath().resolve(Files.readSymbolicLink(p));
        }
        return p;
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // The original failure is the one worth reporting.
        }
    }
}
