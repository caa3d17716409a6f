package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    /** 30 rows, 25 features, heavy noise, lambda 0: training overfits, validation loss turns up. */
    private static Problem overfitting(long seed) {
        DenseMatrix x = RandomProblems.features(30, 25, seed);
        return Problem.builder(x).model(RandomProblems.target(x, seed, 3.0), null, 0.0).build();
    }

    /** Fresh rows of the same linear law as {@code overfitting(seed)} (the target's coefficients follow the seed). */
    private static Problem validation(long seed) {
        DenseMatrix x = RandomProblems.features(200, 25, seed + 1000);
        return Problem.builder(x).model(RandomProblems.target(x, seed, 3.0), null, 0.0).build();
    }

    @Test
    void stopsWhenValidationLossStopsImprovingAndKeepsTheBestParameters() {
        Problem train = overfitting(1);
        Problem val = validation(1);
        TrainerConfig config = TrainerConfig.builder().maxEpochs(20_000).tolerance(0).monitorEvery(1)
                .earlyStopping(val, 20).build();
        try (BoundProblem bound = new ScalarBackend().bind(train)) {
            TrainingResult r = new Trainer(config).train(bound);
            assertEquals(StopReason.EARLY_STOPPED, r.stopReason(0));
            History h = r.history();
            double best = Double.POSITIVE_INFINITY;
            int bestIndex = -1;
            for (int i = 0; i < h.size(); i++) {
                if (h.validationLoss(i, 0) < best) {
                    best = h.validationLoss(i, 0);
                    bestIndex = i;
                }
            }
            assertEquals(h.size() - 1 - 20, bestIndex, "stopped exactly patience reads after the best");
            // A full-batch pass reads the loss before its update and the validation loss after it: the record of
            // epoch e holds the validation loss of the parameters after e + 1 epochs (the loss plot draws it there).
            for (int i = 0; i < h.size(); i++) {
                assertEquals(h.epoch(i) + 1, h.validationEpoch(i), "record " + i);
            }
            assertEquals(r.epochs(0) - 20, h.validationEpoch(bestIndex), "the epoch of the parameters kept");
            assertEquals(best, EarlyStopping.loss(val, r.parameters(), 0), 1e-12 * best, "best parameters restored");
            assertTrue(r.epochs(0) < 20_000);
        }
    }

    /**
     * Early stopping keeps the best validation read whatever ends the training. The epoch limit cut the same run
     * past its best read (with a patience too long to trigger): the last parameters had been kept, overfit. The
     * result must be the best read's, and name its epoch.
     */
    @Test
    void theEpochLimitKeepsTheBestReadToo() {
        Problem train = overfitting(1);
        Problem val = validation(1);
        TrainerConfig stopping = TrainerConfig.builder().maxEpochs(20_000).tolerance(0).monitorEvery(1)
                .earlyStopping(val, 20).build();
        int bestEpoch;
        TrainingResult early;
        try (BoundProblem bound = new ScalarBackend().bind(train)) {
            early = new Trainer(stopping).train(bound);
            bestEpoch = early.history().keptEpoch(0);
        }
        assertEquals(early.epochs(0) - 20, bestEpoch);
        int limit = bestEpoch + 10;  // past the best, before the patience runs out
        TrainerConfig limited = stopping.toBuilder().maxEpochs(limit).earlyStopping(val, 1_000).build();
        try (BoundProblem bound = new ScalarBackend().bind(train)) {
            TrainingResult r = new Trainer(limited).train(bound);
            assertEquals(StopReason.MAX_EPOCHS, r.stopReason(0));
            assertEquals(limit, r.epochs(0));
            assertEquals(bestEpoch, r.history().keptEpoch(0), "the best read's epoch, not the last");
            assertArrayEquals(early.parameters().theta(0), r.parameters().theta(0), "the same steps to the same best");
            assertEquals(early.parameters().bias(0), r.parameters().bias(0));
            assertEquals(r.finalLoss(0), early.finalLoss(0), "the loss reported is the kept parameters'");
        }
        TrainerConfig plain = limited.toBuilder().earlyStopping(null, 0).build();
        try (BoundProblem bound = new ScalarBackend().bind(train)) {
            TrainingResult r = new Trainer(plain).train(bound);
            assertEquals(-1, r.history().keptEpoch(0), "no early stopping: the last parameters");
            assertTrue(EarlyStopping.loss(val, r.parameters(), 0) > EarlyStopping.loss(val, early.parameters(), 0),
                    "the control: the last parameters are worse on the validation rows");
        }
    }

    /**
     * A model that converges is measured at its final parameters as well, which then count as a candidate: on a
     * problem that does not overfit the best read is the last, and the model converges where it would without
     * early stopping.
     */
    @Test
    void aConvergedModelKeepsItsFinalParametersWhenTheyAreTheBest() {
        DenseMatrix x = RandomProblems.features(400, 5, 7);
        Problem train = Problem.builder(x).model(RandomProblems.target(x, 7, 0.01), null, 0.1).build();
        DenseMatrix xv = RandomProblems.features(400, 5, 8);
        Problem val = Problem.builder(xv).model(RandomProblems.target(xv, 7, 0.01), null, 0.1).build();
        TrainerConfig config = TrainerConfig.builder().maxEpochs(100_000).tolerance(1e-6).monitorEvery(1)
                .earlyStopping(val, 100_000).build();
        try (BoundProblem a = new ScalarBackend().bind(train);
                BoundProblem b = new ScalarBackend().bind(train)) {
            TrainingResult r = new Trainer(config).train(a);
            TrainingResult without = new Trainer(config.toBuilder().earlyStopping(null, 0).build()).train(b);
            assertEquals(StopReason.CONVERGED, r.stopReason(0));
            assertEquals(r.epochs(0), r.history().keptEpoch(0), "the final parameters are the best read");
            assertArrayEquals(without.parameters().theta(0), r.parameters().theta(0));
        }
    }

    /**
     * A rate just above 2 / L climbs too slowly to reach the divergence factor within the epochs allowed; the run
     * is judged on its last parameters, as without early stopping, not on the early best read that early stopping
     * keeps (judged on that read, such a run with a long patience had passed).
     */
    @Test
    void aSlowClimbIsADivergenceWhateverEarlyStoppingKeeps() {
        Problem train = overfitting(2);
        double rate;
        try (BoundProblem bound = new ScalarBackend().bind(train)) {
            rate = 2.05 * new Trainer(TrainerConfig.builder().maxEpochs(1).build()).train(bound).learningRates()[0];
        }
        TrainerConfig plain = TrainerConfig.builder().learningRate(rate).maxEpochs(60).monitorEvery(1).build();
        TrainerConfig patient = plain.toBuilder().earlyStopping(validation(2), 1_000).build();
        for (TrainerConfig config : new TrainerConfig[] {plain, patient}) {
            try (BoundProblem bound = new ScalarBackend().bind(train)) {
                DivergenceException e = assertThrows(DivergenceException.class, () -> new Trainer(config).train(bound));
                assertTrue(e.getMessage().contains("training diverged at epoch 60"), e.getMessage());
            }
        }
    }

    /**
     * The start is no candidate for the weights kept: a mini-batch run reads it (epoch 0) but keeps a read after a
     * step, as a full-batch run (whose first read follows a step) does, though here every step makes the validation
     * loss worse (the validation target is the training one negated).
     */
    @Test
    void theUntrainedStartIsNeverTheWeightsKept() {
        DenseMatrix x = RandomProblems.features(200, 5, 9);
        float[] y = RandomProblems.target(x, 9, 0.1);
        float[] negated = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            negated[i] = -y[i];
        }
        Problem train = Problem.builder(x).model(y, null, 0.1).build();
        Problem val = Problem.builder(x).model(negated, null, 0.1).build();
        for (Solver solver : new Solver[] {Solver.SGD, Solver.GD}) {
            TrainerConfig config = TrainerConfig.builder().solver(solver).batchSize(16).maxEpochs(5).tolerance(0)
                    .monitorEvery(1).earlyStopping(val, 100).build();
            try (BoundProblem bound = new ScalarBackend().bind(train)) {
                TrainingResult r = new Trainer(config).train(bound);
                assertEquals(1, r.history().keptEpoch(0), solver + ": the first read after a step");
                assertTrue(Math.abs(r.parameters().theta(0, 0)) > 0, solver + ": not the untrained start");
            }
        }
    }

    /** Mini-batch epochs read the loss and the validation loss at the same parameters, after the epoch. */
    @Test
    void miniBatchValidationIsReadAtTheRecordsOwnEpoch() {
        TrainerConfig config = TrainerConfig.builder().solver(Solver.SGD).batchSize(8).learningRate(0.01)
                .maxEpochs(30).tolerance(0).earlyStopping(validation(2), 5).build();
        try (BoundProblem bound = new ScalarBackend().bind(overfitting(2))) {
            History h = new Trainer(config).train(bound).history();
            assertTrue(h.size() > 1);
            for (int i = 0; i < h.size(); i++) {
                assertEquals(h.epoch(i), h.validationEpoch(i), "record " + i);
            }
        }
    }

    /**
     * A rate too large for the problem (3 / L: each step overshoots along the steepest direction, its error
     * doubling) with a short patience: the validation loss
     * rises from the first read, early stopping ran out after three reads and kept the first step, above the start
     * on the training rows, and the run ended as "early stopped" where without a patience it diverges. It is a
     * divergence either way.
     */
    @Test
    void aRisingRunThatEarlyStoppingEndsIsStillADivergence() {
        Problem train = overfitting(2);
        Problem val = validation(2);
        double rate;
        try (BoundProblem bound = new ScalarBackend().bind(train)) {
            rate = 3.0 * new Trainer(TrainerConfig.builder().maxEpochs(1).build()).train(bound).learningRates()[0];
        }
        TrainerConfig config = TrainerConfig.builder().learningRate(rate).maxEpochs(1_000).monitorEvery(1)
                .earlyStopping(val, 3).build();
        try (BoundProblem bound = new ScalarBackend().bind(train)) {
            DivergenceException e = assertThrows(DivergenceException.class, () -> new Trainer(config).train(bound));
            assertTrue(e.getMessage().contains("training diverged"), e.getMessage());
        }
    }

    /**
     * Without early stopping, reading the loss every epoch changes nothing (the same parameters, bit for bit, as
     * reading it every 50), no validation loss is recorded, and training runs to its epoch limit; the same
     * configuration with a patience does stop early (the control that the setting is live).
     */
    @Test
    void withoutPatienceNothingChanges() {
        TrainerConfig everyEpoch = TrainerConfig.builder().maxEpochs(500).tolerance(0).monitorEvery(1).build();
        TrainerConfig rarely = everyEpoch.toBuilder().monitorEvery(50).build();
        TrainerConfig patient = everyEpoch.toBuilder().earlyStopping(validation(2), 5).build();
        try (BoundProblem a = new ScalarBackend().bind(overfitting(2));
                BoundProblem b = new ScalarBackend().bind(overfitting(2));
                BoundProblem c = new ScalarBackend().bind(overfitting(2))) {
            TrainingResult ra = new Trainer(everyEpoch).train(a);
            TrainingResult rb = new Trainer(rarely).train(b);
            TrainingResult rc = new Trainer(patient).train(c);
            assertEquals(StopReason.MAX_EPOCHS, ra.stopReason(0));
            assertEquals(500, ra.epochs(0));
            assertArrayEquals(ra.parameters().theta(0), rb.parameters().theta(0));
            assertEquals(ra.parameters().bias(0), rb.parameters().bias(0));
            for (int i = 0; i < ra.history().size(); i++) {
                assertTrue(Double.isNaN(ra.history().validationLoss(i, 0)), "read " + i);
            }
            assertEquals(StopReason.EARLY_STOPPED, rc.stopReason(0));
            assertTrue(rc.epochs(0) < 500, "epochs " + rc.epochs(0));
        }
    }

    @Test
    void patienceWithoutValidationIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.builder().earlyStopping(null, 5).build());
        assertEquals("early stopping (patience 5) needs validation rows", e.getMessage());
    }

    /**
     * The validation loss by hand: sum w r^2 / (2 sum w). x = 1, 2, 5; y = 1, 1, 0; weights 1, 3, 0; theta 2,
     * bias 0.5: residuals 1.5, 3.5 (and 10.5 on the row of weight 0, left out), so (2.25 + 3 * 12.25) / (2 * 4) = 4.875.
     */
    @Test
    void validationLossByHand() {
        Problem v = Problem.builder(DenseMatrix.of(new float[][] {{1}, {2}, {5}}))
                .model(new float[] {1, 1, 0}, new float[] {1, 3, 0}, 0.0).build();
        dev.ridgeline.engine.Parameters p = new dev.ridgeline.engine.Parameters(new double[][] {{2}}, new double[] {0.5});
        assertEquals(4.875, EarlyStopping.loss(v, p, 0), 1e-12);
    }
}
