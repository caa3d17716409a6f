package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.CsvChunks;
import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameChunks;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.data.KFold;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.data.ThreeWaySplit;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.explain.InputSpace;
import dev.ridgeline.explain.LinearShap;
import dev.ridgeline.explain.RowExplanation;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.UnseenCategory;
import dev.ridgeline.train.ExactSolver;
import dev.ridgeline.train.RidgeFitter;
import dev.ridgeline.train.TargetPrecision;
import dev.ridgeline.train.TargetShift;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import dev.ridgeline.tune.LambdaGrid;
import dev.ridgeline.tune.Tuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of docs/java-api.md, step for step, so that the documentation keeps compiling and working. */
class JavaApiExampleTest {
    @TempDir
    Path dir;

    /** docs/java-api.md, "Tune lambda": the preprocessing refitted inside each fold, as `ridgeline tune` does. */
    @Test
    void tuneWithEachFoldsOwnPreprocessingAsDocumented() {
        Frame frame = FrameReader.forTraining(EmbeddedData.diabetesTable(), "progression", Set.of());
        ThreeWaySplit split = ThreeWaySplit.of(frame.rows(), 0.2, 0.0, 42);
        Preprocessing pre = PreprocessingFitter.fit(frame, split.train(), PreprocessingSpec.defaults());
        Frame train = frame.selectRows(split.train());
        DenseMatrix x = pre.transform(train);
        float[] y = train.targetFloats();
        var backend = Backends.select("auto").backend();
        KFold folds = KFold.of(x.rows(), 5, 42);
        // --- docs/java-api.md ---
        Tuner.Result r = new Tuner(backend, TrainerConfig.builder().build()).tune(x, f -> {
            Preprocessing fold = PreprocessingFitter.fit(train, folds.training(f), PreprocessingSpec.defaults());
            return new Tuner.FoldInput(fold.transform(train), fold.featureNames());
        }, y, null, folds, LambdaGrid.log(1e-3, 1e3, 13), null, false);       // x = pre.transform(train): the refit's
        // --- end of the example ---
        Tuner.Result shared = new Tuner(backend, TrainerConfig.builder().build()).tune(x, y, folds,
                LambdaGrid.log(1e-3, 1e3, 13), null, false);
        assertEquals(13, r.cv().points().size());
        // Diabetes, z-scored, nothing missing: the two differ little (docs/cli.md), but they do differ.
        double perFold = r.cv().points().get(12).mean();
        double once = shared.cv().points().get(12).mean();
        assertEquals(once, perFold, 0.01 * once);
        org.junit.jupiter.api.Assertions.assertNotEquals(once, perFold);
    }

    @Test
    void trainSaveLoadAndPredictAsDocumented() throws Exception {
        Path csv = dir.resolve("diabetes.csv");
        try (var in = EmbeddedData.class.getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            Files.copy(in, csv);
        }
        // --- docs/java-api.md: training ---
        Frame frame = FrameReader.forTraining(CsvTable.read(csv, ','), "progression", Set.of());
        ThreeWaySplit split = ThreeWaySplit.of(frame.rows(), 0.2, 0.0, 42);
        Preprocessing pre = PreprocessingFitter.fit(frame, split.train(), PreprocessingSpec.defaults());
        Frame train = frame.selectRows(split.train());
        TargetShift shift = TargetShift.meanOf(train.targetValues(), null);      // train on y less its mean
        TargetPrecision.require(train, shift);                                   // a far outlier: DataException by line
        Problem problem = Problem.builder(pre.transform(train)).model(shift.apply(train.targetValues()), null, 1.0).build();
        try (BoundProblem bound = Backends.select("auto").backend().bind(problem)) {
            TrainingResult result = shift.restore(new Trainer(TrainerConfig.builder().build()).reportingFor(shift)
                    .train(bound));                                                 // losses said in y's units
            LinearModel trained = LinearModel.of(pre, frame.targetName(), result.parameters(), 0,
                    new ModelMetadata(1.0, Map.of(), Map.of()));                   // lambda recorded, no metrics yet
            trained.save(dir.resolve("model.json"));
        }
        // --- docs/java-api.md: serving ---
        LinearModel model = LinearModel.load(dir.resolve("model.json"));
        double one = model.predict(new double[] {59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87});
        Frame rows = FrameReader.forModel(CsvTable.read(csv, ','), model.preprocessing().inputSchema(), model.targetName());
        double[] many = model.predict(rows);
        // --- end of the example ---
        assertEquals(1.0, model.metadata().lambda(), "the lambda the guide records");
        assertEquals(many[0], one, 1e-9 * Math.abs(one), "the first diabetes row, given by hand");
        double[] parallel = IntStream.range(0, rows.rows()).parallel()
                .mapToDouble(i -> model.predict(frame.selectRows(new int[] {i}))[0]).toArray();
        assertArrayEquals(many, parallel, 0.0, "one shared model, many threads");
    }

