package dev.ridgeline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * 40 rows of x0..x5 and y (seed 7): x3..x5 correlated at 0.99 with x0..x2, y = sum (j + 1) x_j plus noise of
 * sd 0.3. In batches of 32 an epoch is 2 SGD steps, so a plateau of 10 epochs is judged over 20.
 */
final class SmallCorrelatedCsv {
    private SmallCorrelatedCsv() {
    }

    static Path write(Path file) throws IOException {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("x0,x1,x2,x3,x4,x5,y\n");
        for (int i = 0; i < 40; i++) {
            double[] z = new double[6];
            double y = 0;
            for (int j = 0; j < 6; j++) {
                z[j] = j < 3 ? random.nextGaussian() : 0.99 * z[j - 3] + 0.141 * random.nextGaussian();
                csv.append(String.format(Locale.ROOT, "%.6f,", z[j]));
                y += (j + 1) * z[j];
            }
            csv.append(String.format(Locale.ROOT, "%.6f%n", y + 0.3 * random.nextGaussian()));
        }
        return Files.writeString(file, csv);
    }
}
