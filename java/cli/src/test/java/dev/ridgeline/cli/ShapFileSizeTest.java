package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain --out estimates its SHAP file before writing it: 1,000,000 rows with a 1,000-category column had made a
 * 22.1 GB file in 323 s without a warning.
 */
class ShapFileSizeTest {
    @TempDir
    Path dir;

    @Test
    void aLargeFileIsNamedInOneWarningAndASmallOneIsNot() {
        Path out = dir.resolve("shap.csv");
        OptionalLong plenty = OptionalLong.of(1L << 40);
        // 1,000 one-hot columns, a numeric one, base and the prediction.
        assertEquals(Optional.of("--out " + out + " will hold 1,000,000 rows x 1,003 columns, about 17 GiB: each"
                + " one-hot category is a column of its own; fewer rows (a sample) or --row for one row's values make"
                + " a smaller file"), ShapFileSize.check(out, 1_000_000, 1_003, plenty));
        assertEquals(Optional.empty(), ShapFileSize.check(out, 200_000, 52, plenty));  // 179 MiB
        assertTrue(ShapFileSize.check(out, 1_000_000, 1_003, OptionalLong.empty()).isPresent());  // space unknown
    }

    @Test
    void aFileTheUsableSpaceCannotTakeIsRefusedWhereItIsKnown() {
        Path out = dir.resolve("shap.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapFileSize.check(out, 1_000_000, 1_003, OptionalLong.of(5L << 30)));
        assertEquals("--out " + out + ": the SHAP file would take about 17 GiB or more (1,000,000 rows x 1,003"
                + " columns), and its file system has 5.0 GiB free: free some space, write it elsewhere, or explain"
                + " fewer rows", e.getMessage());
        // Small files are checked too: a full disk refuses them before the rows are explained.
        assertThrows(IllegalArgumentException.class, () -> ShapFileSize.check(out, 10, 5, OptionalLong.of(100)));
        assertEquals(Optional.empty(), ShapFileSize.check(out, 10, 5, OptionalLong.of(900)));
    }

    @Test
    void keptColumnsAreCountedAtTheirLeastNotAsNumbers() {
        Path out = dir.resolve("shap.csv");
        // 400 rows: 8 --keep ids of one character, a SHAP value, base and the prediction, about 29 KB written.
        // At 18 bytes a kept field the estimate had been 77 KiB, and 64 KiB of usable space refused the file.
        assertEquals(400L * (3 * 18 + 8), ShapFileSize.estimate(400, 11, 8));
        assertEquals(Optional.empty(), ShapFileSize.check(out, 400, 11, 8, OptionalLong.of(64L << 10)));
        assertThrows(IllegalArgumentException.class, () -> ShapFileSize.check(out, 400, 11, 8,
                OptionalLong.of(20_000)));
        assertEquals(ShapFileSize.estimate(400, 11), ShapFileSize.estimate(400, 11, 0));
    }

    @Test
    void theUsableSpaceIsThatOfTheNearestExistingFolderAndNoneForADevice() throws Exception {
        OptionalLong here = ShapFileSize.usableSpace(dir.resolve("not/yet/shap.csv"));
        assertTrue(here.isPresent() && here.getAsLong() > 0, here.toString());
        assertEquals(Files.getFileStore(dir).getUsableSpace(), here.getAsLong(), 64L << 20);  // others write too
        assertFalse(ShapFileSize.usableSpace(Path.of("/dev/null")).isPresent());
    }
}
