package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void contentThatFailsUncheckedLeavesNoFileBehind() throws IOException {
        Path target = dir.resolve("predictions.csv");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write("y_predicted\n1.0\n".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("the content could not be produced");
        }));
        assertEquals("the content could not be produced", thrown.getMessage());
        assertEquals(List.of(), listing(), "neither the target nor a temporary file");
    }

    /**
     * A run killed (SIGKILL) while writing left its hidden temporary file for good. The next write of the same
     * file removes one that is old and unlocked, and leaves one that is recent or still locked by its writer.
     */
    @Test
    void aTemporaryFileAKilledRunLeftIsRemovedByTheNextWrite() throws IOException {
        Path abandoned = Files.writeString(dir.resolve(".p.csv18099012906185690037.tmp"), "half");
        Path recent = Files.writeString(dir.resolve(".p.csv42.tmp"), "being written");
        Path locked = Files.writeString(dir.resolve(".p.csv77.tmp"), "being written, locked");
        Path other = Files.writeString(dir.resolve(".q.csv5.tmp"), "another file's");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 2 * AtomicFiles.ABANDONED_AFTER_MILLIS);
        for (Path p : List.of(abandoned, locked, other)) {
            Files.setLastModifiedTime(p, old);
        }
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(locked,
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock held = c.lock()) {
            AtomicFiles.write(dir.resolve("p.csv"), "y_predicted\n1\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of(".p.csv42.tmp", ".p.csv77.tmp", ".q.csv5.tmp", "p.csv"), listing());
    }

    /** Several files at once: when one cannot be written, none is replaced and the folders made are gone. */
    @Test
    void writeAllChangesNothingWhenOneFileCannotBeWritten() throws IOException {
        Path old = Files.writeString(dir.resolve("importance.png"), "old plot");
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder is needed");
        java.util.Map<Path, byte[]> files = new java.util.LinkedHashMap<>();
        files.put(old, "new plot".getBytes(StandardCharsets.UTF_8));
        files.put(dir.resolve("fresh").resolve("deeper").resolve("a.png"), new byte[] {1});
        files.put(blocker.resolve("b.png"), new byte[] {2});
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.writeAll(files));
        assertEquals("cannot write " + blocker.resolve("b.png") + ": ", e.getMessage().substring(0,
                ("cannot write " + blocker.resolve("b.png") + ": ").length()));
        assertEquals("old plot", Files.readString(old));
        assertEquals(List.of("blocker", "importance.png"), listing(), "no temporary file, no folder made on the way");
        files.remove(blocker.resolve("b.png"));
        AtomicFiles.writeAll(files);
        assertEquals("new plot", Files.readString(old));
        assertEquals(1, Files.readAllBytes(dir.resolve("fresh/deeper/a.png"))[0]);
    }

    /**
     * Contents written in order, a later one using what an earlier one computed; content that fails unchecked
     * midway (a data error during explain's pass) replaces none of the files and leaves no temporary file.
     */
    @Test
    void writeAllInOrderRunsTheContentsInOrderAndChangesNothingWhenOneFails() throws IOException {
        Path table = Files.writeString(dir.resolve("shap.csv"), "old table");
        Path plot = dir.resolve("importance.png");
        int[] rows = {0};
        java.util.LinkedHashMap<Path, AtomicFiles.Content> files = new java.util.LinkedHashMap<>();
        files.put(table, out -> {
            for (int i = 0; i < 3; i++) {
                out.write(("row " + i + "\n").getBytes(StandardCharsets.UTF_8));
                rows[0]++;
            }
        });
        files.put(plot, out -> out.write(("plot of " + rows[0] + " rows").getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.writeAllInOrder(files);
        assertEquals("row 0\nrow 1\nrow 2\n", Files.readString(table));
        assertEquals("plot of 3 rows", Files.readString(plot));

        files.put(table, out -> {
            out.write("half a table".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("the data changed");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicFiles.writeAllInOrder(files));
        assertEquals("the data changed", e.getMessage());
        assertEquals("row 0\nrow 1\nrow 2\n", Files.readString(table));
        assertEquals("plot of 3 rows", Files.readString(plot));
        assertEquals(List.of("importance.png", "shap.csv"), listing(), "no temporary file left");
    }

    /**
     * A finished temporary file of a set waits for the later contents; it stays locked meanwhile, so that another
     * run's removeAbandoned cannot take it, a minute later, for a killed writer's (unlocked, it had been deleted
     * and the set failed at its move). Probed from another process, as that run would find it.
     */
    @Test
    void aSetsFinishedTemporaryFilesStayLockedUntilTheirMoves() throws IOException {
        Path table = dir.resolve("shap.csv");
        boolean[] checked = {false};
        java.util.LinkedHashMap<Path, AtomicFiles.Content> files = new java.util.LinkedHashMap<>();
        files.put(table, out -> out.write("a table".getBytes(StandardCharsets.UTF_8)));
        files.put(dir.resolve("importance.png"), out -> {
            List<String> waiting = listing().stream().filter(f -> f.startsWith(".shap.csv") && f.endsWith(".tmp"))
                    .toList();
            assertEquals(1, waiting.size(), listing().toString());
            try {
                assertEquals("held", LockProbe.probe(dir.resolve(waiting.get(0))));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            checked[0] = true;
            out.write(new byte[] {1});
        });
        AtomicFiles.writeAllInOrder(files);
        assertTrue(checked[0]);
        assertEquals("a table", Files.readString(table));
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(table,
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock free = c.tryLock()) {
            assertTrue(free != null, "the lock went with the move");
        }
    }

    @Test
    void contentThatFailsWithAnIoErrorLeavesNoFileBehind() throws IOException {
        Path target = dir.resolve("predictions.csv");
        assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write('x');
            throw new IOException("disk full");
        }));
        assertEquals(List.of(), listing());
    }

    /** Folders made for the file go too when its writing fails (a full disk left nd/sub behind). */
    @Test
    void aFailedWriteRemovesTheFoldersItMade() throws IOException {
        Path target = dir.resolve("nd/sub/predictions.csv");
        assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            throw new IOException("disk full");
        }));
        assertEquals(List.of(), listing());
    }

    /** A model file given as a folder is named as such, not with the system's "Is a directory". */
    @Test
    void aFolderIsNoModelFile() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(dir));
        assertEquals(dir + ": is a folder, not a model file", e.getMessage());
    }

    /**
     * /dev/stdout, /dev/fd/N and /proc/self/fd/N name whatever a descriptor is open on: redirected to a file,
     * following the link had replaced that file (losing what the shell wrote before). They are streams.
     */
    @Test
    void pathsUnderDevAndProcAreStreams() {
        for (String p : new String[] {"/dev/null", "/dev/stdout", "/proc/self/fd/1"}) {
            if (Files.exists(Path.of(p))) {
                org.junit.jupiter.api.Assertions.assertTrue(AtomicFiles.special(Path.of(p)), p);
            }
        }
        org.junit.jupiter.api.Assertions.assertFalse(AtomicFiles.special(dir));
    }

    /** A relative link under a linked folder resolves against the real folder, as the system does. */
    @Test
    void aRelativeLinkUnderALinkedFolderReplacesTheFileTheSystemFinds() throws IOException {
        Path real = Files.createDirectories(dir.resolve("b/x"));
        Files.createDirectories(dir.resolve("b/shared"));
        Path target = Files.writeString(dir.resolve("b/shared/out.csv"), "old");
        Path linkedFolder = Files.createSymbolicLink(dir.resolve("a"), real);
        Files.createSymbolicLink(real.resolve("out.csv"), Path.of("../shared/out.csv"));
        AtomicFiles.write(linkedFolder.resolve("out.csv"), "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(target));
        org.junit.jupiter.api.Assertions.assertTrue(Files.isSymbolicLink(real.resolve("out.csv")));
        org.junit.jupiter.api.Assertions.assertFalse(Files.exists(dir.resolve("shared")), "a stray file beside the link");
    }

    @Test
    void streamedContentIsWritten() throws IOException {
        Path target = dir.resolve("predictions.csv");
        AtomicFiles.write(target, out -> out.write("a\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a\n", Files.readString(target));
        assertEquals(List.of("predictions.csv"), listing());
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * A thread whose interrupt status is set (a model trained until an interrupt, which the trainer returns with
     * the status kept) still writes its files; the status is set again afterwards. File channels close on an
     * interrupted thread: the write had failed with ClosedChannelException.
     */
    @Test
    void anInterruptedThreadStillWritesAndKeepsItsStatus() throws Exception {
        Path one = dir.resolve("one.json");
        Path a = dir.resolve("set/a.txt");
        Path b = dir.resolve("set/b.txt");
        Files.writeString(one, "old");
        Thread.currentThread().interrupt();
        try {
            AtomicFiles.write(one, "new".getBytes(StandardCharsets.UTF_8));
            assertTrue(Thread.currentThread().isInterrupted(), "the status is the caller's to see");
            AtomicFiles.writeAll(java.util.Map.of(a, new byte[] {1}, b, new byte[] {2}));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals("new", Files.readString(one));
        assertEquals(1, Files.readAllBytes(a)[0]);
        assertEquals(2, Files.readAllBytes(b)[0]);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("one.json", "set"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
