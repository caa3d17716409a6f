package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.EmbeddedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train -> export -> ONNX Runtime, compared with predict's output file on the same rows. */
class OnnxEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void exportedGraphAgreesWithPredict() throws Exception {
        Path out = dir.resolve("run");
        assertEquals(0, CliRun.of("train", "--scale", "minmax", "--out", out.toString()).code());
        Path model = out.resolve("model.json");
        Path onnx = dir.resolve("m.onnx");
        assertEquals(0, CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString()).code());
        Path csv = dir.resolve("diabetes.csv");
        try (var in = EmbeddedData.class.getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            Files.copy(in, csv);
        }
        Path preds = dir.resolve("preds.csv");
        CliRun p = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--out", preds.toString());
        assertEquals(0, p.code(), p.err());
        List<String> lines = Files.readAllLines(preds);
        CsvTable table = CsvTable.read(csv, ',');
        float[][] rows = new float[table.rows()][10];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 10; j++) {
                rows[i][j] = Float.parseFloat(table.record(i)[j]);
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double worst = 0;
        try (OrtSession session = env.createSession(Files.readAllBytes(onnx), new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, rows);
                OrtSession.Result result = session.run(Map.of("features", input))) {
            float[][] got = (float[][]) result.get(0).getValue();
            for (int i = 0; i < rows.length; i++) {
                worst = Math.max(worst, Math.abs(got[i][0] - Double.parseDouble(lines.get(i + 1))));
            }
        }
        System.out.printf("CLI export vs predict on diabetes (442 rows, minmax): max |diff| %.3g%n", worst);
        assertTrue(worst < 1e-3, "max abs difference " + worst);
    }

    /** k is constant and e always empty, so training drops both; their values must not reach the graph. */
    @Test
    void droppedColumnsWithMissingValuesGiveThePredictionOfPredict() throws Exception {
        StringBuilder csv = new StringBuilder("a,k,e,y\n");
        for (int i = 0; i < 30; i++) {
            double a = (i % 7) * 0.5 - 1;
            csv.append(a).append(",7,,").append(2 * a + 1 + (i % 3) * 0.01).append('\n');
        }
        Path data = Files.writeString(dir.resolve("const.csv"), csv);
        Path out = dir.resolve("run");
        CliRun t = CliRun.of("train", "--data", data.toString(), "--missing", "mean", "--holdout", "0",
                "--out", out.toString());
        assertEquals(0, t.code(), t.err());
        Path model = out.resolve("model.json");
        Path onnx = dir.resolve("m.onnx");
        assertEquals(0, CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString()).code());
        Path rows = Files.writeString(dir.resolve("rows.csv"), "a,k,e\n0.5,7,\n0.5,100,\n0.5,7,3\n0.5,,\n");
        CliRun p = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString());
        assertEquals(0, p.code(), p.err());
        List<String> expected = p.out().lines().skip(1).toList();
        float nan = Float.NaN;
        float[][] input = {{0.5f, 7, nan}, {0.5f, 100, nan}, {0.5f, 7, 3}, {0.5f, nan, nan}};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(Files.readAllBytes(onnx), new OrtSession.SessionOptions());
                OnnxTensor tensor = OnnxTensor.createTensor(env, input);
                OrtSession.Result result = session.run(Map.of("features", tensor))) {
            float[][] got = (float[][]) result.get(0).getValue();
            for (int i = 0; i < input.length; i++) {
                assertEquals(Double.parseDouble(expected.get(i)), got[i][0], 1e-5, "row " + i);
            }
        }
    }
}
