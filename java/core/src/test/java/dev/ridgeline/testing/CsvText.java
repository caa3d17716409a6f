package dev.ridgeline.testing;

import dev.ridgeline.data.CsvTable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** CSV tables from inline text, named {@code t.csv} in messages. */
public final class CsvText {
    private CsvText() {
    }

    public static CsvTable table(String text, char delimiter) {
        return CsvTable.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", delimiter);
    }
}
