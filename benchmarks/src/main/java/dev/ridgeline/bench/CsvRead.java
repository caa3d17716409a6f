package dev.ridgeline.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.ridgeline.data.CsvChunks;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameChunks;
import dev.ridgeline.data.FrameReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The three reads of a CSV file that {@link CsvReadBenchmark} times, each from the file to a result: the
 * decoding floor, FastCSV's records, and Ridgeline's typed frame for training.
 */
public final class CsvRead {
    private CsvRead() {
    }

    /**
     * The characters of the file decoded as UTF-8 through a Reader, nothing parsed. Every text reader
     * decodes its bytes at least once, FastCSV and Ridgeline included, so no CSV read can be faster.
     */
    public static long decodedChars(Path file) throws IOException {
        char[] buffer = new char[1 << 16];
        long chars = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                chars += n;
            }
        }
        return chars;
    }

    /** FastCSV's records of the file (the header among them), a String per field: the sum of their field counts. */
    public static long fastcsvFields(Path file) throws IOException {
        long fields = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord r : reader) {
                fields += r.getFieldCount();
            }
        }
        return fields;
    }

    /**
     * The file read as Ridgeline reads training data: in chunks of the default size, every column but the
     * target a feature of inferred kind, the numbers parsed on up to four processors.
     */
    public static Frame frame(Path file) {
        try (CsvChunks chunks = CsvChunks.open(file, ',', FrameChunks.DEFAULT_ROWS, FrameChunks.DEFAULT_CHARS)) {
            return FrameReader.forTraining(chunks, CsvBenchFile.TARGET, null, Set.of());
        }
    }
}
