package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.preprocess.EncodedFeature;
import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.UnseenCategory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.testing.CsvText;
import dev.ridgeline.train.ExactSolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the exported graph in ONNX Runtime and compares with {@link LinearModel#predict} (double). */
class OnnxExportTest {
    /** Diabetes, every row, fitted exactly with lambda 1 under the given scaling and missing-value policy. */
    private static LinearModel diabetesModel(ScaleKind scale, MissingPolicy missing) {
        Dataset d = EmbeddedData.diabetes();
        Frame frame = Frame.of("diabetes", d.featureNames(), d.x().toDoubleArray(), toDouble(d.target()), "progression");
        int[] all = IntStream.range(0, frame.rows()).toArray();
        Preprocessing p = PreprocessingFitter.fit(frame, all, new PreprocessingSpec(missing, scale, UnseenCategory.ERROR));
        Problem problem = Problem.builder(p.transform(frame)).model(d.target(), null, 1.0).build();
        Parameters theta = ExactSolver.solve(problem);
        return LinearModel.of(p, "progression", theta, 0, ModelMetadata.empty());
    }

    private static double[] toDouble(float[] a) {
        return IntStream.range(0, a.length).mapToDouble(i -> a[i]).toArray();
    }

    /** ONNX predictions for rows of float inputs. */
    private static float[] runOnnx(byte[] graph, float[][] rows) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(graph, new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, rows);
                OrtSession.Result result = session.run(Map.of("features", input))) {
            float[][] out = (float[][]) result.get(0).getValue();
            float[] flat = new float[out.length];
            for (int i = 0; i < out.length; i++) {
                assertEquals(1, out[i].length);
                flat[i] = out[i][0];
            }
            return flat;
        }
    }

    private static double maxAbsDifference(LinearModel model, float[][] rows) throws Exception {
        float[] onnx = runOnnx(OnnxExport.toBytes(model), rows);
        double worst = 0;
        for (int i = 0; i < rows.length; i++) {
            worst = Math.max(worst, Math.abs(onnx[i] - model.predict(rows[i])));
        }
        return worst;
    }

    @Test
    void diabetesPredictionsMatchOnnxRuntimeForEveryScaling() throws Exception {
        float[][] rows = new float[442][];
        Dataset d = EmbeddedData.diabetes();
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[d.features()];
            d.x().copyRow(i, rows[i]);
        }
        for (ScaleKind scale : ScaleKind.values()) {
            LinearModel model = diabetesModel(scale, MissingPolicy.FAIL);
            double diff = maxAbsDifference(model, rows);
            // Bounded by the graph's own float32 estimate (with room for ONNX Runtime's order of summation), not a
            // fixed 1e-3 that 30 times the error measured would pass.
            double bound = 2 * OnnxExport.roundingError(model);
            System.out.printf("ONNX vs Java on diabetes (442 rows, predictions ~36..293), scale %s: max |diff| %.3g"
                    + " (bound %.3g)%n", scale.label(), diff, bound);
            assertTrue(diff < bound, "max abs difference " + diff + ", bound " + bound);
        }
    }

    @Test
    void imputationIsFoldedIntoTheGraph() throws Exception {
        LinearModel model = diabetesModel(ScaleKind.ZSCORE, MissingPolicy.MEDIAN);
        float[] row = new float[10];
        EmbeddedData.diabetes().x().copyRow(3, row);
        row[2] = Float.NaN;
        float[] onnx = runOnnx(OnnxExport.toBytes(model), new float[][] {row});
        assertEquals(model.predict(row), onnx[0], 1e-3);
    }

    /**
     * Imputed cells of a column far from zero: x near 10,000 + N(0, 1), every 7th cell missing, median
     * imputation. The graph had filled the float32 fill (9999.8 rounds by about 4e-4) and then centred it, so
     * a missing cell's prediction was off by that rounding times the coefficient (7.9e-4 in the case found),
     * where other rows agree to 1e-5; it now fills the centred fill, computed in double.
     */
    @Test
    void imputedCellsFarFromZeroKeepTheirDigits() throws Exception {
        java.util.Random rng = new java.util.Random(3);
        int m = 50;
        double[][] rows = new double[m][];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double x = 1e4 + rng.nextGaussian();
            double x2 = rng.nextGaussian();
            rows[i] = new double[] {i % 7 == 0 ? Double.NaN : x, x2};
            y[i] = 2 * (x - 1e4) + x2 + 0.1 * rng.nextGaussian();
        }
        Frame frame = Frame.of("imputed", List.of("x", "x2"), rows, y, "y");
        int[] all = IntStream.range(0, m).toArray();
        for (ScaleKind scale : new ScaleKind[] {ScaleKind.NONE, ScaleKind.ZSCORE, ScaleKind.MINMAX}) {
            Preprocessing p = PreprocessingFitter.fit(frame, all, new PreprocessingSpec(MissingPolicy.MEDIAN, scale,
                    UnseenCategory.ERROR));
            double fill = p.inputs().get(0).fillNumber();
            assertTrue(Math.abs((float) fill - fill) > 1e-5, "a fill float32 rounds: " + fill);
            Problem problem = Problem.builder(p.transform(frame)).model(toFloat(y), null, 1.0).build();
            LinearModel model = ModelFile.fromBytes(ModelFile.toBytes(
                    LinearModel.of(p, "y", ExactSolver.solve(problem), 0, ModelMetadata.empty())));
            float[][] in = {{Float.NaN, 0.5f}, {Float.NaN, -1f}, {(float) 10000.25, 0.5f}};
            double diff = maxAbsDifference(model, in);
            assertTrue(diff < 1e-5, scale.label() + ": max abs difference " + diff);
        }
    }

    /**
     * a varies (y = 2a + 1), k is always 7 and e always missing: both are dropped in training, so a NaN or any
     * other value in them must not reach the prediction (weight 0 times NaN would be NaN).
     */
    private static LinearModel modelWithDroppedColumns(MissingPolicy missing) {
        double[][] rows = new double[30][];
        double[] y = new double[30];
        for (int i = 0; i < rows.length; i++) {
            double a = (i % 7) * 0.5 - 1;
            rows[i] = new double[] {a, 7, Double.NaN};
            y[i] = 2 * a + 1;
        }
        Frame frame = Frame.of("dropped", List.of("a", "k", "e"), rows, y, "y");
        int[] all = IntStream.range(0, frame.rows()).toArray();
        Preprocessing p = PreprocessingFitter.fit(frame, all, new PreprocessingSpec(missing, ScaleKind.ZSCORE,
                UnseenCategory.ERROR));
        assertEquals(List.of("a"), p.featureNames());
        Problem problem = Problem.builder(p.transform(frame)).model(toFloat(y), null, 1.0).build();
        return LinearModel.of(p, "y", ExactSolver.solve(problem), 0, ModelMetadata.empty());
    }

    private static float[] toFloat(double[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) a[i];
        }
        return out;
    }

    /**
     * Inputs near 10,000 that vary by about 1 (exact in float32), predictions 0..100: the graph subtracts the
     * shift before the MatMul, so no two large float32 terms cancel (folded into the intercept, they did:
     * differences up to 1e-2).
     */
    @Test
    void inputsFarFromZeroKeepTheirDigits() throws Exception {
        int m = 200;
        double[][] rows = new double[m][];
        double[] y = new double[m];
        float[][] in = new float[m][];
        for (int i = 0; i < m; i++) {
            double x = 10000 + (i % 64) / 64.0 + (i / 64) / 4.0;
            rows[i] = new double[] {x};
            in[i] = new float[] {(float) x};
            y[i] = 10 * (x - 10000) + ((i * 7) % 5 - 2) * 0.1;
        }
        Frame frame = Frame.of("offset", List.of("x"), rows, y, "y");
        int[] all = IntStream.range(0, m).toArray();
        for (ScaleKind scale : new ScaleKind[] {ScaleKind.ZSCORE, ScaleKind.MINMAX}) {
            Preprocessing p = PreprocessingFitter.fit(frame, all, new PreprocessingSpec(MissingPolicy.FAIL, scale,
                    UnseenCategory.ERROR));
            Problem problem = Problem.builder(p.transform(frame)).model(toFloat(y), null, 0.01).build();
            LinearModel model = LinearModel.of(p, "y", ExactSolver.solve(problem), 0, ModelMetadata.empty());
            double diff = maxAbsDifference(model, in);
            assertTrue(diff < 1e-4, scale.label() + ": max abs difference " + diff);
        }
    }

    /**
     * Without scaling there is no shift: x near 10,000 (+ 0..1, exact in float32), y = 100 (x - 10,000) + x2 +
     * noise, so the intercept is near -1e6. Folded into one float32 MatMul + intercept, predictions were
     * quantised to 1/16 (max |diff| 0.07 on these rows); centred on the training mean recorded in the model they agree to 1e-5.
     */
    @Test
    void unscaledInputsFarFromZeroAreCentredOnTheirTrainingMean() throws Exception {
        java.util.Random rng = new java.util.Random(5);
        int m = 300;
        double[][] rows = new double[m][];
        double[] y = new double[m];
        float[][] in = new float[m][];
        for (int i = 0; i < m; i++) {
            float x = (float) (1e4 + rng.nextDouble());
            double x2 = rng.nextGaussian();
            rows[i] = new double[] {x, x2};
            in[i] = new float[] {x, (float) x2};
            y[i] = (x - 1e4) * 100 + x2 + 0.1 * rng.nextGaussian();
        }
        Frame frame = Frame.of("f32", List.of("x", "x2"), rows, y, "y");
        int[] all = IntStream.range(0, m).toArray();
        Preprocessing p = PreprocessingFitter.fit(frame, all, new PreprocessingSpec(MissingPolicy.FAIL, ScaleKind.NONE,
                UnseenCategory.ERROR));
        Problem problem = Problem.builder(p.transform(frame)).model(toFloat(y), null, 1.0).build();
        LinearModel fitted = LinearModel.of(p, "y", ExactSolver.solve(problem), 0, ModelMetadata.empty());
        assertTrue(fitted.intercept() < -9e5, "intercept " + fitted.intercept());
        // The mean travels in the model file, so a saved and loaded model exports the same graph.
        LinearModel model = ModelFile.fromBytes(ModelFile.toBytes(fitted));
        assertEquals(fitted.preprocessing().inputs(), model.preprocessing().inputs());
        double diff = maxAbsDifference(model, in);
        System.out.printf("ONNX vs Java, --scale none, x near 1e4 (predictions ~0..100): max |diff| %.3g%n", diff);
        assertTrue(diff < 1e-4, "max abs difference " + diff);
    }

    @Test
    void aTrainedModelFileWithoutRecordedMeansIsWarnedAboutOnceNotGivenAFalseEstimate() {
        // As an earlier version wrote it: raw inputs (no scaling), no training mean, but training metrics.
        Preprocessing raw = new Preprocessing(List.of(InputColumn.numeric("a", Double.NaN), InputColumn.numeric("b", Double.NaN)),
                List.of(new EncodedFeature("a", 0, null, 0, 1), new EncodedFeature("b", 1, null, 0, 1)), ScaleKind.NONE,
                UnseenCategory.ERROR, List.of());
        ModelMetadata trained = new ModelMetadata(1.0,
                java.util.Map.of("train", new RegressionMetrics(300, 0.01, 0.1, 0.08, 0.99, 0.99)), java.util.Map.of());
        LinearModel old = new LinearModel(raw, "y", new double[] {30, 1}, -9e6, trained);
        List<String> warnings = OnnxExport.float32Warnings(old);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("the model file records no training mean for the unscaled inputs [a, b]"),
                warnings.get(0));
        // Built in code (no training metrics): nothing to compare with, no warning.
        assertEquals(List.of(), OnnxExport.float32Warnings(new LinearModel(raw, "y", new double[] {30, 1}, -9e6,
                ModelMetadata.empty())));
    }

    /**
     * A --dp model under --missing mean keeps each input's fill (the training mean) but not its mean: the graph
     * centres on the fill, so there is no "cannot centre" warning, and the rounding estimate still runs and names
     * what limits it (here the intercept).
     */
    @Test
    void aFillCentresTheInputsAndTheRoundingEstimateStillRuns() {
        Preprocessing filled = new Preprocessing(List.of(InputColumn.numeric("a", 5), InputColumn.numeric("b", 0.1)),
                List.of(new EncodedFeature("a", 0, null, 0, 1), new EncodedFeature("b", 1, null, 0, 1)), ScaleKind.NONE,
                UnseenCategory.ERROR, List.of());
        ModelMetadata trained = new ModelMetadata(1.0,
                java.util.Map.of("train", new RegressionMetrics(300, 0.01, 0.1, 0.08, 0.99, 0.99)), java.util.Map.of());
        List<String> warnings = OnnxExport.float32Warnings(new LinearModel(filled, "y", new double[] {30, 1}, -9e6,
                trained));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("the ONNX graph computes in float32 (24 bits, about 7 digits): at an "
                + "intercept of -9.000e+06"), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("subtract a constant from that target before training to keep the digits"),
                warnings.get(0));
    }

    @Test
    void droppedColumnsCannotChangeThePrediction() throws Exception {
        float nan = Float.NaN;
        float[][] rows = {{0.5f, 7, nan}, {0.5f, 100, nan}, {0.5f, 7, 3}, {0.5f, nan, nan}, {-1, nan, 1e30f}};
        for (MissingPolicy missing : new MissingPolicy[] {MissingPolicy.FAIL, MissingPolicy.MEAN}) {
            LinearModel model = modelWithDroppedColumns(missing);
            float[] onnx = runOnnx(OnnxExport.toBytes(model), rows);
            for (int i = 0; i < rows.length; i++) {
                assertEquals(model.predict(rows[i]), onnx[i], 1e-5, missing + ", row " + i);
            }
        }
    }

    /**
     * 160 training rows: numeric a, numeric b (every 9th missing), categorical c (red, green, blue; every 11th
     * missing), categorical d (always "x": no feature), y = 2a - b + {red 3, green -1, blue 0} + noise.
     */
    private static String mixedCsv() {
        java.util.Random rng = new java.util.Random(11);
        StringBuilder csv = new StringBuilder("a,b,c,d,y\n");
        String[] colours = {"red", "green", "blue"};
        double[] effect = {3, -1, 0};
        for (int i = 0; i < 160; i++) {
            double a = rng.nextGaussian() * 2 + 5;
            double b = rng.nextGaussian();
            int k = rng.nextInt(3);
            double y = 2 * a - b + effect[k] + 0.1 * rng.nextGaussian();
            csv.append(a).append(',').append(i % 9 == 4 ? "" : Double.toString(b)).append(',')
                    .append(i % 11 == 3 ? "NA" : colours[k]).append(",x,").append(y).append('\n');
        }
        return csv.toString();
    }

    private static LinearModel mixedModel(ScaleKind scale, MissingPolicy missing, UnseenCategory unseen) {
        Frame frame = FrameReader.forTraining(CsvText.table(mixedCsv(), ','), "y", Set.of());
        int[] all = IntStream.range(0, frame.rows()).toArray();
        int[] complete = IntStream.range(0, frame.rows()).filter(i -> !frame.isMissing(frame.indexOf("b"), i)
                && !frame.isMissing(frame.indexOf("c"), i)).toArray();
        int[] rows = missing == MissingPolicy.FAIL ? complete : all;
        Preprocessing p = PreprocessingFitter.fit(frame, rows, new PreprocessingSpec(missing, scale, unseen));
        Frame training = frame.selectRows(rows);
        Problem problem = Problem.builder(p.transform(training)).model(training.targetFloats(), null, 0.1).build();
        return LinearModel.of(p, "y", ExactSolver.solve(problem), 0, ModelMetadata.empty());
    }

    /** The rows to score, as a CSV: the model's labels and numbers, missing ones, and labels never seen. */
    private static Frame scoringFrame() {
        return FrameReader.forModelInputs(CsvText.table("""
                a,b,c,d
                5.5,0.25,red,x
                3,-1.5,green,x
                7.25,2,blue,x
                4,,blue,x
                4,1,NA,x
                4,1,,x
                4,1,purple,x
                4,1,red,y
                4,1,red,
                """, ','), Map.of("a", ColumnKind.NUMERIC, "b", ColumnKind.NUMERIC, "c", ColumnKind.CATEGORICAL,
                "d", ColumnKind.CATEGORICAL), Set.of());
    }

    /** ONNX predictions for a frame's rows: its numeric and categorical columns as the graph's two inputs. */
    private static float[] runOnnx(LinearModel model, Frame frame) throws Exception {
        Map<String, List<String>> graphInputs = OnnxExport.graphInputs(model);
        List<String> numeric = graphInputs.get("features");
        List<String> categorical = graphInputs.get("categories");
        int m = frame.rows();
        float[][] numbers = new float[m][numeric.size()];
        String[] labels = new String[m * categorical.size()];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < numeric.size(); j++) {
                numbers[i][j] = (float) frame.number(frame.indexOf(numeric.get(j)), i);
            }
            for (int j = 0; j < categorical.size(); j++) {
                String label = frame.label(frame.indexOf(categorical.get(j)), i);
                labels[i * categorical.size() + j] = label == null ? "" : label;
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(OnnxExport.toBytes(model), new OrtSession.SessionOptions());
                OnnxTensor x = OnnxTensor.createTensor(env, numbers);
                OnnxTensor c = OnnxTensor.createTensor(env, labels, new long[] {m, categorical.size()});
                OrtSession.Result result = session.run(Map.of("features", x, "categories", c))) {
            float[][] out = (float[][]) result.get(0).getValue();
            float[] flat = new float[m];
            for (int i = 0; i < m; i++) {
                flat[i] = out[i][0];
            }
            return flat;
        }
    }

    /** The Java prediction of row i, NaN where predict refuses it (the graph cannot refuse a row). */
    private static double javaPrediction(LinearModel model, Frame frame, int i) {
        try {
            return model.predict(frame.selectRows(new int[] {i}))[0];
        } catch (DataException refused) {
            return Double.NaN;
        }
    }

    @Test
    void categoricalColumnsBecomeLookupsThatMatchJavaOnEveryRow() throws Exception {
        Frame rows = scoringFrame();
        int compared = 0;
        double worst = 0;
        double widest = 0;
        for (ScaleKind scale : ScaleKind.values()) {
            for (MissingPolicy missing : new MissingPolicy[] {MissingPolicy.FAIL, MissingPolicy.MEAN}) {
                for (UnseenCategory unseen : UnseenCategory.values()) {
                    LinearModel model = mixedModel(scale, missing, unseen);
                    assertEquals(Map.of("features", List.of("a", "b"), "categories", List.of("c", "d")),
                            OnnxExport.graphInputs(model));
                    float[] onnx = runOnnx(model, rows);
                    String setting = scale.label() + ", " + missing + ", unseen " + unseen.label();
                    double bound = 2 * OnnxExport.roundingError(model);
                    widest = Math.max(widest, bound);
                    for (int i = 0; i < rows.rows(); i++) {
                        double expected = javaPrediction(model, rows, i);
                        if (Double.isNaN(expected)) {
                            assertTrue(Float.isNaN(onnx[i]), setting + ", row " + i + ": " + onnx[i]);
                        } else {
                            assertEquals(expected, onnx[i], bound, setting + ", row " + i);
                            worst = Math.max(worst, Math.abs(expected - onnx[i]));
                            compared++;
                        }
                    }
                }
            }
        }
        System.out.printf("ONNX vs Java, numeric + categorical inputs (predictions ~6..14), 12 settings: max |diff| %.3g"
                + " (widest bound %.3g)%n", worst, widest);
        // Known labels: 3 rows everywhere; a missing b, "NA" or "" in c only with imputation (2 x 3 rows x 3
        // scalings x 2 unseen policies); purple and a new d only under --unseen zeros; a missing d always (d
        // feeds no feature, so predict does not read it).
        assertEquals(3 * 12 + 3 * 6 + 2 * 6 + 12, compared);
    }

    @Test
    void aModelWithOnlyCategoricalInputsHasOnlyTheStringInput() throws Exception {
        Frame frame = FrameReader.forTraining(CsvText.table("c,y\nred,1\nblue,2\nred,1.5\ngreen,4\nblue,2.5\n", ','),
                "y", Set.of());
        int[] all = IntStream.range(0, frame.rows()).toArray();
        Preprocessing p = PreprocessingFitter.fit(frame, all, new PreprocessingSpec(MissingPolicy.FAIL, ScaleKind.ZSCORE,
                UnseenCategory.ERROR));
        Problem problem = Problem.builder(p.transform(frame)).model(frame.targetFloats(), null, 0.5).build();
        LinearModel model = LinearModel.of(p, "y", ExactSolver.solve(problem), 0, ModelMetadata.empty());
        assertEquals(Map.of("categories", List.of("c")), OnnxExport.graphInputs(model));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String[] labels = {"red", "blue", "green", "mauve"};
        try (OrtSession session = env.createSession(OnnxExport.toBytes(model), new OrtSession.SessionOptions());
                OnnxTensor c = OnnxTensor.createTensor(env, labels, new long[] {4, 1});
                OrtSession.Result result = session.run(Map.of("categories", c))) {
            float[][] out = (float[][]) result.get(0).getValue();
            double[] java = model.predict(frame);
            assertEquals(java[0], out[0][0], 1e-5);
            assertEquals(java[1], out[1][0], 1e-5);
            assertEquals(java[3], out[2][0], 1e-5);
            assertTrue(Float.isNaN(out[3][0]), "unseen under --unseen error: " + out[3][0]);
        }
    }

    /** A serving engineer can check at load time which column goes where and which model the graph came from. */
    @Test
    void theFileNamesItsColumnsInOrderTheTargetAndTheModelChecksum() throws Exception {
        LinearModel model = mixedModel(ScaleKind.ZSCORE, MissingPolicy.MEAN, UnseenCategory.ERROR);
        String sealed = new ObjectMapper().readTree(ModelFile.toBytes(model)).get("checksum").asText();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(OnnxExport.toBytes(model), new OrtSession.SessionOptions())) {
            OnnxModelMetadata meta = session.getMetadata();
            assertEquals("ridgeline", meta.getProducerName());
            assertEquals(Map.of("target", "y", "features", "[\"a\",\"b\"]", "categories", "[\"c\",\"d\"]",
                    "model_checksum", sealed), meta.getCustomMetadata());
            assertTrue(sealed.startsWith("sha256:"), sealed);
            assertEquals("Ridge regression of 'y'. Input 'features' float32 [N, 2]: [a, b]. Input 'categories'"
                    + " string [N, 2]: [c, d]. Output 'prediction' float32 [N, 1].", meta.getDescription());
            assertEquals(meta.getDescription(), meta.getGraphDescription());
        }
    }

    /**
     * A column name holding a comma or a double quote is one name in the descriptions: "[size, prix, €]" read as
     * four columns of a [N, 3] input. Such names go in double quotes, their quotes doubled, as in a CSV header.
     */
    @Test
    void theDescriptionsQuoteAColumnNameHoldingACommaOrAQuote() throws Exception {
        Frame frame = FrameReader.forTraining(CsvText.table("size,\"prix, €\",\"a \"\"b\"\"\",c,y\n"
                + "1,2,5,red,1\n2,1,4,blue,2\n3,3,6,red,1.5\n4,5,2,\"x, y\",4\n5,4,1,blue,2.5\n", ','), "y", Set.of());
        int[] all = IntStream.range(0, frame.rows()).toArray();
        Preprocessing p = PreprocessingFitter.fit(frame, all, new PreprocessingSpec(MissingPolicy.FAIL, ScaleKind.ZSCORE,
                UnseenCategory.ERROR));
        Problem problem = Problem.builder(p.transform(frame)).model(frame.targetFloats(), null, 0.5).build();
        LinearModel model = LinearModel.of(p, "y", ExactSolver.solve(problem), 0, ModelMetadata.empty());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(OnnxExport.toBytes(model), new OrtSession.SessionOptions())) {
            assertEquals("Ridge regression of 'y'. Input 'features' float32 [N, 3]: [size, \"prix, €\", \"a \"\"b\"\"\"]."
                    + " Input 'categories' string [N, 1]: [c]. Output 'prediction' float32 [N, 1].",
                    session.getMetadata().getDescription());
        }
        // Each input's own doc string lists its columns the same way (ONNX Runtime's Java API does not show it).
        String file = new String(OnnxExport.toBytes(model), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(file.contains("in this order: size, \"prix, €\", \"a \"\"b\"\"\"; NaN = missing"), file);
    }

    /**
     * The graph names the checksum of the file it was exported from, also for a file without the optional
     * "metrics" and "provenance", which this version would write as empty objects (another checksum).
     */
    @Test
    void theRecordedChecksumIsThatOfTheFileExportedFrom(@TempDir Path dir) throws Exception {
        LinearModel model = mixedModel(ScaleKind.ZSCORE, MissingPolicy.FAIL, UnseenCategory.ERROR);
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(ModelFile.toBytes(model));
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("model");
        body.remove("metrics");
        body.remove("provenance");
        String sealed = "sha256:" + ModelFile.checksum(body);
        root.put("checksum", sealed);
        Path file = dir.resolve("lean.json");
        Files.write(file, json.writeValueAsBytes(root));
        ModelFile.Verified read = ModelFile.readVerified(file);
        LinearModel loaded = read.model();
        assertFalse(sealed.equals(ModelFile.checksum(loaded)), "written again, the model has another checksum");
        assertEquals(sealed, read.checksum());
        Path onnx = dir.resolve("lean.onnx");
        OnnxExport.write(loaded, onnx, read.checksum());
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(Files.readAllBytes(onnx),
                new OrtSession.SessionOptions())) {
            assertEquals(sealed, session.getMetadata().getCustomMetadata().get("model_checksum"));
        }
    }

    /** A coefficient of 1e308 is a finite double, Infinity in float32: the graph would predict no number. */
    @Test
    void aModelBeyondFloat32IsRefusedAndNothingIsWritten(@TempDir Path dir) {
        Path file = dir.resolve("m.onnx");
        LinearModel huge = new LinearModel(List.of("a", "b"), null, new double[] {2, 1e308}, 0);
        IllegalArgumentException weight = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.write(huge, file));
        assertTrue(weight.getMessage().contains("coefficient of input 'b' is 1.00000e+308")
                && weight.getMessage().contains("beyond float32"), weight.getMessage());
        LinearModel farIntercept = new LinearModel(List.of("a", "b"), null, new double[] {2, 3}, 1e300);
        IllegalArgumentException intercept = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.write(farIntercept, file));
        assertTrue(intercept.getMessage().contains("intercept") && intercept.getMessage().contains("1.00000e+300"),
                intercept.getMessage());
        assertFalse(Files.exists(file));
        assertEquals(1e300, farIntercept.predict(new double[] {0, 0}));  // predict, in double, still works
    }
}
