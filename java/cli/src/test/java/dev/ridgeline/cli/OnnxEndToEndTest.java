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

    /**
     * Numbers and categories, with missing values imputed: the graph takes the numeric columns as floats and
     * the categorical one as strings, and gives predict's predictions, labels spelled as the CSV has them.
     */
    @Test
    void categoricalColumnsGoInAsStringsAndGiveThePredictionsOfPredict() throws Exception {
        java.util.Random rng = new java.util.Random(4);
        String[] cities = {"oslo", "rome", "lima"};
        StringBuilder csv = new StringBuilder("size,city,rooms,price\n");
        for (int i = 0; i < 300; i++) {
            double size = 40 + 160 * rng.nextDouble();
            int rooms = 1 + rng.nextInt(6);
            int c = rng.nextInt(3);
            csv.append(String.format(java.util.Locale.ROOT, "%.1f,%s,%s,%.2f%n", size, i % 13 == 5 ? "" : cities[c],
                    i % 17 == 3 ? "NA" : Integer.toString(rooms), 3 * size + 10 * rooms + 30 * c + rng.nextGaussian()));
        }
        Path data = Files.writeString(dir.resolve("homes.csv"), csv);
        Path out = dir.resolve("run");
        CliRun t = CliRun.of("train", "--data", data.toString(), "--target", "price", "--missing", "median",
                "--out", out.toString());
        assertEquals(0, t.code(), t.err());
        Path model = out.resolve("model.json");
        Path onnx = dir.resolve("m.onnx");
        CliRun e = CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("inputs 'features' float32 [N, 2] [size, rooms] and 'categories' string [N, 1] [city]"),
                e.out());
        Path rows = Files.writeString(dir.resolve("rows.csv"), "size,city,rooms\n80,rome,3\n150.5,lima,NA\n60,,2\n");
        CliRun p = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString());
        assertEquals(0, p.code(), p.err());
        List<String> expected = p.out().lines().skip(1).toList();
        float[][] numbers = {{80, 3}, {150.5f, Float.NaN}, {60, 2}};
        String[] labels = {"rome", "lima", ""};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(Files.readAllBytes(onnx), new OrtSession.SessionOptions());
                OnnxTensor x = OnnxTensor.createTensor(env, numbers);
                OnnxTensor c = OnnxTensor.createTensor(env, labels, new long[] {3, 1});
                OrtSession.Result result = session.run(Map.of("features", x, "categories", c))) {
            float[][] got = (float[][]) result.get(0).getValue();
            for (int i = 0; i < labels.length; i++) {
                double want = Double.parseDouble(expected.get(i));
                assertEquals(want, got[i][0], 1e-6 * Math.abs(want) + 1e-4, "row " + i);
            }
        }
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

    /** Targets of 1e7 + a spread of 5: float32 keeps about 1 of their units, so export warns; diabetes does not. */
    @Test
    void exportWarnsWhenFloat32CannotHoldThePredictions() throws Exception {
        java.util.Random rng = new java.util.Random(11);
        StringBuilder s = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 200; i++) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            s.append(a).append(',').append(b).append(',').append(1e7 + 2 * a - b + 0.1 * rng.nextGaussian()).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("far.csv"), s);
        Path far = dir.resolve("far");
        assertEquals(0, CliRun.of("train", "--data", csv.toString(), "--solver", "exact", "--out", far.toString()).code());
        CliRun warned = CliRun.of("export", "--model", far.resolve("model.json").toString(), "--onnx",
                dir.resolve("far.onnx").toString(), "--json");
        assertEquals(0, warned.code(), warned.err());
        assertTrue(warned.err().contains("ridgeline: warning: the ONNX graph computes in float32"), warned.err());
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(warned.out());
        assertEquals(1, doc.get("warnings").size(), warned.out());
        assertTrue(doc.get("warnings").get(0).asText().contains("at an intercept of 1.000e+07 its predictions may be off by up to about 1.2"), warned.out());

        Path diabetes = dir.resolve("diabetes");
        for (String scale : new String[] {"zscore", "minmax", "none"}) {
            assertEquals(0, CliRun.of("train", "--scale", scale, "--out", diabetes.toString()).code());
            CliRun quiet = CliRun.of("export", "--model", diabetes.resolve("model.json").toString(), "--onnx",
                    dir.resolve("d.onnx").toString(), "--json");
            assertEquals(0, quiet.code(), quiet.err());
            assertEquals("", quiet.err().replaceAll("WARNING: Using incubator modules: jdk.incubator.vector\\s*", ""),
                    scale);
            assertEquals(0, new com.fasterxml.jackson.databind.ObjectMapper().readTree(quiet.out()).get("warnings")
                    .size(), scale);
        }
    }
}
