package dev.ridgeline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/** The embedded diabetes table with one more column in front, of a value per data row, written for a test. */
final class DiabetesWithColumn {
    private DiabetesWithColumn() {
    }

    /** {@code dir/file}: column {@code name} first, row i (1-based) holding {@code value.apply(i)}. */
    static Path write(Path dir, String file, String name, IntFunction<String> value) throws IOException {
        String text;
        try (InputStream in = DiabetesWithColumn.class.getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = text.strip().lines().toList();
        StringBuilder csv = new StringBuilder(name).append(',').append(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            csv.append(value.apply(i)).append(',').append(lines.get(i)).append('\n');
        }
        return Files.writeString(dir.resolve(file), csv);
    }
}
