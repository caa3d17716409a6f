package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.model.LinearModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run records about itself: the command, the card's name and intended use, the CV table, explain's keys. */
class RunRecordTest {
    @TempDir
    Path dir;

    @Test
    void theRecordedCommandQuotesArgumentsAShellWouldSplit() throws Exception {
        Path out = dir.resolve("named");
        CliRun r = CliRun.of("train", "--model-name", "My Model", "--solver", "exact", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String command = LinearModel.load(out.resolve("model.json")).metadata().provenance().get("command");
        assertEquals("ridgeline train --model-name 'My Model' --solver exact --out " + out, command);
        assertEquals("train 'it'\\''s' a=b", CommandText.quote(List.of("train", "it's", "a=b")));
        assertTrue(Files.readString(out.resolve("model-card.md")).startsWith("# Model card: My Model"));
        // The same form in model.json and the card (model.json had left out "ridgeline"), for train and tune.
        assertEquals(command, new ObjectMapper().readTree(out.resolve("model-card.json").toFile())
                .at("/provenance/command").asText());
        Path tuned = dir.resolve("tuned");
        r = CliRun.of("tune", "--lambdas", "1,10", "--folds", "3", "--solver", "exact", "--out", tuned.toString());
        assertEquals(0, r.code(), r.err());
        String tuneCommand = LinearModel.load(tuned.resolve("model.json")).metadata().provenance().get("command");
        assertEquals("ridgeline tune --lambdas 1,10 --folds 3 --solver exact --out " + tuned, tuneCommand);
        assertEquals(tuneCommand, new ObjectMapper().readTree(tuned.resolve("model-card.json").toFile())
                .at("/provenance/command").asText());
    }

    /** The card's title escapes the name's Markdown (it had been written raw: "My *model*" in italics). */
    @Test
    void theCardsTitleShowsTheModelNameAsItIs() throws Exception {
        Path out = dir.resolve("marked");
        CliRun r = CliRun.of("train", "--model-name", "My *model* | x", "--solver", "exact", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(out.resolve("model-card.md")).startsWith("# Model card: My \\*model\\* \\| x\n"),
                Files.readString(out.resolve("model-card.md")).lines().findFirst().orElse(""));
        assertEquals("My *model* | x", new ObjectMapper().readTree(out.resolve("model-card.json").toFile())
                .at("/modelDetails/name").asText());
    }

    @Test
    void aModelNameMustBeOneNonEmptyLine() {
        for (String name : new String[] {"", "  ", "line\n## Privacy"}) {
            CliRun r = CliRun.of("train", "--model-name", name, "--out", dir.resolve("named").toString());
            assertEquals(Main.EXIT_DATA, r.code(), name);
            assertFalse(Files.exists(dir.resolve("named")), "nothing written");
            assertTrue(r.err().startsWith("ridgeline: error: --model-name must be a non-empty name on one line"),
                    r.err());
        }
    }

    @Test
    void anIntendedUseFileWithAnUnknownOrRepeatedKeyOrBrokenJsonFailsBeforeTraining() throws Exception {
        Path misspelt = dir.resolve("misspelt.json");
        Files.writeString(misspelt, "{\"primary_use\": \"triage\"}");
        Path twice = dir.resolve("twice.json");
        Files.writeString(twice, "{\"users\": \"a\", \"users\": \"b\"}");
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, "{\"users\": \"a\"");
        assertEquals("ridgeline: error: " + misspelt + ": unknown key 'primary_use'; the keys are [primaryUse, users,"
                + " outOfScope, limitations, ethicalConsiderations, owners, contact, license, dataSource, dataLicense]",
                error(misspelt));
        assertEquals("ridgeline: error: the intended-use file " + twice + " is not valid JSON (line 1, column 23):"
                + " Duplicate field 'users'", error(twice));
        assertEquals("ridgeline: error: the intended-use file " + cut + " is not valid JSON (line 1, column 14):"
                + " Unexpected end-of-input: expected close marker for Object", error(cut));
    }

    /** A missing, empty or folder intended-use file is named once, in the words the data and model files get. */
    @Test
    void aMissingEmptyOrFolderIntendedUseFileIsNamedInPlainWords() throws Exception {
        Path missing = dir.resolve("nonexist.json");
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        Path folder = Files.createDirectory(dir.resolve("adir"));
        assertEquals("ridgeline: error: " + missing + ": no such intended-use file", error(missing));
        assertEquals("ridgeline: error: " + empty + ": the file is empty (0 bytes), not an intended-use file (a JSON"
                + " object with some of the keys [primaryUse, users, outOfScope, limitations, ethicalConsiderations,"
                + " owners, contact, license, dataSource, dataLicense])", error(empty));
        assertEquals("ridgeline: error: " + folder + ": is a folder, not an intended-use file", error(folder));
        Path large = Files.writeString(dir.resolve("large.json"), "{\"users\": \"" + "a".repeat(1 << 20) + "\"}");
        assertEquals("ridgeline: error: " + large + ": more than 1024 KiB, too large for an intended-use file (a JSON"
                + " object of a few sentences)", error(large));
    }

    @Test
    void theCvTableWritesTheAutomaticRateAsAuto() throws Exception {
        Path out = dir.resolve("tuned");
        assertEquals(0, CliRun.of("tune", "--lambdas", "1,10", "--folds", "3", "--out", out.toString()).code());
        List<String> csv = Files.readAllLines(out.resolve("cv.csv"));
        assertTrue(csv.get(1).startsWith("1.0,auto,") && csv.get(2).startsWith("10.0,auto,"), csv.toString());
    }

    @Test
    void explainWithoutARowHasARowKeyOfNull() throws Exception {
        Path out = dir.resolve("model");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", out.toString()).code());
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6\n59,2,32.1,101,157,93.2,38,4,4.8598,87\n");
        CliRun r = CliRun.of("explain", "--model", out.resolve("model.json").toString(), "--data", csv.toString(),
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.has("row") && doc.get("row").isNull(), doc.toString());
        assertFalse(doc.get("importance").isEmpty());
    }

    private String error(Path intendedUse) {
        CliRun r = CliRun.of("train", "--intended-use", intendedUse.toString(), "--out", dir.resolve("card").toString());
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        assertEquals("", r.out(), "nothing trained");
        assertFalse(Files.exists(dir.resolve("card")), "nothing written");
        return r.err().strip();
    }
}
