package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --no-plots writes train's and tune's output folders without a PNG, with cards that link none: on a host without
 * fonts the plots are what fails (MissingFontsTest), and without the option the only way to train there had been
 * --no-output, which writes no model either.
 */
class NoPlotsTest {
    @TempDir
    Path dir;

    @Test
    void trainWritesEverythingButThePlots() throws Exception {
        Path out = dir.resolve("train");
        CliRun r = CliRun.of("train", "--solver", "exact", "--sensitive", "sex", "--no-plots", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> files = names(out);
        assertTrue(files.containsAll(List.of("model.json", "metrics.json", "model-card.md", "model-card.json")), files.toString());
        assertFalse(files.stream().anyMatch(f -> f.endsWith(".png")), files.toString());
        String card = Files.readString(out.resolve("model-card.md"), StandardCharsets.UTF_8);
        assertTrue(card.contains("## Plots\n\nNone.\n"), card);
        assertFalse(card.contains(".png"), card);
        JsonNode cardJson = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertEquals(0, cardJson.path("plots").size(), cardJson.toString());
        // The same run with plots, for contrast: the option is what leaves them out.
        Path with = dir.resolve("with");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--sensitive", "sex", "--out", with.toString()).code());
        assertTrue(names(with).containsAll(List.of("predicted_vs_actual.png", "importance.png", "waterfall-row-0.png")),
                names(with).toString());
    }

    @Test
    void tuneWritesEverythingButThePlot() throws Exception {
        Path out = dir.resolve("tune");
        CliRun r = CliRun.of("tune", "--solver", "exact", "--lambdas", "0.1,1,10", "--no-plots", "--out", out.toString(),
                "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("cv.csv", "model-card.json", "model-card.md", "model.json", "tune.json"), names(out));
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("[\"cv.csv\",\"model.json\",\"tune.json\",\"model-card.md\",\"model-card.json\"]",
                doc.path("files").toString());
        String card = Files.readString(out.resolve("model-card.md"), StandardCharsets.UTF_8);
        assertTrue(card.contains("## Plots\n\nNone.\n"), card);
    }

    @Test
    void noPlotsWithNoOutputIsAUsageError() {
        for (String command : new String[] {"train", "tune"}) {
            CliRun r = CliRun.of(command, "--no-output", "--no-plots");
            assertEquals(2, r.code(), command + ": " + r.err());
            assertTrue(r.err().contains("--no-plots shapes the output folder"), r.err());
        }
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            // The folder's own list of what it holds (.ridgeline-files) is no output of the run's.
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
