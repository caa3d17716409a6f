package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table larger than the heap, read in chunks and fitted through the library, ends in the documented
 * DataException naming the file and -Xmx (docs/java-api.md, exceptions), not in an OutOfMemoryError from
 * inside the reader: 400,000 rows of 8 numbers (25 MB as doubles) in a JVM of a 24 MB heap.
 */
class HeapTooSmallTest {
    @TempDir
    Path dir;

    @Test
    void aTableBeyondTheHeapIsADataExceptionNamingTheFileAndXmx() throws Exception {
        Path csv = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("a,b,c,d,e,f,g,y\n");
            for (int i = 0; i < 400_000; i++) {
                for (int j = 0; j < 8; j++) {
                    w.write(Integer.toString((i * 31 + j * 17) % 1000));
                    w.write(j < 7 ? ',' : '\n');
                }
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx24m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), HeapTooSmallProbe.class.getName(), csv.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe did not end");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.startsWith("dev.ridgeline.data.DataException: " + csv), output);
        assertTrue(output.contains("does not fit in the heap") || output.contains("has no room for it"), output);
        assertTrue(output.contains("-Xmx"), output);
    }

    /** Only the heap's OutOfMemoryError becomes that DataException: no -Xmx remedies a thread that cannot start. */
    @Test
    void onlyTheHeapsOutOfMemoryErrorsAreDataProblems() {
        assertTrue(DataException.heapExhausted(new OutOfMemoryError("Java heap space")));
        assertTrue(DataException.heapExhausted(new OutOfMemoryError("GC overhead limit exceeded")));
        assertTrue(DataException.heapExhausted(new OutOfMemoryError("Requested array size exceeds VM limit")));
        assertFalse(DataException.heapExhausted(new OutOfMemoryError("unable to create native thread: possibly out of"
                + " memory or process/resource limits reached")));
        assertFalse(DataException.heapExhausted(new OutOfMemoryError("Metaspace")));
        assertFalse(DataException.heapExhausted(new OutOfMemoryError()));
    }
}
