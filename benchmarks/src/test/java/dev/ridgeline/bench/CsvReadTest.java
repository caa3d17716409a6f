package dev.ridgeline.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV reads must read the whole file and the benchmark file must be what it claims, or the ratios mean nothing. */
class CsvReadTest {
    private static final Shape SHAPE = new Shape(1_000, 7);

    @Test
    void theFileHasAHeaderAndEveryRecordFromTheSeed(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        CsvBenchFile.write(a, SHAPE, 3);
        CsvBenchFile.write(b, SHAPE, 3);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "the same seed writes the same file");
        List<String> lines = Files.readAllLines(a, StandardCharsets.UTF_8);
        assertEquals("x1,x2,x3,x4,x5,x6,x7,y", lines.get(0));
        assertEquals(SHAPE.rows() + 1, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            assertEquals(SHAPE.cols() + 1, line.split(",").length, line);
        }
        long negative = lines.stream().skip(1).flatMap(l -> List.of(l.split(",")).stream())
                .filter(f -> f.startsWith("-")).count();
        long fields = (long) SHAPE.rows() * (SHAPE.cols() + 1);
        assertTrue(negative > fields / 3 && negative < fields * 2 / 3, negative + " negative of " + fields);
        assertTrue(lines.stream().anyMatch(l -> l.contains("e-")), "some small values in exponent form");
    }

    @Test
    void decodeCountsEveryCharacter(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.csv");
        CsvBenchFile.write(file, SHAPE, 4);
        // The file is ASCII: one char per byte.
        assertEquals(Files.size(file), CsvRead.decodedChars(file));
    }

    @Test
    void fastcsvReadsEveryField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f.csv");
        CsvBenchFile.write(file, SHAPE, 5);
        assertEquals((SHAPE.rows() + 1L) * (SHAPE.cols() + 1), CsvRead.fastcsvFields(file));
    }

    @Test
    void frameHoldsEveryRecordAsNumbers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("r.csv");
        CsvBenchFile.write(file, SHAPE, 6);
        Frame f = CsvRead.frame(file);
        assertEquals(SHAPE.rows(), f.rows());
        assertEquals(SHAPE.cols(), f.columns());
        for (int c = 0; c < f.columns(); c++) {
            assertEquals(ColumnKind.NUMERIC, f.kind(c), f.name(c));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] last = lines.get(lines.size() - 1).split(",");
        assertEquals(Double.parseDouble(last[0]), f.number(0, f.rows() - 1));
        assertEquals(Double.parseDouble(last[SHAPE.cols()]), f.target(f.rows() - 1));
    }

    @Test
    void fileSizeLinesRoundTrip() {
        CsvFileSize s = new CsvFileSize("20000x32", 7_012_345L);
        assertEquals(s, CsvFileSize.parse(s.toLine()));
    }
}
