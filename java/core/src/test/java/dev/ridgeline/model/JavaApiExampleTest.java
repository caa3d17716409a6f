package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.data.ThreeWaySplit;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of docs/java-api.md, step for step, so that the documentation keeps compiling and working. */
class JavaApiExampleTest {
    @TempDir
    Path dir;

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
        Problem problem = Problem.builder(pre.transform(train)).model(train.targetFloats(), null, 1.0).build();
        try (BoundProblem bound = Backends.select("auto").backend().bind(problem)) {
            TrainingResult result = new Trainer(TrainerConfig.builder().build()).train(bound);
            LinearModel trained = LinearModel.of(pre, frame.targetName(), result.parameters(), 0, ModelMetadata.empty());
            trained.save(dir.resolve("model.json"));
        }
        // --- docs/java-api.md: serving ---
        LinearModel model = LinearModel.load(dir.resolve("model.json"));
        double one = model.predict(new double[] {59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87});
        Frame rows = FrameReader.forModel(CsvTable.read(csv, ','), model.preprocessing().inputSchema(), model.targetName());
        double[] many = model.predict(rows);
        // --- end of the example ---
        assertEquals(many[0], one, 1e-9 * Math.abs(one), "the first diabetes row, given by hand");
        double[] parallel = IntStream.range(0, rows.rows()).parallel()
                .mapToDouble(i -> model.predict(frame.selectRows(new int[] {i}))[0]).toArray();
        assertArrayEquals(many, parallel, 0.0, "one shared model, many threads");
    }
}
