package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Outputs never replace inputs, a failed or interrupted commit leaves the output folder as the earlier run
 * left it, two runs never write one folder at once, and an unwritable output is refused before any work.
 */
class OutputSafetyTest {
    @TempDir
    Path dir;

    @AfterEach
    void noTestStep() {
        OutputFolder.testStep = null;
    }

    /** Every file under {@code folder} (hidden ones too) by relative path, with its content; a folder as "/". */
    static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(p -> !p.equals(folder)).toList()) {
                m.put(folder.relativize(p).toString(), Files.isDirectory(p) ? "/"
                        : Arrays.toString(java.security.MessageDigest.getInstance("SHA-256").digest(readBytes(p))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return m;
    }

    private static byte[] readBytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anOutputFolderRefusesToOverwriteOrRemoveAnInput() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        StringBuilder s = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) {
            s.append(i % 7).append(',').append(i % 5).append(',').append(3 * (i % 7) - i % 5).append('\n');
        }
        Path cv = work.resolve("cv.csv");
        Files.writeString(cv, s.toString());
        CliRun tune = CliRun.of("tune", "--data", cv.toString(), "--lambdas", "1", "--folds", "2", "--solver", "exact",
                "--out", work.resolve(".").toString());
        assertEquals(Main.EXIT_DATA, tune.code());
        assertEquals("ridgeline: error: --out " + work.resolve(".") + " would overwrite the input --data " + cv
                + " (cv.csv is one of the run's files in that folder); choose another --out", tune.err().strip());
        assertEquals(s.toString(), Files.readString(cv));
        assertEquals(List.of("cv.csv"), names(work), "nothing written, no lock left");

        Path out = dir.resolve("out");
        assertEquals(0, CliRun.of("train", "--data", cv.toString(), "--solver", "exact", "--out", out.toString()).code());
        // metrics.json: train's, not tune's (which writes its own card), so the tune would remove it.
        Path metrics = out.resolve("metrics.json");
        CliRun later = CliRun.of("tune", "--data", metrics.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_DATA, later.code());
        assertEquals("ridgeline: error: --out " + out + " would remove the input --data " + metrics
                + " (metrics.json is a file of the earlier run in that folder); choose another --out",
                later.err().strip());
        Path use = dir.resolve("use.json");
        Files.writeString(use, "{\"primaryUse\": \"tests\"}");
        Path aliased = Files.createLink(out.resolve("notes-hardlink.json"), use);
        Files.delete(out.resolve("model-card.md"));
        Files.createLink(out.resolve("model-card.md"), use);
        CliRun hard = CliRun.of("train", "--intended-use", aliased.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_DATA, hard.code(), "an input linked to an output file of the folder: " + hard.err());
        assertTrue(hard.err().contains("would overwrite the input --intended-use " + aliased + " (model-card.md is"),
                hard.err());
    }

    @Test
    void aFolderInTheWayFailsTheCommitAndLeavesTheEarlierRunsFiles() throws Exception {
        Path out = dir.resolve("ex2");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", out.toString()).code());
        Files.delete(out.resolve("residuals.png"));
        Files.createDirectory(out.resolve("residuals.png"));
        Map<String, String> before = snapshot(out);
        CliRun again = CliRun.of("train", "--solver", "exact", "--lambda", "7", "--out", out.toString());
        assertEquals(Main.EXIT_DATA, again.code());
        assertEquals("ridgeline: error: cannot write " + out.resolve("residuals.png") + ": is a directory",
                again.err().strip());
        assertEquals(before, snapshot(out), "exactly the earlier run's files, no staging, backup or lock left");
        try (Stream<Path> beside = Files.list(dir)) {
            assertEquals(List.of(out), beside.toList());
        }
    }

    /** A failure at any step of the replacement, up to the manifest (the commit point), is rolled back. */
    @ParameterizedTest
    @CsvSource({"stage,", "write,model.json", "write,.ridgeline-files", "sync,", "backup,", "aside,model.json",
        "aside,.ridgeline-files", "place,model.json", "place,cv.png", "place,.ridgeline-files"})
    void aFailureInTheMiddleOfTheCommitRestoresTheEarlierRun(String step, String name) throws Exception {
        Path out = dir.resolve("run");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", out.toString()).code());
        Files.writeString(out.resolve("notes.txt"), "mine");
        Map<String, String> before = snapshot(out);
        OutputFolder.testStep = (s, n) -> {
            if (s.equals(step) && (name == null || name.equals(n))) {
                throw new FileSystemException(out.resolve(".ridgeline-staging.1/x").toString(), null,
                        "No space left on device");
            }
        };
        CliRun r = CliRun.of("tune", "--lambdas", "5", "--folds", "2", "--solver", "exact", "--out", out.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals("ridgeline: error: cannot write the output folder " + out + ": no space left on device",
                r.err().strip(), "the reason, never an internal path");
        assertEquals(before, snapshot(out));
    }

    /**
     * For a power loss to leave the earlier run or this one: every staged file is synced (with its mode) before the
     * first move, the folder the moves filled before the manifest's move (the commit point) and again after it; a
     * new folder's parent after the rename that makes it.
     */
    @Test
    void theStagedFilesAndTheMovesReachTheDiskBeforeTheCommitPoint() throws Exception {
        Path out = dir.resolve("run");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", out.toString()).code());
        List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        OutputFolder.testStep = (s, n) -> events.add("step " + s + (n == null ? "" : " " + n));
        dev.ridgeline.model.DiskSync.observe((what, path) -> events.add(what + " "
                + (what.equals("file") ? path.getFileName() : path.equals(out) ? "<out>" : path.equals(dir) ? "<parent>"
                        : "other")));
        try {
            assertEquals(0, CliRun.of("train", "--solver", "exact", "--lambda", "3", "--out", out.toString()).code());
            int backup = events.indexOf("step backup");
            int manifest = events.indexOf("step place .ridgeline-files");
            assertTrue(backup > 0 && manifest > backup, events.toString());
            for (String file : List.of("model.json", "metrics.json", "model-card.md", ".ridgeline-files")) {
                int synced = events.indexOf("file " + file);
                assertTrue(synced >= 0 && synced < backup, file + " synced before the first move: " + events);
            }
            List<String> beforeCommit = events.subList(events.lastIndexOf("step place model.json"), manifest);
            assertTrue(beforeCommit.contains("folder <out>"), "the moves reach the disk first: " + events);
            assertTrue(events.subList(manifest, events.size()).contains("folder <out>"),
                    "the commit point reaches it before the run ends: " + events);

            events.clear();
            Path fresh = dir.resolve("fresh");
            assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", fresh.toString()).code());
            int rename = events.indexOf("step rename");
            assertTrue(rename > 0 && events.indexOf("file model.json") < rename, events.toString());
            assertTrue(events.subList(rename, events.size()).contains("folder <parent>"),
                    "the new folder's entry in its parent: " + events);
        } finally {
            dev.ridgeline.model.DiskSync.observe(null);
        }
    }

    /**
     * A file of the folder that cannot be moved aside (an immutable one, say) is named beside the folder: the
     * message had named only the folder, hiding which of its files blocked the run.
     */
    @Test
    void aFileOfTheFolderThatCannotBeMovedIsNamed() throws Exception {
        Path out = dir.resolve("held");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", out.toString()).code());
        Map<String, String> before = snapshot(out);
        OutputFolder.testStep = (s, n) -> {
            if (s.equals("aside") && n.equals("residuals.png")) {
                throw new FileSystemException(out.resolve("residuals.png").toString(), null, "Operation not permitted");
            }
        };
        CliRun r = CliRun.of("train", "--solver", "exact", "--lambda", "3", "--out", out.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals("ridgeline: error: cannot write the output folder " + out + " (its file residuals.png): operation"
                + " not permitted", r.err().strip());
        assertEquals(before, snapshot(out));
    }

    @Test
    void aFailureInANewFolderLeavesNothing() throws Exception {
        Path out = dir.resolve("a/b/new");
        OutputFolder.testStep = (s, n) -> {
            if (s.equals("rename")) {
                throw new AccessDeniedException(n);
            }
        };
        CliRun r = CliRun.of("train", "--solver", "exact", "--out", out.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals("ridgeline: error: cannot write the output folder " + out + ": permission denied", r.err().strip());
        assertEquals(List.of(), names(dir), "no staging folder, no created parents, no lock file");
    }

    /** SIGTERM in the middle of the replacement: the shutdown hook rolls back and the commit stops there. */
    @ParameterizedTest
    @CsvSource({"write,metrics.json", "aside,loss.png", "place,coefficients.png"})
    void theShutdownHookRollsBackAnInterruptedCommit(String step, String name) throws Exception {
        Path out = dir.resolve("run");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", out.toString()).code());
        Map<String, String> before = snapshot(out);
        OutputFolder.testStep = (s, n) -> {
            if (s.equals(step) && name.equals(n)) {
                OutputFolder.simulateShutdown();
            }
        };
        CliRun r = CliRun.of("train", "--solver", "exact", "--lambda", "3", "--out", out.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals(before, snapshot(out), "the earlier run's files, no staging, backup or lock left");
        OutputFolder.testStep = null;
        Path fresh = dir.resolve("fresh");
        OutputFolder.testStep = (s, n) -> {
            if (s.equals("write") && "model.json".equals(n)) {
                OutputFolder.simulateShutdown();
            }
        };
        assertEquals(Main.EXIT_DATA, CliRun.of("train", "--solver", "exact", "--out", fresh.toString()).code());
        assertEquals(List.of("run"), names(dir), "a new folder's staging folder and lock file are removed");
    }

    /** What a SIGKILL in the middle of a replacement leaves, finished by the next run into the folder. */
    @Test
    void theNextRunRecoversWhatAKilledRunLeft() throws Exception {
        Path out = dir.resolve("run");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", out.toString()).code());
        Map<String, String> before = snapshot(out);
        // Killed before its commit point: model.json moved aside and the new one moved in.
        Path staging = Files.createDirectory(out.resolve(OutputFolder.STAGING + "77"));
        Path backup = Files.createDirectory(out.resolve(OutputFolder.BACKUP + "77"));
        Files.writeString(staging.resolve(OutputFolder.MANIFEST), "model.json\nmetrics.json\n");
        Files.writeString(staging.resolve("metrics.json"), "{}");
        Files.move(out.resolve(OutputFolder.MANIFEST), backup.resolve(OutputFolder.MANIFEST));
        Files.move(out.resolve("model.json"), backup.resolve("model.json"));
        Files.writeString(out.resolve("model.json"), "new");
        // A killed run's leftovers of a new folder beside it, and a staging folder killed while it was written.
        Path beside = Files.createDirectory(dir.resolve(".run" + OutputFolder.STAGING + "5"));
        Files.writeString(beside.resolve("model.json"), "half");
        Files.createDirectory(out.resolve(OutputFolder.STAGING + "8"));
        Files.writeString(out.resolve(OutputFolder.STAGING + "8").resolve("cv.csv"), "half");
        Files.writeString(dir.resolve(".run" + OutputLock.SUFFIX), "ridgeline pid 1\n");
        OutputFolder.open(out, Map.of(), n -> false, List.of()).close();
        assertEquals(before, snapshot(out), "rolled back to the earlier run");
        assertEquals(List.of("run"), names(dir));

        // Killed past its commit point: only the backup and the (empty) staging folder are left to remove.
        Path staging2 = Files.createDirectory(out.resolve(OutputFolder.STAGING + "9"));
        Path backup2 = Files.createDirectory(out.resolve(OutputFolder.BACKUP + "9"));
        Files.writeString(backup2.resolve("model.json"), "old");
        assertTrue(Files.exists(staging2));
        CliRun next = CliRun.of("train", "--solver", "exact", "--out", out.toString());
        assertEquals(0, next.code(), next.err());
        assertFalse(names(out).stream().anyMatch(n -> n.startsWith(OutputFolder.STAGING) || n.startsWith(OutputFolder.BACKUP)
                || n.equals(OutputLock.NAME)), names(out).toString());
    }

    @Test
    void aLockLeftByAKilledRunIntoANewNestedFolderIsRemovedByTheNextRun() throws Exception {
        Path out = dir.resolve("n1").resolve("n2");
        // Started when neither n1 nor n2 existed, so its lock file was in dir, named for the path below it; killed
        // after staging had created n1. Later runs lock n1/.n2..., and the lock in dir was never looked at again.
        Files.writeString(dir.resolve(".n1%n2" + OutputLock.SUFFIX), "ridgeline pid 1\n");
        Files.createDirectory(dir.resolve("n1"));
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", out.toString()).code());
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", out.toString()).code());
        assertEquals(List.of("n1"), names(dir));
    }

    @Test
    void aRunIsRefusedAtOnceWhileAnotherWritesTheFolder() throws Exception {
        Path out = Files.createDirectory(dir.resolve("shared"));
        try (FileChannel ch = FileChannel.open(out.resolve(OutputLock.NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = ch.lock()) {
            CliRun r = CliRun.of("train", "--data", dir.resolve("not-read-yet.csv").toString(), "--out", out.toString());
            assertEquals(Main.EXIT_DATA, r.code());
            assertEquals("ridgeline: error: another ridgeline run is writing " + out
                    + "; wait for it to finish or choose another --out", r.err().strip());
            assertTrue(held.isValid());
        }
        Path fresh = dir.resolve("fresh");
        try (FileChannel ch = FileChannel.open(dir.resolve(".fresh" + OutputLock.SUFFIX), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = ch.lock()) {
            CliRun r = CliRun.of("tune", "--out", fresh.toString());
            assertEquals(Main.EXIT_DATA, r.code());
            assertTrue(r.err().contains("another ridgeline run is writing " + fresh), r.err());
            assertFalse(Files.exists(fresh));
        }
    }

    /** Two commands into one new folder: the second, started while the first stages its files, is refused. */
    @Test
    void twoRunsIntoOneFolderDoNotMix() throws Exception {
        Path out = dir.resolve("both");
        CountDownLatch staging = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        OutputFolder.testStep = (s, n) -> {
            if (s.equals("stage")) {
                staging.countDown();
                try {
                    secondDone.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        CompletableFuture<CliRun> first = CompletableFuture.supplyAsync(
                () -> CliRun.of("train", "--solver", "exact", "--out", out.toString()));
        assertTrue(staging.await(60, TimeUnit.SECONDS));
        CliRun second = CliRun.of("train", "--solver", "exact", "--lambda", "9", "--out", out.toString());
        secondDone.countDown();
        assertEquals(Main.EXIT_DATA, second.code());
        assertEquals("ridgeline: error: another ridgeline run is writing " + out
                + "; wait for it to finish or choose another --out", second.err().strip());
        CliRun one = first.get(60, TimeUnit.SECONDS);
        assertEquals(0, one.code(), one.err());
        assertEquals(1.0, dev.ridgeline.model.LinearModel.load(out.resolve("model.json")).metadata().lambda());
        List<String> files = names(out);
        assertFalse(files.contains(OutputLock.NAME), files.toString());
        assertEquals(List.of(OutputFolder.MANIFEST), files.stream().filter(n -> n.startsWith(".")).toList());
        assertEquals(List.of("both"), names(dir), "no lock file left beside it");
        assertFalse(Files.readString(out.resolve(OutputFolder.MANIFEST)).contains("lock"));
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeTheDataIsRead() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "this user can write a 0555 folder (root)");
            String missing = dir.resolve("missing.csv").toString();
            CliRun train = CliRun.of("train", "--data", missing, "--out", ro.resolve("out").toString());
            assertEquals(Main.EXIT_DATA, train.code());
            assertEquals("ridgeline: error: cannot write " + ro.resolve("out") + ": permission denied", train.err().strip());
            CliRun into = CliRun.of("tune", "--data", missing, "--out", ro.toString());
            assertEquals("ridgeline: error: cannot write " + ro + ": permission denied", into.err().strip());
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** A link to a missing place looked like a folder still to be made: the run read and trained, then failed. */
    @Test
    void aDanglingLinkAsTheOutputFolderIsRefusedBeforeTheDataIsRead() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("dl"), dir.resolve("nowhere").resolve("x"));
        CliRun train = CliRun.of("train", "--data", dir.resolve("missing.csv").toString(), "--out", link.toString());
        assertEquals(Main.EXIT_DATA, train.code());
        assertEquals("ridgeline: error: --out " + link + " is a link to " + dir.resolve("nowhere").resolve("x")
                + ", which does not exist: create the folder it points to, or remove the link", train.err().strip());
        CliRun below = CliRun.of("train", "--data", dir.resolve("missing.csv").toString(), "--out",
                link.resolve("run").toString());
        assertEquals("ridgeline: error: --out " + link.resolve("run") + ": " + link + " is a link to "
                + dir.resolve("nowhere").resolve("x") + ", which does not exist: create the folder it points to, or"
                + " remove the link", below.err().strip());
    }

    /** A file option given a folder's name ("newdir/") wrote a file named newdir. */
    @Test
    void aFileOptionEndingInASeparatorIsRefused() throws Exception {
        Path out = dir.resolve("m");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", out.toString()).code());
        String folder = dir.resolve("newdir") + "/";
        CliRun export = CliRun.of("export", "--model", out.resolve("model.json").toString(), "--onnx", folder);
        assertEquals(Main.EXIT_DATA, export.code());
        assertEquals("ridgeline: error: --onnx names a file to write, and '" + folder + "' is a folder: give a file name,"
                + " such as " + folder + "model.onnx", export.err().strip());
        CliRun predict = CliRun.of("predict", "--model", out.resolve("model.json").toString(), "--data",
                dir.resolve("missing.csv").toString(), "--out", folder);
        assertEquals(Main.EXIT_DATA, predict.code());
        assertTrue(predict.err().startsWith("ridgeline: error: --out names a file to write"), predict.err());
        CliRun dot = CliRun.of("export", "--model", out.resolve("model.json").toString(), "--onnx",
                dir.resolve("newdir") + "/.");
        assertEquals(Main.EXIT_DATA, dot.code());
        assertTrue(dot.err().startsWith("ridgeline: error: --onnx names a file to write"), dot.err());
        assertFalse(Files.exists(dir.resolve("newdir")));
    }
}
