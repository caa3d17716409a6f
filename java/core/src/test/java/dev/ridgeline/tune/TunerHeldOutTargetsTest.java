package dev.ridgeline.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.KFold;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.TargetShift;
import dev.ridgeline.train.TrainerConfig;
import org.junit.jupiter.api.Test;

/**
 * A fold's fits see nothing of its held-out targets, not even through where their steps start: a fit stopped
 * short of its minimum had kept the mean of all the targets, held-out ones included, and scored too well.
 */
class TunerHeldOutTargetsTest {
    /**
     * Two rows, two folds: each fold trains on one row, so any fit predicts that row's target for the other one
     * and every held-out error is (4 - 3)^2 = 1, as the exact solver finds. Gradient descent that stops short
     * had scored 3.9 here (3 epochs on the targets as given) and 0.61 through {@code ridgeline tune}, whose
     * targets were centred on both rows (10,000 epochs, lambda 0.001, chosen).
     */
    @Test
    void anUnfinishedFitScoresAsItsTrainingRowsAllow() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 2}, {2, 5}});
        float[] y = {3, 4};
        KFold folds = new KFold(2, new int[] {0, 1});
        double[] lambdas = {0.001, 1};
        for (Solver solver : new Solver[] {Solver.GD, Solver.EXACT}) {
            TrainerConfig config = TrainerConfig.builder().solver(solver).maxEpochs(3).build();
            Tuner.Result r = new Tuner(new ScalarBackend(), config).tune(x, y, folds, lambdas, null, false);
            for (int l = 0; l < lambdas.length; l++) {
                assertEquals(1.0, r.cv().points().get(l).mean(), 1e-6, solver + ", lambda " + lambdas[l]);
            }
        }
    }

    @Test
    void eachFoldIsCentredOnItsOwnTrainingRows() {
        double[] y = {1, 2, 3, 100};
        float[] mask = {1, 1, 1, 0};
        TargetShift shift = Tuner.shiftOfFold(y, mask, 1);
        float[] centred = shift.apply(y);
        assertEquals(-1, centred[0]);
        assertEquals(0, centred[1]);
        assertEquals(1, centred[2]);
        assertEquals(98, centred[3]);
    }
}
