package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void contentThatFailsWithAnIoErrorLeavesNoFileBehind() throws IOException {
        Path target = dir.resolve("predictions.csv");
        assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write('x');
            throw new IOException("disk full");
        }));
        assertEquals(List.of(), listing());
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
}
