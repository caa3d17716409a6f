package dev.ridgeline.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The CSV file the reads of {@link CsvReadBenchmark} share: a header {@code x1,...,xC,y}, then R rows of
 * C numbers and the target, from a fixed seed. Numbers are printed as exported data usually is, six
 * significant digits ({@code %.6g}), about half of them negative. Column j (the target too) is uniform in (-s, s) with
 * s = 10^(j mod 6 - 2), from 0.01 to 1000, so fields differ in length as real columns do, and the few
 * values below 10^-4 take the exponent form ({@code 4.56789e-05}).
 */
public final class CsvBenchFile {
    /** The target column, the one a training read takes apart from the features. */
    public static final String TARGET = "y";

    private CsvBenchFile() {
    }

    /** Writes {@code shape.rows()} records of {@code shape.cols()} numbers and the target, under the header. */
    public static void write(Path file, Shape shape, long seed) throws IOException {
        int cols = shape.cols();
        double[] scale = new double[cols + 1];
        for (int j = 0; j <= cols; j++) {
            scale[j] = Math.pow(10, j % 6 - 2);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int j = 1; j <= cols; j++) {
                line.append('x').append(j).append(',');
            }
            out.append(line).append(TARGET).append('\n');
            for (int i = 0; i < shape.rows(); i++) {
                line.setLength(0);
                for (int j = 0; j <= cols; j++) {
                    if (j > 0) {
                        line.append(',');
                    }
                    line.append(String.format(Locale.ROOT, "%.6g", scale[j] * (2 * rng.nextDouble() - 1)));
                }
                out.append(line).append('\n');
            }
        }
    }
}
