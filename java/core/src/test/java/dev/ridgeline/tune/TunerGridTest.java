package dev.ridgeline.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.KFold;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.eval.CvPoint;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.train.TrainerConfig;
import org.junit.jupiter.api.Test;

/** Learning-rate grids in the same batch: each setting's CV error equals its own separate run. */
class TunerGridTest {
    @Test
    void rateGridInOneBatchMatchesSeparateRunsAndMarksDivergence() {
        DenseMatrix x = RandomProblems.features(120, 6, 4);
        float[] y = RandomProblems.target(x, 4, 0.5);
        KFold folds = KFold.of(120, 4, 9);
        double[] lambdas = {0.1, 10};
        double[] rates = {0.05, 0.2, 50};
        TrainerConfig config = TrainerConfig.builder().maxEpochs(400).tolerance(0).build();
        Tuner tuner = new Tuner(new ScalarBackend(), config);
        Tuner.Result together = tuner.tune(x, y, folds, lambdas, rates, false);
        for (int l = 0; l < lambdas.length; l++) {
            for (int r = 0; r < rates.length; r++) {
                CvPoint joint = together.cv().points().get(l * rates.length + r);
                if (rates[r] == 50) {
                    assertTrue(Double.isNaN(joint.mean()), "a rate of 50 diverges");
                    continue;
                }
                Tuner.Result alone = new Tuner(new ScalarBackend(), config.toBuilder().learningRate(rates[r]).build())
                        .tune(x, y, folds, new double[] {lambdas[l]}, null, false);
                assertEquals(alone.cv().points().get(0).mean(), joint.mean(), 1e-12 * joint.mean(),
                        "lambda " + lambdas[l] + ", rate " + rates[r]);
            }
        }
        assertTrue(together.learningRate() != 50);
    }
}
