package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What CsvTable makes of the bytes it is given: encodings, files that are not text, and their hash. */
class CsvBytesTest {
    @TempDir
    Path dir;

    private static CsvTable table(byte[] bytes) {
        return CsvTable.read(new ByteArrayInputStream(bytes), "t.csv", ',');
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void bytesThatAreNotUtf8StopTheReadNamingTheLineInsteadOfMergingCategories() {
        // 'caf\xe9' and 'caf\xe8' (Latin-1) would both decode to 'caf\uFFFD', one category.
        byte[] csv = concat("drink,y\ntea,1\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {'c', 'a', 'f', (byte) 0xE9, ',', '2', '\n'}, "tea,3\n".getBytes(StandardCharsets.UTF_8));
        DataException e = assertThrows(DataException.class, () -> table(csv));
        assertEquals("t.csv, line 3, character 4 (after 'caf'): the byte 0xE9 is not valid UTF-8 text; save the file"
                + " as UTF-8", e.getMessage());
        for (String end : new String[] {"\r\n", "\r"}) {
            byte[] other = new String(csv, StandardCharsets.ISO_8859_1).replace("\n", end).getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(e.getMessage(), assertThrows(DataException.class, () -> table(other)).getMessage(), end);
        }
    }

    /**
     * The place is found across the reader's 64 KB reads: a line of 70,000 characters whose bad bytes (an
     * invalid two-byte sequence) come after a field 'ol' at its end, on the second line of the file.
     */
    @Test
    void invalidBytesFarIntoALongLineAreNamedByTheirPlaceAndTheTextBeforeThem() {
        String longLine = "x".repeat(70_000 - 3) + ",ol";
        byte[] csv = concat("a,b\n".getBytes(StandardCharsets.UTF_8), longLine.getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, '(', '\n'});
        DataException e = assertThrows(DataException.class, () -> table(csv));
        assertEquals("t.csv, line 2, character 70001 (after 'xxxxxxxxxxxxxxxxx,ol'): the byte 0xC3 is not valid UTF-8"
                + " text; save the file as UTF-8", e.getMessage());
        // Characters are counted as a reader counts them: an emoji (two UTF-16 units) is one.
        byte[] emoji = concat("a,b\n\uD83D\uDE00\uD83D\uDE00x,".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE9, '\n'});
        assertEquals("t.csv, line 2, character 5 (after '\uD83D\uDE00\uD83D\uDE00x,'): the byte 0xE9 is not valid UTF-8"
                + " text; save the file as UTF-8", assertThrows(DataException.class, () -> table(emoji)).getMessage());
        byte[] atStart = concat("a,b\n".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, ',', '1', '\n'});
        assertEquals("t.csv, line 2, character 1: the byte 0xFF is not valid UTF-8 text; save the file as UTF-8",
                assertThrows(DataException.class, () -> table(atStart)).getMessage());
    }

    /** "1\0" parsed as 1 (the NUL skipped as white space); a UTF-16 file without its mark is full of NULs. */
    @Test
    void aNulCharacterStopsTheReadNamingItsLine() {
        byte[] nul = "a,y\n1,2\n3\u0000,4\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("t.csv, line 3: a NUL character, which text does not hold: is the file UTF-16 or binary? Save it"
                + " as UTF-8", assertThrows(DataException.class, () -> table(nul)).getMessage());
        byte[] utf16 = "a,y\n1,2\n".getBytes(StandardCharsets.UTF_16LE);
        assertEquals("t.csv, line 1: a NUL character, which text does not hold: is the file UTF-16 or binary? Save it"
                + " as UTF-8", assertThrows(DataException.class, () -> table(utf16)).getMessage());
    }

    /** UTF-32 with its mark (a spreadsheet's "Unicode" export on some systems) had stopped at its first NUL. */
    @Test
    void aUtf32FileWithItsByteOrderMarkIsRead() {
        for (String name : new String[] {"UTF-32BE", "UTF-32LE"}) {
            java.nio.charset.Charset utf32 = java.nio.charset.Charset.forName(name);
            CsvTable t = table(("\uFEFFgröße,y\n1,2\n").getBytes(utf32));
            assertEquals(List.of("größe", "y"), t.header(), name);
            assertEquals("2", t.field(0, 1), name);
        }
    }

    @Test
    void aUtf16FileWithItsByteOrderMarkIsRead() {
        for (boolean big : new boolean[] {true, false}) {
            byte[] bom = big ? new byte[] {(byte) 0xFE, (byte) 0xFF} : new byte[] {(byte) 0xFF, (byte) 0xFE};
            byte[] text = "größe,y\n1,2\n".getBytes(big ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
            CsvTable t = table(concat(bom, text));
            assertEquals(List.of("größe", "y"), t.header());
            assertEquals("2", t.field(0, 1));
        }
    }

    @Test
    void compressedFilesAndFoldersAreNamedForWhatTheyAre() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("a,y\n1,2\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("t.csv: is gzip-compressed, not CSV text; decompress it first (gunzip)",
                assertThrows(DataException.class, () -> table(gz.toByteArray())).getMessage());
        assertEquals("t.csv: is a zip archive (an .xlsx workbook?), not CSV text; extract or export the CSV first",
                assertThrows(DataException.class, () -> table(new byte[] {'P', 'K', 3, 4, 20, 0})).getMessage());
        assertEquals(dir + ": is a folder, not a CSV file",
                assertThrows(DataException.class, () -> CsvTable.read(dir, ',')).getMessage());
    }

    /** A model file as data (--model and --data swapped) had failed on line 2 over a space before a quote. */
    @Test
    void aJsonObjectIsNamedForWhatItIsAndAHeaderOpeningWithABraceIsRead() throws Exception {
        byte[] model = "{\n  \"format\" : \"ridgeline-linear-model\",\n  \"formatVersion\" : 1\n}\n"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("t.csv: is a Ridgeline model file, not CSV data (a model is passed with --model)",
                assertThrows(DataException.class, () -> table(model)).getMessage());
        assertEquals("t.csv: is JSON, not CSV text", assertThrows(DataException.class,
                () -> table(" {\"a\": 1}".getBytes(StandardCharsets.UTF_8))).getMessage());
        CsvTable odd = table("{a},y\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("{a}", "y"), odd.header());
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertEquals("t.csv: is a Ridgeline model file, not CSV data (a model is passed with --model)",
                assertThrows(DataException.class, () -> table(concat(bom, model))).getMessage());
        // A brace, then a tab-delimited quoted name, or a quoted name not followed by ':', is a header.
        assertEquals(List.of("{", "y"), CsvTable.read(new ByteArrayInputStream("{\t\"y\"\n1\t2\n"
                .getBytes(StandardCharsets.UTF_8)), "t.tsv", '\t').header());
        assertEquals(List.of("{\"b\"}", "y"), table("{\"b\"},y\n1,2\n".getBytes(StandardCharsets.UTF_8)).header());
    }

    @Test
    void aNamedPipeIsReadAndHashedLikeAFile() throws Exception {
        // --data /dev/stdin and <(...) are pipes: a stream over them cannot seek, and their bytes can be read once.
        Path fifo = dir.resolve("pipe.csv");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        byte[] csv = "a,y\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8);
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, csv);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        CsvTable t = CsvTable.read(fifo, ',');
        writer.join();
        assertEquals(2, t.rows());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv)), t.sha256());
    }

    @Test
    void theHashIsOfExactlyTheBytesRead() throws Exception {
        byte[] csv = "\uFEFFa,y\r\n1,2\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("d.csv"), csv);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv));
        assertEquals(expected, CsvTable.read(file, ',').sha256());
        assertEquals(expected, table(csv).sha256());
    }
}
