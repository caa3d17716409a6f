package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chunked read stops at the next chunk when its thread is interrupted, as a service cancelling it expects. */
class FrameReaderInterruptTest {
    @TempDir
    Path dir;

    @Test
    void anInterruptedReadStopsWithCancellationAndTheStatusKept() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(i).append(',').append(i % 7).append(',').append(2 * i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("rows.csv"), csv);
        for (int threads : new int[] {1, 3}) {
            Thread.currentThread().interrupt();
            try (CsvChunks chunks = CsvChunks.open(file, ',', 100, 1 << 20)) {
                CancellationException e = assertThrows(CancellationException.class,
                        () -> FrameReader.forTraining(chunks, "y", null, Set.of(), threads));
                assertEquals(file + ": reading was interrupted", e.getMessage());
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status must stay set");
            } finally {
                Thread.interrupted();
            }
            try (CsvChunks chunks = CsvChunks.open(file, ',', 100, 1 << 20)) {
                assertEquals(5000, FrameReader.forTraining(chunks, "y", null, Set.of(), threads).rows());
            }
        }
    }
}
