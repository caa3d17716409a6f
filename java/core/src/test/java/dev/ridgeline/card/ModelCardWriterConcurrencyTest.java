package dev.ridgeline.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cards written from several threads of one process: each writer's temporary files are its own. With one
 * temporary name per process, writers truncated and moved each other's files (72 of 240 writes failed).
 */
class ModelCardWriterConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void writersOnSeveralThreadsDoNotTakeEachOthersTemporaryFiles() throws Exception {
        ModelCard card = ModelCardTest.fullCard("0".repeat(64), "train.csv");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                Path folder = dir.resolve("shared");
                writes.add(pool.submit(() -> ModelCardWriter.write(card, folder)));
            }
            for (Future<?> w : writes) {
                w.get(); // rethrows a failed write
            }
        } finally {
            pool.shutdownNow();
        }
        String json = Files.readString(dir.resolve("shared").resolve(ModelCardWriter.JSON_FILE));
        assertTrue(json.startsWith("{") && json.strip().endsWith("}"), json);
        try (Stream<Path> files = Files.list(dir.resolve("shared"))) {
            assertEquals(List.of(ModelCardWriter.JSON_FILE, ModelCardWriter.MARKDOWN_FILE),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "temporary files left behind");
        }
    }
    /** Writers that start together on a folder that does not exist yet: each may find it made by another. */
    @Test
    void writersThatCreateTheSameNewFolderAtOnceAllSucceed() throws Exception {
        ModelCard card = ModelCardTest.fullCard("0".repeat(64), "train.csv");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 40; round++) {
                Path folder = dir.resolve("round-" + round).resolve("cards");
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    writes.add(pool.submit(() -> {
                        start.await();
                        ModelCardWriter.write(card, folder);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> w : writes) {
                    w.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
