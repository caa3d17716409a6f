package dev.ridgeline.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.KFold;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.train.TrainerConfig;
import org.junit.jupiter.api.Test;

/** Arguments of the wrong shape are refused up front with their sizes, not by an index error deep inside. */
class TunerArgumentsTest {
    private static final double[] LAMBDAS = {0.1, 1};
    private static final TrainerConfig CONFIG = TrainerConfig.builder().maxEpochs(10).build();

    @Test
    void weightsOfAnotherLengthThanXAreRefused() {
        DenseMatrix x = RandomProblems.features(6, 2, 1);
        float[] y = RandomProblems.target(x, 1, 0.1);
        KFold folds = KFold.of(6, 2, 3);
        Tuner tuner = new Tuner(new ScalarBackend(), CONFIG);
        IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
                () -> tuner.tune(x, y, new float[] {1, 1, 1, 1, 1, 1, 1}, folds, LAMBDAS, null, false));
        assertEquals("weights have 7 rows, X has 6", longer.getMessage());
        IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
                () -> tuner.tune(x, y, new float[] {1, 1, 1, 1, 1}, folds, LAMBDAS, null, false));
        assertEquals("weights have 5 rows, X has 6", shorter.getMessage());
    }

    /** A null backend or config used to fail only at tune(), with an anonymous NullPointerException. */
    @Test
    void aNullBackendOrConfigIsRefusedByName() {
        assertEquals("backend", assertThrows(NullPointerException.class,
                () -> new Tuner(null, CONFIG)).getMessage());
        assertEquals("config", assertThrows(NullPointerException.class,
                () -> new Tuner(new ScalarBackend(), null)).getMessage());
    }

    /** Settings that name the models of a batch cannot apply to the tuner's own batches. */
    @Test
    void perModelLearningRatesOrEarlyStoppingInTheConfigAreRefused() {
        DenseMatrix x = RandomProblems.features(6, 2, 1);
        float[] y = RandomProblems.target(x, 1, 0.1);
        IllegalArgumentException rates = assertThrows(IllegalArgumentException.class,
                () -> new Tuner(new ScalarBackend(), CONFIG.toBuilder().learningRates(0.1).build()));
        assertTrue(rates.getMessage().startsWith("the tuner's config cannot give one learning rate per model"),
                rates.getMessage());
        Problem validation = Problem.builder(x).model(y, null, 1).build();
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
                () -> new Tuner(new ScalarBackend(), CONFIG.toBuilder().earlyStopping(validation, 3).build()));
        assertTrue(early.getMessage().startsWith("the tuner's config cannot stop early"), early.getMessage());
    }
}
