package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names a file system allows (up to 255 bytes) are written: the output's hidden companions (staging folder,
 * temporary files) and the plots named after columns had gone over the limit, and the run failed with
 * "file name too long" after its training.
 */
class LongNamesTest {
    @TempDir
    Path dir;

    @Test
    void anOutputFolderNamedWith230BytesIsWritten() {
        Path out = dir.resolve("o".repeat(230));
        CliRun r = CliRun.of("train", "--solver", "exact", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("model.json")));
        CliRun again = CliRun.of("train", "--solver", "exact", "--out", out.toString());
        assertEquals(0, again.code(), again.err());
    }

    @Test
    void aPredictionFileNamedWith240BytesIsWritten() throws Exception {
        Path out = dir.resolve("m");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", out.toString()).code());
        Path predictions = dir.resolve("q".repeat(236) + ".csv");
        Path diabetes = dir.resolve("diabetes.csv");
        try (var in = Main.class.getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            Files.copy(in, diabetes);
        }
        CliRun r = CliRun.of("predict", "--model", out.resolve("model.json").toString(), "--data", diabetes.toString(),
                "--out", predictions.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(443, Files.readAllLines(predictions).size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("diabetes.csv", "m", predictions.getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no companion left");
        }
    }

    /** Two survey questions as sensitive columns: their intersection's plot name is cut, with a hash. */
    @Test
    void theGroupPlotsOfLongColumnNamesAreWritten() throws Exception {
        String q1 = "What is the highest level of formal education or professional qualification that you have"
                + " completed so far including any courses or trainings at work";
        String q2 = "Which of the following best describes the area where you have lived for most of the past"
                + " five years not counting short stays abroad or in hospital";
        SplittableRandom rng = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder("x," + q1 + "," + q2 + ",y\n");
        for (int i = 0; i < 200; i++) {
            double x = rng.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.4f,%s,%s,%.4f%n", x, i % 2 == 0 ? "school" : "degree",
                    i % 3 == 0 ? "urban" : "rural", 2 * x + rng.nextGaussian()));
        }
        assertTrue(q1.length() > 125 && q2.length() > 125, "together over 255 bytes");
        Path data = Files.writeString(dir.resolve("survey.csv"), csv);
        Path out = dir.resolve("survey-out");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--ignore", q1 + "," + q2,
                "--sensitive", q1 + "," + q2, "--bootstrap", "0", "--solver", "exact", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> files = Files.list(out)) {
            List<String> plots = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("groups-"))
                    .toList();
            assertEquals(3, plots.size(), plots.toString());
            for (String p : plots) {
                assertTrue(p.getBytes(StandardCharsets.UTF_8).length <= 255, p);
            }
            String card = Files.readString(out.resolve("model-card.md"));
            for (String p : plots) {
                assertTrue(card.contains(p), "the card links " + p);
            }
        }
    }
}
