package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single output file replaces an existing file only when that file is empty or holds what the option writes
 * (ReplaceableOutput): {@code export --onnx train.csv} had turned the training data into a graph, exit 0, and
 * {@code predict --out notes.txt} had replaced the notes. The file is kept byte for byte, and the command's own
 * earlier outputs are still replaced.
 */
class ForeignFileTest {
    @TempDir
    static Path dir;
    private static Path model;
    private static Path rows;

    @BeforeAll
    static void model() throws IOException {
        CliRun r = CliRun.of("train", "--solver", "exact", "--out", dir.resolve("m").toString());
        assertEquals(0, r.code(), r.err());
        model = dir.resolve("m/model.json");
        rows = Files.writeString(dir.resolve("rows.csv"),
                "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6\n" + "50,1,25,90,180,100,50,4,4.5,90\n".repeat(3));
    }

    @Test
    void exportRefusesToReplaceAFileThatIsNoGraphAndReplacesItsOwn() throws IOException {
        byte[] data = Files.readAllBytes(rows);
        Path notAGraph = Files.write(dir.resolve("train.csv"), data);
        CliRun r = CliRun.of("export", "--model", model.toString(), "--onnx", notAGraph.toString());
        assertEquals(3, r.code(), r.err());
        assertEquals("ridgeline: error: --onnx " + notAGraph + " exists and is not an ONNX graph, as a file this"
                + " option writes is: replacing it would lose it; move it or choose another --onnx\n", r.err());
        assertArrayEquals(data, Files.readAllBytes(notAGraph));

        Path graph = dir.resolve("model.onnx");
        assertEquals(0, CliRun.of("export", "--model", model.toString(), "--onnx", graph.toString()).code());
        assertEquals(0, CliRun.of("export", "--model", model.toString(), "--onnx", graph.toString()).code());
        Path empty = Files.createFile(dir.resolve("empty.onnx"));  // nothing to lose
        assertEquals(0, CliRun.of("export", "--model", model.toString(), "--onnx", empty.toString()).code());
        assertEquals(Files.size(graph), Files.size(empty));
    }

    @Test
    void predictAndExplainRefuseToReplaceAFileThatHoldsNoPredictionsAndReplaceTheirOwn() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes\n");
        for (String command : new String[] {"predict", "explain"}) {
            CliRun r = CliRun.of(command, "--model", model.toString(), "--data", rows.toString(), "--out",
                    notes.toString());
            assertEquals(3, r.code(), r.err());
            assertTrue(r.err().contains("--out " + notes + " exists and is not a CSV of predictions (its first line"
                    + " ends with a <target>_predicted column)"), r.err());
            assertEquals("my notes\n", Files.readString(notes));
        }
        Path out = dir.resolve("p.csv");
        for (String command : new String[] {"predict", "predict", "explain", "explain", "predict"}) {
            CliRun r = CliRun.of(command, "--model", model.toString(), "--data", rows.toString(), "--out",
                    out.toString());
            assertEquals(0, r.code(), command + ": " + r.err());
        }
        // Quoted and with CRLF, as a spreadsheet may save it, the header still ends with the prediction column.
        Files.writeString(out, "\"id\",\"progression_predicted\"\r\n1,2\r\n");
        assertEquals(0, CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--out",
                out.toString()).code());
        assertEquals("progression_predicted", Files.readAllLines(out).get(0));
        // Saved as "CSV UTF-8" by a spreadsheet, the file starts with a byte-order mark, which is no part of the
        // name: it had been refused as a file ending with '\uFEFFprogression_predicted'.
        for (String command : new String[] {"predict", "explain"}) {
            Files.writeString(out, "\uFEFFprogression_predicted\r\n1\r\n");
            CliRun r = CliRun.of(command, "--model", model.toString(), "--data", rows.toString(), "--out",
                    out.toString());
            assertEquals(0, r.code(), command + ": " + r.err());
        }
    }

    /**
     * Only this model's own output is replaced: the predictions of another target also end their header with a
     * {@code _predicted} column, and {@code predict --out} had replaced them (exit 0). The last column is read as
     * CSV: one quoted name that ends so is not the column either.
     */
    @Test
    void predictAndExplainRefuseToReplaceThePredictionsOfAnotherTarget() throws IOException {
        String[] headers = {"id,price_predicted\n", "\"id\",\"price_predicted\"\r\n",
            "\"a,progression_predicted\"\n", "progression_predicted_predicted\n"};
        for (String header : headers) {
            Path other = Files.writeString(dir.resolve("other.csv"), header + "1,2\n");
            for (String command : new String[] {"predict", "explain"}) {
                CliRun r = CliRun.of(command, "--model", model.toString(), "--data", rows.toString(), "--out",
                        other.toString());
                assertEquals(3, r.code(), command + ": " + r.err());
                assertTrue(r.err().startsWith("ridgeline: error: --out " + other + " exists and is not a CSV of this"
                        + " model's predictions (its first line would end with the progression_predicted column, and"
                        + " ends with "), r.err());
                assertTrue(r.err().endsWith("), as a file this option writes is: replacing it would lose it; move it"
                        + " or choose another --out\n"), r.err());
                assertEquals(header + "1,2\n", Files.readString(other), command);
            }
        }
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--out",
                dir.resolve("other.csv").toString());
        assertTrue(r.err().contains("and ends with progression_predicted_predicted)"), r.err());
        // A one-line file of this model's column, without its line break, is one of its own.
        Path own = Files.writeString(dir.resolve("own.csv"), "progression_predicted");
        assertEquals(0, CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--out",
                own.toString()).code());
        assertEquals(4, Files.readAllLines(own).size());
    }

    @Test
    void explainPlotsRefuseToReplaceAFileThatIsNoImage() throws IOException {
        Path plots = Files.createDirectories(dir.resolve("plots"));
        Path importance = Files.writeString(plots.resolve("importance.png"), "not an image\n");
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", rows.toString(), "--plots",
                plots.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("exists and is not a PNG image"), r.err());
        assertEquals("not an image\n", Files.readString(importance));
        Files.delete(importance);
        assertEquals(0, CliRun.of("explain", "--model", model.toString(), "--data", rows.toString(), "--plots",
                plots.toString()).code());
        assertEquals(0, CliRun.of("explain", "--model", model.toString(), "--data", rows.toString(), "--plots",
                plots.toString()).code());
    }
}
