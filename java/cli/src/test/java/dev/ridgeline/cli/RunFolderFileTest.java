package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single output file (predict --out, export --onnx, explain --out) that a train run's folder lists as its own
 * is refused: predict --out run/model.json had replaced the run's model with predictions, exit 0. Other files
 * in that folder may still be written.
 */
class RunFolderFileTest {
    @TempDir
    Path dir;

    @Test
    void aFileTheRunFolderListsIsNotReplacedByASingleOutput() throws Exception {
        StringBuilder rows = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) {
            rows.append(i % 7).append(',').append(i % 5).append(',').append(2 * (i % 7) - i % 5 + 0.1 * (i % 3)).append('\n');
        }
        Path data = Files.writeString(dir.resolve("data.csv"), rows);
        Path run = dir.resolve("run");
        CliRun train = CliRun.of("train", "--data", data.toString(), "--target", "y", "--solver", "exact", "--out",
                run.toString());
        assertEquals(0, train.code(), train.err());
        Path model = dir.resolve("kept.json");
        Files.copy(run.resolve("model.json"), model);
        byte[] before = Files.readAllBytes(run.resolve("model.json"));
        Path plot = run.resolve("residuals.png");  // any file the run wrote

        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--out",
                run.resolve("model.json").toString());
        assertEquals(Main.EXIT_DATA, predict.code(), predict.err());
        assertEquals("ridgeline: error: --out " + run.resolve("model.json") + " is a file of the run whose "
                + ".ridgeline-files in " + run.toAbsolutePath().normalize() + " lists it: writing it would replace that"
                + " run's output; choose another --out", predict.err().strip());
        assertArrayEquals(before, Files.readAllBytes(run.resolve("model.json")));

        CliRun export = CliRun.of("export", "--model", model.toString(), "--onnx", plot.toString());
        assertEquals(Main.EXIT_DATA, export.code(), export.err());
        assertTrue(export.err().contains("--onnx " + plot + " is a file of the run whose .ridgeline-files"), export.err());

        // The list itself, and a path that reaches the model through a folder not made yet.
        CliRun manifest = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--out",
                run.resolve(".ridgeline-files").toString());
        assertEquals(Main.EXIT_DATA, manifest.code(), manifest.err());
        CliRun around = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--out",
                run + "/./sub/../model.json");
        assertEquals(Main.EXIT_DATA, around.code(), around.err());
        assertArrayEquals(before, Files.readAllBytes(run.resolve("model.json")));
        assertTrue(Files.readString(run.resolve(".ridgeline-files")).contains("model.json"));

        Path own = run.resolve("predictions.csv");
        CliRun elsewhere = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--out",
                own.toString());
        assertEquals(0, elsewhere.code(), elsewhere.err());
        assertTrue(Files.readString(own).startsWith("y_predicted\n"), Files.readString(own));
    }
}
