package dev.ridgeline.cli;

import dev.ridgeline.model.AtomicFiles;
import dev.ridgeline.model.HiddenNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An exclusive lock on an output folder, so that two runs never write the same folder at once: the second
 * fails before it loads any data. The lock is {@code FileChannel.tryLock} on a lock file: {@value #NAME}
 * inside the folder when it exists, else a hidden sibling {@code .NAME.ridgeline-lock} in the nearest
 * existing ancestor (where the new folder will be staged and renamed into place). Creating the lock file is
 * also the early check that the place is writable. The file is removed on release; since another run may
 * have opened it just before, a run that gets the lock checks that the path still names the file it locked,
 * and starts over when not. (Locks are POSIX record locks, held per process.)
 */
final class OutputLock implements AutoCloseable {
    static final String NAME = ".ridgeline-lock";
    static final String SUFFIX = ".ridgeline-lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Object key;

    private OutputLock(Path file, FileChannel channel, FileLock lock, Object key) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.key = key;
    }

    Path file() {
        return file;
    }

    /** The lock file for the output folder {@code target} (absolute, normalized) as things are now. */
    static Path fileFor(Path given, Path target) {
        if (Files.isDirectory(target)) {
            return target.resolve(NAME);
        }
        Path ancestor = target.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            throw new UncheckedIOException(new IOException("cannot write " + given + ": no existing folder above it"));
        }
        if (!Files.isDirectory(ancestor)) {
            throw new IllegalArgumentException("cannot write " + given + ": " + ancestor + " is not a folder");
        }
        return fileIn(ancestor, target);
    }

    /** The lock file, in the existing folder {@code ancestor}, of the not yet existing folder {@code target}. */
    static Path fileIn(Path ancestor, Path target) {
        String rel = ancestor.relativize(target).toString().replace(target.getFileSystem().getSeparator(), "%");
        return ancestor.resolve("." + HiddenNames.stem(rel) + SUFFIX);
    }

    /**
     * Takes the lock of the output folder {@code given} or fails at once: "another ridgeline run is writing
     * DIR" when a run holds it, "cannot write DIR: permission denied" (or another reason) when the lock file
     * cannot be created.
     */
    static OutputLock acquire(Path given, Path target) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Path file = fileFor(given, target);
            OutputLock l = tryOnce(given, file);
            if (l != null) {
                return l;
            }
        }
        throw busy(given);
    }

    private static IllegalArgumentException busy(Path given) {
        return new IllegalArgumentException("another ridgeline run is writing " + given
                + "; wait for it to finish or choose another --out");
    }

    /**
     * The lock, or null when the path may not name the file that was locked (it was missing before the open,
     * or a holder removed it meanwhile): try again. The check compares the path's file key (device and inode)
     * before the open and after the lock, by {@code stat} only: opening the lock file a second time and
     * closing it would drop this process's POSIX lock on it.
     */
    private static OutputLock tryOnce(Path given, Path file) {
        Object before = key(file);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + given + ": " + AtomicFiles.reason(e), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM
            }
            if (lock == null) {
                channel.close();
                throw busy(given);
            }
            Object after = key(file);
            if (before == null || !before.equals(after)) {
                lock.release();
                channel.close();
                return null;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("ridgeline pid " + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            return new OutputLock(file, channel, lock, after);
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The original failure is the one worth reporting.
            }
            throw new UncheckedIOException("cannot write " + given + ": " + AtomicFiles.reason(e), e);
        }
    }

    /** The file key (device and inode) of {@code file} itself, or null when there is none. */
    private static Object key(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Removes a lock file that a killed run left and no run holds now. */
    static void removeIfUnheld(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock != null) {
                Files.deleteIfExists(file);
                lock.release();
            }
        } catch (IOException ignored) {
            // Not ours to worry about: it is hidden and never read as output.
        }
    }

    /** Removes the lock file (still holding the lock, so no other run is between) and releases the lock. */
    @Override
    public void close() {
        try {
            if (key.equals(key(file))) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // Gone already, or the folder went away: nothing to remove.
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException ignored) {
            // Closing the channel releases the lock in any case; the process's exit does too.
        }
    }
}
