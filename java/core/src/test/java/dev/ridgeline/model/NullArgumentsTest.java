package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.data.KFold;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.data.MissingValues;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.explain.LinearShap;
import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.UnseenCategory;
import dev.ridgeline.privacy.DpSgdConfig;
import dev.ridgeline.privacy.DpSgdTrainer;
import dev.ridgeline.privacy.RdpConversion;
import dev.ridgeline.testing.CsvText;
import dev.ridgeline.train.RidgeFitter;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.tune.Tuner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A null argument to a public entry point is refused at the door with a NullPointerException that names it
 * (the API docs' promise), not deep inside with the JDK's description of a dereference.
 */
class NullArgumentsTest {
    private static final LinearModel MODEL = new LinearModel(List.of("a"), null, new double[] {2}, 1);
    private static final DpSgdConfig DP = new DpSgdConfig(0.5, 1, 1, 1, 0.1, 1e-5, 7, false, RdpConversion.IMPROVED);

    private static void refuses(String argument, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(argument, e.getMessage());
    }

    @Test
    void eachNullArgumentIsNamed() {
        refuses("metrics", () -> new ModelMetadata(1.0, null, Map.of()));
        refuses("provenance", () -> new ModelMetadata(1.0, Map.of(), null));
        refuses("importance", () -> CoefficientTable.of(MODEL, null));
        refuses("file", () -> CsvTable.read((Path) null, ','));
        refuses("model", () -> OnnxExport.write(null, Path.of("never.onnx")));
        refuses("file", () -> OnnxExport.write(MODEL, null));
        refuses("row", () -> MODEL.predict((float[]) null));
        refuses("raw", () -> MODEL.predict((DenseMatrix) null));
        CsvTable table = CsvText.table("a,y\n1,2\n", ',');
        Map<String, ColumnKind> schema = Map.of("a", ColumnKind.NUMERIC);
        refuses("table", () -> FrameReader.forModel(null, schema, "y"));
        refuses("tolerated", () -> FrameReader.forModelInputs(table, schema, null));
        refuses("actual", () -> RegressionMetrics.of((double[]) null, new double[1], null));
        refuses("predicted", () -> RegressionMetrics.of(new double[1], null, null));
        Frame frame = FrameReader.forTraining(table, "y", Set.of());
        refuses("rows", () -> frame.selectRows(null));
        refuses("frame", () -> MODEL.preprocessing().transform(null));
        refuses("raw", () -> MODEL.preprocessing().encode(null, new double[1]));
        refuses("numbers", () -> MODEL.predict(null, new String[1]));
        refuses("frame", () -> dev.ridgeline.explain.InputSpace.rows(MODEL, null));
        refuses("part", () -> dev.ridgeline.train.TargetPrecision.require(null, null));
        DenseMatrix x = DenseMatrix.zeros(4, 1);
        Tuner tuner = new Tuner(new ScalarBackend(), TrainerConfig.builder().build());
        refuses("lambdas", () -> tuner.tune(x, new float[4], KFold.of(4, 2, 1), null, null, false));
        // A null here had given a model that predicted and then failed its save without a name.
        refuses("scale", () -> new Preprocessing(List.of(), List.of(), null, UnseenCategory.ZEROS, List.of()));
        refuses("unseen", () -> new Preprocessing(List.of(), List.of(), ScaleKind.NONE, null, List.of()));
        refuses("name", () -> InputColumn.numeric(null, 0));
        refuses("trainRows", () -> PreprocessingFitter.fit(frame, null, PreprocessingSpec.defaults()));
        refuses("spec", () -> PreprocessingFitter.fit(frame, new int[] {0}, null));
        // These had failed deep inside, naming a variable of the library ("header", "left", "p", "text", ...).
        refuses("table", () -> FrameReader.forTraining((CsvTable) null, "y", Set.of()));
        refuses("left", () -> frame.withoutColumns(null));
        refuses("name", () -> frame.indexOf(null));
        refuses("names", () -> Frame.of("x", null, new double[1][1], null, null));
        refuses("rows", () -> Frame.of("x", List.of("a"), null, null, null));
        refuses("parameters", () -> LinearModel.of(MODEL.preprocessing(), "y", null, 0,
                dev.ridgeline.model.ModelMetadata.empty()));
        refuses("parameters", () -> LinearModel.of(List.of("a"), null, null, 0));
        refuses("modelChecksum", () -> OnnxExport.write(MODEL, Path.of("never.onnx"), null));
        refuses("file", () -> ModelFile.write(MODEL, null));
        refuses("dst", () -> x.copyRow(0, null));
        refuses("in", () -> dev.ridgeline.data.CsvChunks.open((java.io.InputStream) null, "x", ',', 10));
        refuses("folds", () -> new KFold(2, null));
        refuses("train", () -> new dev.ridgeline.data.ThreeWaySplit(null, new int[0], new int[0]));
        refuses("inputs", () -> new Preprocessing(null, List.of(), ScaleKind.NONE, UnseenCategory.ZEROS, List.of()));
        refuses("features", () -> new Preprocessing(List.of(), null, ScaleKind.NONE, UnseenCategory.ZEROS, List.of()));
        refuses("warnings", () -> new Preprocessing(List.of(), List.of(), ScaleKind.NONE, UnseenCategory.ZEROS, null));
        // These had failed with the JDK's account of a dereference, or with the message "null".
        refuses("rows", () -> frame.viewRows(null));
        refuses("groups", () -> KFold.stratified(null, 2, 1));
        refuses("groups", () -> KFold.grouped(null, 2, 1));
        refuses("groups", () -> dev.ridgeline.data.ThreeWaySplit.stratified(null, 0.2, 0, 1));
        refuses("groups", () -> dev.ridgeline.data.ThreeWaySplit.grouped(null, 0.2, 0, 1));
        refuses("model", () -> OnnxExport.toBytes(null));
        refuses("model", () -> OnnxExport.graphInputs(null));
        refuses("frame", () -> MissingValues.apply(null, MissingPolicy.FAIL));
        refuses("policy", () -> MissingValues.apply(frame, null));
        refuses("backend", () -> new DpSgdTrainer(DP).train(null,
                Problem.builder(x).model(new float[4], null, 1).build()));
        refuses("problem", () -> new DpSgdTrainer(DP).train(new ScalarBackend(), null));
        refuses("name: the target's name (\"\" for none)", () -> Dataset.builder(x).target(null, new float[4]));
        refuses("names: column 1 has no name (null)", () -> Frame.of("x", java.util.Arrays.asList("a", null),
                new double[1][2], null, null));
        refuses("rows: row 1 is null", () -> Frame.of("x", List.of("a"), new double[][] {{1}, null}, null, null));
        LinearShap shap = LinearShap.fit(MODEL, new double[][] {{1}, {2}});
        refuses("row", () -> shap.explain((double[]) null));
        refuses("x", () -> shap.meanAbsolutePhi((DenseMatrix) null));
        refuses("rows", () -> shap.meanAbsolutePhi(null, new double[0]));
        refuses("weights", () -> shap.meanAbsolutePhi(new double[][] {{1}}, null));
        refuses("rows", () -> shap.addWeightedAbsolutePhi(null, new double[1]));
        refuses("background", () -> LinearShap.fit(MODEL, (double[][]) null));
        refuses("model", () -> LinearShap.fit(null, DenseMatrix.zeros(1, 1)));
    }

    /**
     * The static entry points of the model file, the explainer and the rest of the API name a null argument too:
     * these had failed with the JDK's account of a dereference ("Cannot invoke ... because \"path\" is null").
     */
    @Test
    void eachNullArgumentOfAStaticEntryPointIsNamed() throws Exception {
        refuses("file", () -> ModelFile.read(null));
        refuses("file", () -> ModelFile.readVerified(null));
        refuses("model", () -> ModelFile.toBytes(null));
        refuses("model", () -> LinearShap.backgroundMeans(null));
        refuses("model", () -> ModelEvaluation.requireTargets(null, null));
        refuses("labelled", () -> ModelEvaluation.requireTargets(MODEL, null));
        refuses("rows", () -> ModelEvaluation.finitePredictions(MODEL, null));
        refuses("model", () -> OnnxExport.roundingError(null));
        refuses("model", () -> OnnxExport.float32Warnings(null));
        refuses("names", () -> CoefficientTable.of(null, new double[1], new double[1], new double[1], 0, 0,
                ScaleKind.NONE));
        refuses("scale", () -> CoefficientTable.of(List.of("a"), new double[1], new double[1], new double[1], 0, 0,
                null));
        Map<String, ColumnKind> schema = Map.of("a", ColumnKind.NUMERIC);
        refuses("chunks", () -> dev.ridgeline.data.FrameChunks.forModelInputs(null, schema, Set.of(),
                (java.util.function.Consumer<Frame>) f -> { }));
        refuses("each", () -> dev.ridgeline.data.FrameChunks.forModelInputs(chunks(), schema, Set.of(),
                (java.util.function.Consumer<Frame>) null));
        refuses("schema", () -> dev.ridgeline.data.FrameChunks.forModel(chunks(), null, "y", null, f -> { }));
        refuses("chunks", () -> FrameReader.forTraining((dev.ridgeline.data.CsvChunks) null, "y", null, Set.of()));
        refuses("table", () -> dev.ridgeline.data.CsvDatasets.numeric(null, "y"));
        refuses("text", () -> MissingPolicy.parse(null));
        refuses("text", () -> ScaleKind.parse(null));
        refuses("text", () -> UnseenCategory.parse(null));
        refuses("text", () -> dev.ridgeline.train.Solver.parse(null));
        refuses("config", () -> dev.ridgeline.train.OffSpanDrift.of(DenseMatrix.zeros(1, 1), null, 1, true, null,
                null));
        refuses("bound", () -> dev.ridgeline.train.LipschitzEstimator.estimate(null, 1));
        refuses("file", () -> dev.ridgeline.card.AuthorStatements.load(null));
        refuses("file", () -> dev.ridgeline.card.IntendedUse.load(null));
        refuses("card", () -> dev.ridgeline.card.ModelCardWriter.write(null, Path.of("never")));
        refuses("card", () -> dev.ridgeline.card.ModelCardJson.render(null));
        refuses("card", () -> dev.ridgeline.card.ModelCardMarkdown.render(null));
        refuses("r", () -> dev.ridgeline.card.ModelCardJson.fairness(null, "test"));
        refuses("p", () -> dev.ridgeline.card.ModelCardJson.privacy(null));
        refuses("config", () -> dev.ridgeline.card.PrivacyInfo.of(null, null));
        refuses("result", () -> dev.ridgeline.card.PrivacyInfo.of(DP, null));
        refuses("now", () -> dev.ridgeline.card.Provenance.capture(null, "ridgeline train", Map.of()));
        refuses("file", () -> dev.ridgeline.card.Sha256.of((Path) null));
        refuses("data", () -> dev.ridgeline.card.Sha256.of((byte[]) null));
        refuses("foldMse", () -> dev.ridgeline.eval.CvPoint.of(1, 0.1, null));
        var bootstrap = new dev.ridgeline.fairness.BootstrapSettings(0, 1, 0.95);
        refuses("y", () -> dev.ridgeline.fairness.FairnessAnalyzer.analyze("a", (double[]) null, new double[1],
                new String[1], bootstrap));
        refuses("labels", () -> dev.ridgeline.fairness.FairnessAnalyzer.analyze("a", new double[1], new double[1],
                null, bootstrap));
        refuses("y", () -> dev.ridgeline.fairness.FairnessAnalyzer.overallIntervals((float[]) null, new double[1],
                bootstrap));
        refuses("rows", () -> dev.ridgeline.fairness.GroupMetrics.of("g", new double[1], new double[1], null));
        refuses("labels", () -> dev.ridgeline.fairness.BoundedGroupLoss.mitigate(new double[1], null, null, null,
                dev.ridgeline.fairness.BoundedGroupLoss.Settings.defaults()));
        refuses("orders", () -> dev.ridgeline.privacy.SubsampledGaussianRdp.of(0.1, 1, 10, null));
    }

    private static dev.ridgeline.data.CsvChunks chunks() {
        return dev.ridgeline.data.CsvChunks.open(new java.io.ByteArrayInputStream("a\n1\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), "x", ',', 10);
    }

    /** Frame.of refuses the names a CSV header may not have: a model had taken its target as an input too. */
    @Test
    void aFrameOfRepeatedNamesOrAFeatureNamedAsTheTargetIsRefused() {
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> Frame.of("x", List.of("a", "b", "a"), new double[1][3], null, null));
        assertEquals("names: column 2 repeats the name 'a'", repeated.getMessage());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                () -> Frame.of("x", List.of("a", "y"), new double[1][2], new double[1], "y"));
        assertEquals("names: column 1 is named 'y', as the target is; the target is not a feature",
                target.getMessage());
    }

    /** A frame read for prediction has no target: bad input for a fit, named as such (it was a NullPointerException). */
    @Test
    void aFrameWithoutATargetIsRefusedAsBadInput() {
        Frame inputs = FrameReader.forModelInputs(CsvText.table("a\n1\n2\n", ','), Map.of("a", ColumnKind.NUMERIC),
                Set.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RidgeFitter(1.0,
                TrainerConfig.builder().build(), "java-scalar").fit(inputs, PreprocessingSpec.defaults()));
        assertEquals("the frame has no target column to fit: read it with FrameReader.forTraining and the target's"
                + " name", e.getMessage());
    }
}
