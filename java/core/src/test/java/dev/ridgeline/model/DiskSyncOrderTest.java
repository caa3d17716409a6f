package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save survives a power loss only if its bytes are on the disk before the rename that publishes them, and the
 * rename before the save returns. These tests record each sync with what the folder held at that moment.
 */
class DiskSyncOrderTest {
    @TempDir
    Path dir;

    /** One sync: what was synced, and whether the save's target already existed then. */
    private record Sync(String what, Path path, boolean targetVisible) {
    }

    private final List<Sync> syncs = new ArrayList<>();

    @AfterEach
    void stopObserving() {
        DiskSync.observer = null;
    }

    private void observe(Path... targets) {
        DiskSync.observer = (what, path) -> {
            boolean visible = false;
            for (Path t : targets) {
                visible |= Files.exists(t);
            }
            syncs.add(new Sync(what, path, visible));
        };
    }

    @Test
    void aFileIsSyncedBeforeItsMoveAndItsFolderAfter() throws IOException {
        Path target = dir.resolve("model.json");
        observe(target);
        AtomicFiles.write(target, "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, syncs.size(), syncs.toString());
        Sync data = syncs.get(0);
        assertEquals("file", data.what());
        assertEquals(dir, data.path().getParent(), "the temporary file beside the target");
        assertFalse(data.targetVisible(), "synced before the rename publishes it");
        assertEquals(new Sync("folder", dir, true), syncs.get(1));
        assertEquals("{}", Files.readString(target));
    }

    /** Every file of a set is on disk before the first move; then each folder that received one, and the new ones' parents. */
    @Test
    void aSetSyncsEveryFileBeforeAnyMoveThenEachFolderOnce() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.csv");
        Path deep = dir.resolve("new").resolve("deeper").resolve("c.png");
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(a, new byte[] {1});
        files.put(b, new byte[] {2});
        files.put(deep, new byte[] {3});
        observe(a, b, deep);
        AtomicFiles.writeAll(files);
        List<Sync> fileSyncs = syncs.subList(0, 3);
        for (Sync s : fileSyncs) {
            assertEquals("file", s.what());
            assertFalse(s.targetVisible(), "no file of the set is published before all are on disk: " + s);
        }
        List<Path> folders = new ArrayList<>();
        for (Sync s : syncs.subList(3, syncs.size())) {
            assertEquals("folder", s.what());
            assertTrue(s.targetVisible());
            folders.add(s.path());
        }
        assertEquals(List.of(dir, dir.resolve("new").resolve("deeper"), dir.resolve("new")), folders,
                "the folders that received files, then the parents of the two made: each once");
    }
}
