package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long names keep their hidden companions within a file name's 255 bytes. */
class HiddenNamesTest {
    @TempDir
    Path dir;

    @Test
    void aNameOfUpTo200BytesIsItsOwnStem() {
        assertEquals("model.json", HiddenNames.stem("model.json"));
        String longest = "m".repeat(200);
        assertEquals(longest, HiddenNames.stem(longest));
    }

    @Test
    void aLongerNameIsCutOnACharacterAndHashedTheSameWayEveryTime() {
        String a = "ä".repeat(120) + "a";   // 241 bytes; a cut inside the two bytes of 'ä' would break it
        String b = "ä".repeat(120) + "b";
        String stem = HiddenNames.stem(a);
        assertEquals(stem, HiddenNames.stem(a));
        assertNotEquals(stem, HiddenNames.stem(b), "names sharing the cut prefix differ by their hash");
        assertTrue(stem.startsWith("ä".repeat(90) + "~"), stem);
        assertEquals(180 + 1 + 16, stem.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(stem.substring(stem.indexOf('~') + 1).matches("[0-9a-f]{16}"), stem);
    }

    /** A name of 250 bytes, legal itself, had failed with "file name too long" from its temporary file. */
    @Test
    void aFileWithA250ByteNameIsSavedAndNoCompanionIsLeft() throws IOException {
        Path target = dir.resolve("p".repeat(246) + ".csv");
        AtomicFiles.write(target, "a,b\n".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("a,b\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
