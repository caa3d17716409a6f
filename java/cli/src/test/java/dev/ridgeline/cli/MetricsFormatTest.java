package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R2 and explained variance in the text reports: five decimals, or exponent form when they are far from 1. */
class MetricsFormatTest {
    @TempDir
    Path dir;

    @Test
    void fractionsAreDecimalsUntilTheyGrowLarge() {
        assertEquals("0.48191", TrainReport.fraction(0.481912));
        assertEquals("-9999.00000", TrainReport.fraction(-9999));
        assertEquals("-4.301e+58", TrainReport.fraction(-4.3012491e58));
        assertEquals("NaN", TrainReport.fraction(Double.NaN));
    }

    /**
     * A target that barely varies in the scored rows makes R2 huge and negative: evaluate had printed it with
     * five decimals as a 20-digit number ("R2 -54749995536917.96000").
     */
    @Test
    void evaluatePrintsAHugeR2InExponentForm() throws Exception {
        Path train = dir.resolve("train.csv");
        Files.writeString(train, "a,b,y\n1,2,3\n2,5,4\n4,1,6\n3,3,5\n");
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.of("train", "--data", train.toString(), "--holdout", "0", "--solver", "exact",
                "--out", out.toString()).code());
        Path flat = dir.resolve("flat.csv");
        Files.writeString(flat, "a,b,y\n1,2,3\n2,5,3.000001\n4,1,3\n");
        CliRun r = CliRun.of("evaluate", "--model", out.resolve("model.json").toString(), "--data", flat.toString());
        assertEquals(0, r.code(), r.err());
        String line = r.out().lines().filter(l -> l.startsWith("MSE ")).findFirst().orElseThrow();
        assertTrue(line.matches(".* R2 -\\d\\.\\d{3}e\\+\\d\\d  explained variance -?\\d\\.\\d{3}e\\+\\d\\d"), line);
    }
}
