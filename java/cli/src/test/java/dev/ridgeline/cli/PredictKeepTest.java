package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict --keep: columns of the data copied beside the predictions, to join them back by. */
class PredictKeepTest {
    @TempDir
    Path dir;
    Path model;
    Path rows;

    @BeforeEach
    void trained() throws Exception {
        StringBuilder csv = new StringBuilder("id,x,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append("r").append(i).append(',').append(i).append(',').append(2 * i + 1).append('\n');
        }
        Path train = Files.writeString(dir.resolve("train.csv"), csv);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("train", "--data", train.toString(), "--ignore", "id", "--solver", "exact", "--lambda", "0", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        model = out.resolve("model.json");
        rows = Files.writeString(dir.resolve("new.csv"), "name,id,x\n\"Smith, J\",a-1,3\nLee,a-2,4\n");
    }

    @Test
    void keptColumnsComeFirstAsReadQuotedWhereNeeded() throws Exception {
        // 'name' is no column of the model's: naming it in --keep lets the file hold it.
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--keep", "name,id");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("name,id,y_predicted", lines.get(0));
        // y = 2 x + 1 exactly (lambda 0): 7 and 9 to float32 rounding of the data.
        assertTrue(lines.get(1).startsWith("\"Smith, J\",a-1,"), lines.get(1));
        assertEquals(7, Double.parseDouble(lines.get(1).substring(lines.get(1).lastIndexOf(',') + 1)), 1e-6);
        assertTrue(lines.get(2).startsWith("Lee,a-2,"), lines.get(2));
        assertEquals(9, Double.parseDouble(lines.get(2).substring(lines.get(2).lastIndexOf(',') + 1)), 1e-6);
        Path file = dir.resolve("preds.csv");
        CliRun toFile = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--keep", "name,id",
                "--out", file.toString());
        assertEquals(0, toFile.code(), toFile.err());
        assertEquals(r.out(), Files.readString(file));
    }

    @Test
    void jsonCarriesTheKeptValuesAndAnUnknownColumnIsNamed() throws Exception {
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--keep", "id,name",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode kept = new ObjectMapper().readTree(r.out()).get("kept");
        assertEquals(List.of("a-1", "a-2"), new ObjectMapper().convertValue(kept.get("id"), List.class));
        assertEquals(List.of("Smith, J", "Lee"), new ObjectMapper().convertValue(kept.get("name"), List.class));
        CliRun unknown = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--keep", "nam");
        assertEquals(3, unknown.code());
        assertTrue(unknown.err().contains(rows + ": no column named 'nam' to keep (--keep) (did you mean 'name'?)"),
                unknown.err());
        assertFalse(Files.exists(dir.resolve("preds.csv")));
    }

    @Test
    void aKeptColumnNamedLikeThePredictionsIsRefused() throws Exception {
        Path clash = Files.writeString(dir.resolve("clash.csv"), "y_predicted,x\n1,3\n");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", clash.toString(), "--keep",
                "y_predicted");
        assertEquals(3, r.code());
        assertEquals("ridgeline: error: --keep y_predicted: the output's column of predictions has that name, so the"
                + " output would hold two columns of it; keep the other columns only", r.err().strip());
    }

    @Test
    void withoutKeepAColumnTheModelDoesNotUseIsStillRefused() {
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("not used by the model: [name]"), r.err());
        assertTrue(r.err().strip().endsWith("; pass --ignore name to read past it, or --keep to copy it beside the"
                + " predictions"), r.err());
    }

    @Test
    void theScoringCommandsReadPastColumnsNamedByTheirOwnIgnore() throws Exception {
        CliRun predicted = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--ignore",
                "name");
        assertEquals(0, predicted.code(), predicted.err());
        assertEquals(3, predicted.out().lines().count());
        Path labelled = Files.writeString(dir.resolve("labelled.csv"), "note,id,x,y\nfine,a,3,7\nodd,b,4,9\n");
        CliRun evaluated = CliRun.of("evaluate", "--model", model.toString(), "--data", labelled.toString(), "--ignore",
                "note", "--json");
        assertEquals(0, evaluated.code(), evaluated.err());
        assertEquals(2, new ObjectMapper().readTree(evaluated.out()).get("metrics").get("rows").asInt());
        CliRun explained = CliRun.of("explain", "--model", model.toString(), "--data", rows.toString(), "--ignore",
                "name", "--row", "1");
        assertEquals(0, explained.code(), explained.err());
        CliRun input = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--ignore", "x");
        assertEquals(3, input.code());
        assertEquals("ridgeline: error: --ignore x: the model reads this column, so it cannot be passed over",
                input.err().strip());
        // evaluate scores against the target: leaving it out is refused rather than silently read.
        CliRun target = CliRun.of("evaluate", "--model", model.toString(), "--data", labelled.toString(), "--ignore",
                "note,y");
        assertEquals(3, target.code());
        assertEquals("ridgeline: error: --ignore y: the model reads this column (evaluate scores against it), so it"
                + " cannot be passed over", target.err().strip());
        CliRun typo = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--ignore", "nme");
        assertEquals(3, typo.code());
        assertTrue(typo.err().contains(rows + ": no column named 'nme' to read past (--ignore) (did you mean 'name'?)"),
                typo.err());
    }
}