    /** The short form of README.md and docs/java-api.md: RidgeFitter on a whole frame, then load and predict. */
    @Test
    void theShortFormTrainsOnEveryRowAndMatchesTheExactSolver() throws Exception {
        Path csv = dir.resolve("diabetes.csv");
        try (var in = EmbeddedData.class.getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            Files.copy(in, csv);
        }
        // --- README.md: the Java API ---
        Frame frame = FrameReader.forTraining(CsvTable.read(csv, ','), "progression", Set.of());
        RidgeFitter ridge = new RidgeFitter(1.0, TrainerConfig.builder().build(), "auto");   // lambda, trainer, backend
        ridge.fit(frame, PreprocessingSpec.defaults()).model().save(dir.resolve("model.json"));
        LinearModel model = LinearModel.load(dir.resolve("model.json"));
        double yHat = model.predict(new double[] {59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87});
        // --- end of the example ---
        // Diabetes, all 442 rows, z-scored, lambda 1: the published reference fit (README: how it is tested).
        Preprocessing pre = PreprocessingFitter.fit(frame, IntStream.range(0, 442).toArray(), PreprocessingSpec.defaults());
        Problem problem = Problem.builder(pre.transform(frame)).model(frame.targetFloats(), null, 1.0).build();
        LinearModel exact = LinearModel.of(pre, "progression", ExactSolver.solve(problem), 0, ModelMetadata.empty());
        assertEquals(exact.predict(new double[] {59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87}), yHat, 1e-3);
        assertEquals(442, model.metadata().metrics().get("train").count());
        assertEquals(1.0, model.metadata().lambda());
    }

    /** "Explain a prediction" of docs/java-api.md: a raw row with a missing value, through the input space. */
    @Test
    void aRawRowIsExplainedAsDocumented() throws Exception {
        Path csv = dir.resolve("diabetes.csv");
        try (var in = EmbeddedData.class.getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            Files.copy(in, csv);
        }
        Frame trainingFrame = FrameReader.forTraining(CsvTable.read(csv, ','), "progression", Set.of());
        PreprocessingSpec median = new PreprocessingSpec(MissingPolicy.MEDIAN, ScaleKind.ZSCORE, UnseenCategory.ERROR);
        LinearModel model = new RidgeFitter(1.0, TrainerConfig.builder().build(), "auto").fit(trainingFrame, median)
                .model();
        double[] raw = {59, 2, 32.1, Double.NaN, 157, 93.2, 38, 4, 4.8598, 87};
        Frame rows = trainingFrame;
        // --- docs/java-api.md: explain ---
        LinearShap shap = LinearShap.fit(model, trainingFrame);                 // E[x] over the background rows (weighted)
        RowExplanation e = shap.explain(InputSpace.row(model, raw));           // raw: as predict(double[]) takes it
        double[] phi = e.phi();                                                 // base() + sum phi = prediction()
        double[] importance = shap.meanAbsolutePhi(rows);                       // mean |phi| per feature over a frame
        // --- end of the example ---
        assertEquals(model.predict(raw), e.prediction(), 1e-9 * Math.abs(e.prediction()));
        assertEquals(e.prediction(), e.base() + java.util.Arrays.stream(phi).sum(), 1e-9 * Math.abs(e.prediction()));
        assertEquals(10, importance.length);
    }

