package dev.ridgeline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.KFold;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.preprocess.Standardizer;
import dev.ridgeline.train.History;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * An index out of range in a public accessor names what it indexes and how many there are (docs/java-api.md,
 * "Errors": "a model of a batch"), where these had thrown the JDK's bare "Index 5 out of bounds for length 1".
 */
class NamedIndexTest {
    private static String message(Executable call) {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, call);
        assertEquals(IndexOutOfBoundsException.class, e.getClass(), "not the JDK's array exception");
        return e.getMessage();
    }

    @Test
    void aProblemsModels() {
        Problem p = Problem.builder(DenseMatrix.of(new double[][] {{1, 2}, {3, 4}, {5, 7}}))
                .model(new float[] {1, 2, 3}, null, 1).build();
        assertEquals("model 5 of a problem of 1 model", message(() -> p.target(5)));
        assertEquals("model -1 of a problem of 1 model", message(() -> p.weights(-1)));
        assertEquals("model 1 of a problem of 1 model", message(() -> p.lambda(1)));
        assertEquals("model 1 of a problem of 1 model", message(() -> p.totalWeight(1)));
        assertEquals("model 2 of a problem of 1 model", message(() -> p.weight(2, 0)));
    }

    @Test
    void coefficientsAndGradients() {
        Parameters p = Parameters.zeros(2, 3);
        assertEquals("coefficient 9 of a model of 3 features", message(() -> p.theta(0, 9)));
        Gradient g = new Gradient(new double[] {1}, new double[][] {{1, 2}}, new double[] {0});
        assertEquals("model 5 of a gradient of 1 model", message(() -> g.loss(5)));
        assertEquals("model 1 of a gradient of 1 model", message(() -> g.theta(1)));
        assertEquals("model 1 of a gradient of 1 model", message(() -> g.bias(1)));
        assertEquals("model 1 of a gradient of 1 model", message(() -> g.norm(1)));
    }

    @Test
    void targetsFoldsAndRowBuffers() {
        DenseMatrix x = DenseMatrix.of(new double[][] {{1, 2}, {3, 4}, {5, 7}});
        assertEquals("target 3 of a dataset of 1 target", message(() -> Dataset.of(x, new float[3]).target(3)));
        KFold folds = KFold.of(6, 3, 1);
        assertEquals("fold 9 of 3 folds", message(() -> folds.heldOut(9)));
        assertEquals("fold -1 of 3 folds", message(() -> folds.training(-1)));
        assertEquals("fold 3 of 3 folds", message(() -> folds.trainingMask(3)));
        assertEquals("the row buffer has 1 places, a row has 2 values",
                assertThrows(IllegalArgumentException.class, () -> x.copyRow(0, new float[1])).getMessage());
    }

    @Test
    void aTrainingResultsModels() {
        Problem p = Problem.builder(DenseMatrix.of(new double[][] {{1, 2}, {3, 4}, {5, 7}}))
                .model(new float[] {1, 2, 3}, null, 1).build();
        TrainingResult r;
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            r = new Trainer(TrainerConfig.builder().maxEpochs(3).build()).train(bound);
        }
        assertEquals("model -1 of a training result of 1 model", message(() -> r.epochs(-1)));
        assertEquals("model 5 of a training result of 1 model", message(() -> r.stopReason(5)));
        assertEquals("model 5 of a training result of 1 model", message(() -> r.finalLoss(5)));
        assertEquals("model 1 of a training result of 1 model", message(() -> r.relativeGradientNorm(1)));
        assertEquals("model 1 of a training result of 1 model", message(() -> r.stepHalvings(1)));
        assertEquals("model 1 of a training result of 1 model", message(() -> r.ownScaleRelativeNorm(1)));
    }

    @Test
    void aHistorysRecordsAndModels() {
        Problem p = Problem.builder(DenseMatrix.of(new double[][] {{1, 2}, {3, 4}, {5, 7}}))
                .model(new float[] {1, 2, 3}, null, 1).build();
        History h;
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            h = new Trainer(TrainerConfig.builder().maxEpochs(3).build()).train(bound).history();
        }
        int records = h.size();
        assertEquals("record 99 of a history of " + records + " records", message(() -> h.loss(99, 0)));
        assertEquals("model 5 of a history of 1 model", message(() -> h.loss(0, 5)));
        assertEquals("model 5 of a history of 1 model", message(() -> h.curve(5)));
        assertEquals("record -1 of a history of " + records + " records", message(() -> h.epoch(-1)));
        assertEquals("record 99 of a history of " + records + " records", message(() -> h.validationEpoch(99)));
        assertEquals("model 1 of a history of 1 model", message(() -> h.validationLoss(0, 1)));
        // Without early stopping every model's kept epoch is -1, but only for the models there are.
        assertEquals(-1, h.keptEpoch(0));
        assertEquals("model 1 of a history of 1 model", message(() -> h.keptEpoch(1)));
    }

    @Test
    void scalingMeansChunksPassStatsAndStepRules() {
        Standardizer s = new Standardizer(new double[] {0, 1}, new double[] {1, 2});
        assertEquals("column 99 of a standardizer of 2 columns", message(() -> s.mean(99)));
        assertEquals("column -1 of a standardizer of 2 columns", message(() -> s.scale(-1)));
        DenseMatrix x = DenseMatrix.of(new double[][] {{1, 2}, {3, 4}});
        assertEquals("chunk 99 of a matrix of 1 chunk", message(() -> x.chunk(99)));
        assertEquals("chunk 1 of a matrix of 1 chunk", message(() -> x.chunkRows(1)));
        assertEquals("chunk 2 of a matrix of 2 chunks", message(() -> DenseMatrix.zeros(4, 2, 4).chunk(2)));
        PassStats stats = new PassStats(new double[] {1}, new double[] {2});
        assertEquals("model 5 of pass stats of 1 model", message(() -> stats.loss(5)));
        assertEquals("model 1 of pass stats of 1 model", message(() -> stats.gradientNorm(1)));
        assertEquals("loss", assertThrows(NullPointerException.class, () -> new PassStats(null, null)).getMessage());
        assertEquals("gradientNorm",
                assertThrows(NullPointerException.class, () -> new PassStats(new double[1], null)).getMessage());
        StepRule rule = StepRule.plain(1, 0.1);
        assertEquals("model 5 of a step rule of 1 model", message(() -> rule.learningRate(5)));
        assertEquals("model -1 of a step rule of 1 model", message(() -> rule.learningRate(-1)));
    }
}
