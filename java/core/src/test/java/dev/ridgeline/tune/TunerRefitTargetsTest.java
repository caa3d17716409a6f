package dev.ridgeline.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.KFold;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.FarTargets;
import dev.ridgeline.train.TrainerConfig;
import org.junit.jupiter.api.Test;

/**
 * The refit of the chosen setting trains as the folds' fits do, on its targets less their mean: on raw
 * targets near 1e5 (five near-collinear features, lambda 0.01) it had stopped at the epoch limit with 83 times
 * the exact solve's error, while the CV table, from centred folds, promised about the exact error.
 */
class TunerRefitTargetsTest {
    @Test
    void theRefitOfTargetsFarFromZeroReachesTheExactFit() {
        FarTargets data = FarTargets.of(500, 1e5);
        double lambda = 0.01;
        double exactMse = data.exactMse(lambda);
        Tuner.Result r = new Tuner(new ScalarBackend(), TrainerConfig.builder().build())
                .tune(data.x(), data.y(), KFold.of(data.x().rows(), 5, 42), new double[] {lambda}, null, false);
        Parameters refit = r.refit().parameters();
        double refitMse = data.mse(refit.theta(0), refit.bias(0));
        assertTrue(refitMse < 1.1 * exactMse, "refit MSE " + refitMse + ", exact " + exactMse);
        assertEquals(1e5, refit.bias(0), 10, "the bias carries the targets' offset");
    }
}