    /**
     * The weights paragraph of docs/java-api.md: a file that still holds the model's weight column and the
     * column its training ignored (the snippet had refused the ignored one, "not used by the model: [id]").
     */
    @Test
    void aFileWithTheModelsWeightColumnIsReadAsDocumented() throws Exception {
        Path csv = dir.resolve("weighted.csv");
        Files.writeString(csv, "id,a,w,y\nr1,1,2,3\nr2,2,1,5\nr3,3,0.5,7\nr4,4,1,9\n");
        Frame frame = FrameReader.forTraining(CsvTable.read(csv, ','), "y", "w", Set.of(), Set.of("id"));
        Preprocessing pre = PreprocessingFitter.fit(frame, new int[] {0, 1, 2, 3}, PreprocessingSpec.defaults());
        Problem problem = Problem.builder(pre.transform(frame)).model(frame.targetFloats(), frame.weightFloats(), 0.1)
                .build();
        LinearModel model = LinearModel.of(pre, "y", ExactSolver.solve(problem), 0,
                new ModelMetadata(0.1, java.util.Map.of(), java.util.Map.of("weights", "w"), java.util.List.of("id")));
        dev.ridgeline.data.DataException refused = org.junit.jupiter.api.Assertions.assertThrows(
                dev.ridgeline.data.DataException.class, () -> FrameReader.forModel(CsvTable.read(csv, ','),
                        model.preprocessing().inputSchema(), model.targetName()));
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("not used by the model: [id, w]"),
                refused.getMessage());
        // --- docs/java-api.md: weights ---
        String weights = model.metadata().provenance().get("weights");     // the --weights column, or null
        Set<String> ignored = new HashSet<>(model.metadata().ignoredColumns());  // the --ignore columns, or none
        // predict: the target, weight and ignored columns may be present and are never read (they may hold anything)
        Set<String> unread = new HashSet<>(ignored);
        unread.addAll(Arrays.asList(model.targetName(), weights));
        Frame inputs = FrameReader.forModelInputs(CsvTable.read(csv, ','), model.preprocessing().inputSchema(), unread);
        double[] predicted = model.predict(inputs);
        // evaluate: reads the target and, when the file has it, the weight column (weightFloats())
        Frame labelled = FrameReader.forModel(CsvTable.read(csv, ','), model.preprocessing().inputSchema(),
                model.targetName(), weights, ignored);
        // --- end of the example ---
        assertArrayEquals(model.predict(frame), predicted, 0.0);
        assertArrayEquals(frame.weightFloats(), labelled.weightFloats(), 0f);
        // A model trained without weights: weights is null, and the same call still works.
        LinearModel plain = model.withMetadata(ModelMetadata.empty());
        Path unweighted = Files.writeString(dir.resolve("plain.csv"), "a,y\n1,3\n2,5\n");
        String none = plain.metadata().provenance().get("weights");
        assertEquals(2, plain.predict(FrameReader.forModelInputs(CsvTable.read(unweighted, ','),
                plain.preprocessing().inputSchema(), new HashSet<>(Arrays.asList(plain.targetName(), none)))).length);
    }

    /**
     * RidgeFitter records the columns its frame was read without, as train's --ignore does: the model it saved had
     * listed none, and the weights paragraph's serving code then refused its own training file ("not used by the
     * model: [id]"). Columns a frame was taken without (withoutColumns) are recorded too.
     */
    @Test
    void aFittedModelRecordsTheColumnsItsFrameWasReadWithout() throws Exception {
        Path csv = dir.resolve("ids.csv");
        Files.writeString(csv, "id,a,b,grp,w,y\nr1,1,0.5,x,2,3\nr2,2,1.5,y,1,5\nr3,3,1,x,0.5,7\nr4,4,3,y,1,9\n"
                + "r5,5,2,x,1,11\n");
        Frame frame = FrameReader.forTraining(CsvTable.read(csv, ','), "y", "w", Set.of(), Set.of("id"));
        assertEquals(java.util.List.of("id"), frame.leftOutColumns());
        Frame features = frame.withoutColumns(java.util.List.of("grp"));
        assertEquals(java.util.List.of("id", "grp"), features.leftOutColumns());
        assertEquals(java.util.List.of("id", "grp"), features.viewRows(new int[] {0, 2}).leftOutColumns());
        new RidgeFitter(0.1, TrainerConfig.builder().build(), "java-scalar").fit(features, PreprocessingSpec.defaults())
                .model().save(dir.resolve("ids.json"));
        LinearModel model = LinearModel.load(dir.resolve("ids.json"));
        assertEquals(java.util.List.of("id", "grp"), model.metadata().ignoredColumns());
        String weights = model.metadata().provenance().get("weights");
        Set<String> unread = new HashSet<>(model.metadata().ignoredColumns());
        unread.addAll(Arrays.asList(model.targetName(), weights));
        Frame inputs = FrameReader.forModelInputs(CsvTable.read(csv, ','), model.preprocessing().inputSchema(), unread);
        assertArrayEquals(model.predict(features), model.predict(inputs), 0.0);
        assertEquals(java.util.List.of(), FrameReader.forTraining(CsvTable.read(csv, ','), "y", Set.of())
                .leftOutColumns());
    }

    @Test
    void largeFilesChunkByChunkAsDocumented() throws Exception {
        Path big = dir.resolve("big.csv");
        try (var in = EmbeddedData.class.getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            Files.copy(in, big);
        }
        CsvTable whole = CsvTable.read(big, ',');
        Frame expected = FrameReader.forTraining(whole, "progression", Set.of());
        Preprocessing pre = PreprocessingFitter.fit(expected, IntStream.range(0, expected.rows()).toArray(),
                PreprocessingSpec.defaults());
        LinearModel model = LinearModel.of(pre, "progression", ExactSolver.solve(Problem.builder(pre.transform(expected))
                .model(expected.targetFloats(), null, 1.0).build()), 0, ModelMetadata.empty());
        java.util.List<Double> written = new java.util.ArrayList<>();
        // --- docs/java-api.md: large files ---
        try (CsvChunks chunks = CsvChunks.open(big, ',', FrameChunks.DEFAULT_ROWS, FrameChunks.DEFAULT_CHARS)) {
            Frame frame = FrameReader.forTraining(chunks, "progression", null, Set.of());
            String sha256 = chunks.sha256();
            assertEquals(whole.sha256(), sha256);
            assertArrayEquals(expected.targetValues(), frame.targetValues());
        }
        try (CsvChunks chunks = CsvChunks.open(big, ',', FrameChunks.DEFAULT_ROWS, FrameChunks.DEFAULT_CHARS)) {
            FrameChunks.forModelInputs(chunks, model.preprocessing().inputSchema(), Set.of(model.targetName()),
                    part -> Arrays.stream(model.predict(part)).forEach(written::add));
        }
        // --- end ---
        assertArrayEquals(model.predict(expected), written.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
