package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A --model that is no JSON at all (the CSV given in its place, a binary file) is named with what a model file
 * is, in one line, by every command that reads one: the parser's words ("Unrecognized token 'age': was
 * expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')") had told neither.
 */
class NotAModelFileTest {
    @TempDir
    Path dir;

    @Test
    void aCsvOrBinaryFileGivenAsTheModelIsNamedWithWhatAModelFileIs() throws IOException {
        Path csv = Files.writeString(dir.resolve("rows.csv"), "age,sex,bmi\n50,1,25\n");
        Path binary = Files.write(dir.resolve("model.bin"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        for (Path model : new Path[] {csv, binary}) {
            String expected = "ridgeline: error: " + model + ": not a Ridgeline model file: a model file is the JSON"
                    + " that train and tune write (model.json), and this is not JSON (line 1, column "
                    + (model == csv ? 5 : 1) + ")\n";
            String[][] commands = {
                {"predict", "--model", model.toString(), "--data", csv.toString()},
                {"evaluate", "--model", model.toString(), "--data", csv.toString()},
                {"explain", "--model", model.toString(), "--data", csv.toString()},
                {"export", "--model", model.toString(), "--onnx", dir.resolve("m.onnx").toString()},
            };
            for (String[] args : commands) {
                CliRun r = CliRun.of(args);
                assertEquals(3, r.code(), args[0] + ": " + r.err());
                assertEquals(expected, r.err(), args[0]);
                assertEquals("", r.out(), args[0]);
            }
        }
        assertEquals(false, Files.exists(dir.resolve("m.onnx")));
    }
}
