package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed --lr that the plain fit takes can diverge once --mitigate reweights the groups; the error had read as a
 * plain divergence ("training diverged at epoch 4 ...") and named neither mitigation nor the round.
 */
class MitigationDivergenceTest {
    @TempDir
    Path dir;

    /** 400 rows; group A (every tenth row) has a wide x1 and noisy targets, so mitigation weighs it up. */
    private Path data() throws Exception {
        return data("d.csv", 1);
    }

    /**
     * {@link #data()} with x1 written times {@code x1Scale} (the targets unchanged), into {@code name}; scaled, x1
     * is written with an exponent.
     */
    private Path data(String name, double x1Scale) throws Exception {
        SplittableRandom rng = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("grp,x1,x2,y\n");
        for (int i = 0; i < 400; i++) {
            boolean a = i % 10 == 0;
            double x1 = (a ? 5 : 0.5) * rng.nextGaussian();
            double x2 = rng.nextGaussian();
            double y = 2 * x1 - x2 + (a ? 3 + 4 * rng.nextGaussian() : rng.nextGaussian());
            String written = x1Scale == 1 ? String.format(Locale.ROOT, "%.4f", x1)
                    : String.format(Locale.ROOT, "%.4e", x1 * x1Scale);
            csv.append(String.format(Locale.ROOT, "%s,%s,%.4f,%.4f%n", a ? "A" : "B", written, x2, y));
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void aReweightedRoundThatDivergesIsNamedWithItsRound() throws Exception {
        Path data = data();
        CliRun plain = CliRun.of("train", "--data", data.toString(), "--target", "y", "--ignore", "grp", "--lr", "0.5",
                "--sensitive", "grp", "--bootstrap", "0", "--no-output");
        assertEquals(0, plain.code(), "the plain fit takes this rate: " + plain.err());
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--ignore", "grp", "--lr", "0.5",
                "--sensitive", "grp", "--mitigate", "--bootstrap", "0", "--no-output");
        assertEquals(Main.EXIT_TRAINING, r.code(), r.err());
        String error = r.err().lines().filter(l -> l.startsWith("ridgeline: error: ")).findFirst().orElse(r.err());
        assertTrue(error.startsWith("ridgeline: error: --mitigate round 1 of 20 (a fit after reweighting the groups;"
                + " the plain fit, round 0, did not diverge): training diverged at epoch "), error);
        assertTrue(error.endsWith("the learning rate 0.5000 is too large, try a smaller --lr (or --lr auto, which"
                + " estimates the rate for each round's weights)"), error);
        CliRun auto = CliRun.of("train", "--data", data.toString(), "--target", "y", "--ignore", "grp", "--sensitive",
                "grp", "--mitigate", "--bootstrap", "0", "--no-output");
        assertEquals(0, auto.code(), "--lr auto, as advised: " + auto.err());
    }

    /**
     * On features near 1e12 the fit advises scaling them, not --lr auto (which fails on them); the mitigation's
     * own "or --lr auto" had been appended to that advice all the same.
     */
    @Test
    void aRoundThatDivergesOnHugeFeaturesIsNotSentToTheAutomaticRate() throws Exception {
        Path data = data("huge.csv", 1e12);
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--ignore", "grp", "--sensitive",
                "grp", "--mitigate", "--scale", "none", "--lr", "3e-25", "--epochs", "200", "--bootstrap", "0",
                "--no-output");
        assertEquals(Main.EXIT_TRAINING, r.code(), r.err());
        String error = r.err().lines().filter(l -> l.startsWith("ridgeline: error: ")).findFirst().orElse(r.err());
        assertTrue(error.startsWith("ridgeline: error: --mitigate round 1 of 20"), error);
        assertTrue(error.matches(".*try a smaller --lr \\(or scale the features, --scale zscore: they reach"
                + " [0-9.]+e\\+1[0-9]\\)"), error);
    }
}
