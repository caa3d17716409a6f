package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain of 43 distinct links (c0 -> c1 -> ... -> c42 -> d.csv), which the system gives up on as it does on a
 * loop, had been named "a loop of symbolic links (c0 -> c1 -> ...)", though no link in it comes twice; one of 38
 * is followed, and a real loop is still named as one.
 */
class LinkChainTest {
    @TempDir
    Path dir;

    @Test
    void aChainTooLongIsNotCalledALoop() throws Exception {
        Files.writeString(dir.resolve("d.csv"), "x,y\n1,2\n");
        Files.createSymbolicLink(dir.resolve("c42"), Path.of("d.csv"));
        for (int i = 41; i >= 0; i--) {
            Files.createSymbolicLink(dir.resolve("c" + i), Path.of("c" + (i + 1)));
        }
        String chain = LinkLoop.reason(dir.resolve("c0"));
        assertTrue(chain != null && chain.startsWith("a chain of more than 40 symbolic links, more than the system"
                + " follows (" + dir.resolve("c0") + " -> c1 -> c2 -> "), chain);
        assertNull(LinkLoop.reason(dir.resolve("c5")));

        Files.createSymbolicLink(dir.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(dir.resolve("loop2"), Path.of("loop1"));
        assertEquals("a loop of symbolic links (" + dir.resolve("loop1") + " -> loop2 -> loop1)",
                LinkLoop.reason(dir.resolve("loop1")));
    }
}
