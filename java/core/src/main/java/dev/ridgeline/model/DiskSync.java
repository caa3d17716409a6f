package dev.ridgeline.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BiConsumer;

/**
 * Asks the operating system to put written bytes, and the renames that publish them, on the disk before a
 * save reports success ({@code fsync(2)}). Without it a power loss or an operating-system crash shortly after a
 * save could leave the new name holding an empty or partial file: the rename reaches the disk's journal before
 * the data does on common Linux file systems (ext4 with delayed allocation, XFS). The order that makes a
 * replacement safe is: sync the new file, rename it over the old one, sync the folder that holds both.
 */
public final class DiskSync {
    /** Told of each sync, ("file" or "folder", path), before it is made; for tests of the order. */
    static volatile BiConsumer<String, Path> observer;

    private DiskSync() {
    }

    /**
     * Tells {@code listener} of each sync from now on, ("file" or "folder", path), before it is made; null stops.
     * For tests of the order of writes, syncs and renames (the command line's output folders among them).
     */
    public static void observe(BiConsumer<String, Path> listener) {
        observer = listener;
    }

    /**
     * Syncs the content of an open file. A failure is the disk's (EIO, ENOSPC on delayed allocation) and is
     * thrown: the bytes may not be there, so the save must not report success.
     */
    public static void file(FileChannel channel, Path path) throws IOException {
        tell("file", path);
        channel.force(true);
    }

    /**
     * Syncs a folder's entries (the renames and new names in it). Best effort: some systems cannot open a
     * folder as a file (Windows) or refuse to sync one (some network file systems), and there the renames are
     * as durable as the system makes them without it.
     */
    public static void folder(Path dir) {
        tell("folder", dir);
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here: see above.
        }
    }

    /** A step on a file before its sync (its permissions), which then goes to disk with its bytes. */
    @FunctionalInterface
    public interface BeforeSync {
        void run() throws IOException;
    }

    /** Writes {@code bytes} to a new or truncated file and syncs it before returning. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, bytes, () -> { });
    }

    /**
     * As {@link #write(Path, byte[])}, with {@code beforeSync} run between the write and the sync: a mode set after
     * the sync could be lost to a crash, leaving the file with the temporary file's owner-only mode.
     */
    public static void write(Path file, byte[] bytes, BeforeSync beforeSync) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                c.write(b);
            }
            beforeSync.run();
            file(c, file);
        }
    }

    private static void tell(String what, Path path) {
        BiConsumer<String, Path> o = observer;
        if (o != null) {
            o.accept(what, path);
        }
    }
}
