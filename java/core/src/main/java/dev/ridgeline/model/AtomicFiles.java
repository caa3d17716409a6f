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

/**
 * Writes files so that a reader never sees half of one: the bytes go to a temporary file in the same folder,
 * which is then moved over the target in one step. On failure the temporary file is removed, and so it is
 * when the JVM shuts down (SIGINT, SIGTERM) while the file is being written; one that a killed run left
 * (SIGKILL) is removed by the next write of the same file ({@link #removeAbandoned}).
 */
public final class AtomicFiles {
    /** Temporary files being written; a shutdown hook removes those left when the JVM exits. */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();
    /**
     * Guards {@link #shuttingDown} with the steps that must not interleave with the hook: registering a new
     * temporary file, and moving a finished one into place. A write still running when the hook ran then
     * fails without leaving its file, and one started after it never begins: the JVM may run other shutdown
     * hooks for seconds, and writes that went on meanwhile had left a half file behind.
     */
    private static final Object SHUTDOWN = new Object();
    private static boolean shuttingDown;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::shutDown, "ridgeline-temporary-files"));
        } catch (IllegalStateException alreadyShuttingDown) {
            synchronized (SHUTDOWN) {
                shuttingDown = true;
            }
        }
    }

    /** The shutdown hook: no new write starts or finishes, and the files of those under way are removed. */
    private static void shutDown() {
        synchronized (SHUTDOWN) {
            shuttingDown = true;
            IN_PROGRESS.forEach(AtomicFiles::deleteQuietly);
        }
    }

    /** Refuses a write once the JVM is shutting down; call holding {@link #SHUTDOWN}. */
    private static void requireRunning() throws IOException {
        if (shuttingDown) {
            throw new IOException("the JVM is shutting down");
        }
    }

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

    /** As {@link #write(Path, byte[])}, the content written through a buffer as {@code content} produces it. */
    public static void write(Path target, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            removeAbandoned(dir, target.getFileName().toString());
            synchronized (SHUTDOWN) {
                requireRunning();
                tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
                IN_PROGRESS.add(tmp);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                holdWhileWriting(channel);
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
            }
            readableByAll(tmp, false);
            synchronized (SHUTDOWN) {
                requireRunning();
                move(tmp, target);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target + ": " + (shuttingDownNow() ? "the JVM is"
                    + " shutting down" : reason(e)), e);
        } catch (RuntimeException | Error e) {
            // Content that fails unchecked (or runs out of memory) must not leave its half file either.
            deleteQuietly(tmp);
            throw e;
        } finally {
            if (tmp != null) {
                IN_PROGRESS.remove(tmp);
            }
        }
    }

    private static boolean shuttingDownNow() {
        synchronized (SHUTDOWN) {
            return shuttingDown;
        }
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
        String prefix = "." + name;
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
        Map<Path, Path> written = new LinkedHashMap<>();
        List<Path> created = new ArrayList<>();
        Path current = null;
        try {
            for (var file : files.entrySet()) {
                current = file.getKey();
                Path dir = current.toAbsolutePath().getParent();
                createFolders(dir, created);
                removeAbandoned(dir, current.getFileName().toString());
                Path tmp;
                synchronized (SHUTDOWN) {
                    requireRunning();
                    tmp = Files.createTempFile(dir, "." + current.getFileName(), ".tmp");
                    IN_PROGRESS.add(tmp);
                }
                written.put(tmp, current);
                Files.write(tmp, file.getValue());
                readableByAll(tmp, false);
            }
            // All moves or, once the JVM shuts down, none: the hook waits for them.
            synchronized (SHUTDOWN) {
                requireRunning();
                for (var move : written.entrySet()) {
                    current = move.getValue();
                    move(move.getKey(), move.getValue());
                }
            }
        } catch (IOException e) {
            written.keySet().forEach(AtomicFiles::deleteQuietly);
            for (int i = created.size() - 1; i >= 0; i--) {
                deleteQuietly(created.get(i));
            }
            throw new UncheckedIOException("cannot write " + current + ": " + (shuttingDownNow() ? "the JVM is"
                    + " shutting down" : reason(e)), e);
        } finally {
            IN_PROGRESS.removeAll(written.keySet());
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
     * Temporary files and folders are created private (0600 / 0700); a result is meant to be shared like any
     * file the user writes, so it gets 0644 (a folder 0755) where the file system has POSIX permissions.
     */
    public static void readableByAll(Path p, boolean folder) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                    folder ? "rwxr-xr-x" : "rw-r--r--"));
        }
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
