package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.java.VectorBackend;
import dev.ridgeline.testing.RandomProblems;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stopping a run from outside: an interrupted training thread, and a time limit. */
class TrainingBudgetTest {
    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static TrainingResult train(Backend backend, Problem p, TrainerConfig c) {
        try (BoundProblem bound = backend.bind(p)) {
            return new Trainer(c).train(bound);
        }
    }

    /**
     * Interrupted after the 7th epoch's loss read, on three worker threads: every model stops with
     * INTERRUPTED at epoch 7, the status stays set, and the parameters are bit for bit those of a run of
     * exactly 7 epochs (the passes after the interrupt, including the final loss read, ran to completion
     * on every worker).
     */
    @Test
    void anInterruptStopsFullBatchTrainingWithTheParametersSoFar() {
        Problem p = RandomProblems.batch(20_000, 16, 3, 7);
        TrainerConfig.Builder b = TrainerConfig.builder().learningRate(0.05).tolerance(0).monitorEvery(1);
        TrainingResult cut = train(new VectorBackend(3), p, b.maxEpochs(1_000).listener((epoch, max, loss) -> {
            if (epoch == 7) {
                Thread.currentThread().interrupt();
            }
        }).build());
        assertTrue(Thread.interrupted(), "the interrupt status is left for the caller");
        TrainingResult seven = train(new VectorBackend(3), p, b.maxEpochs(7).listener(TrainingListener.NONE).build());
        for (int k = 0; k < 3; k++) {
            assertEquals(StopReason.INTERRUPTED, cut.stopReason(k));
            assertEquals(7, cut.epochs(k));
            assertArrayEquals(seven.parameters().theta(k), cut.parameters().theta(k));
            assertEquals(seven.parameters().bias(k), cut.parameters().bias(k));
        }
    }

    @Test
    void anInterruptStopsSgdAtTheNextLossRead() {
        Problem p = RandomProblems.batch(500, 4, 1, 3);
        TrainingResult r = train(new ScalarBackend(), p, TrainerConfig.builder().solver(Solver.SGD).batchSize(50)
                .learningRate(0.01).tolerance(0).maxEpochs(100).listener((epoch, max, loss) -> {
                    if (epoch == 3) {
                        Thread.currentThread().interrupt();
                    }
                }).build());
        assertTrue(Thread.interrupted());
        assertEquals(StopReason.INTERRUPTED, r.stopReason(0));
        assertEquals(3, r.epochs(0));
    }

    /**
     * A rate of 2.1 / L makes the loss climb about 1.2x a read along the steepest direction. The listener sleeps
     * past a 1 s limit at the 40th read, far below the divergence factor (1e6 x the start, about the 70th read)
     * but above the starting loss: the run ends as diverged (an exception, or DIVERGED for a batch that goes on),
     * not as an unfinished fit. It had ended TIME_LIMIT with the climbed model, where a longer limit failed it.
     */
    @Test
    void aTimeLimitThatCutsAClimbShortEndsItAsDiverged() {
        Problem p = RandomProblems.batch(300, 5, 1, 5);
        double lipschitz;
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            lipschitz = LipschitzEstimator.estimate(bound, 1)[0];
        }
        TrainerConfig.Builder b = TrainerConfig.builder().learningRate(2.1 / lipschitz).tolerance(0)
                .maxEpochs(100_000).monitorEvery(1).timeLimit(Duration.ofSeconds(1))
                .listener((epoch, max, loss) -> {
                    if (epoch == 40) {
                        sleep(1_100);
                    }
                });
        DivergenceException e = assertThrows(DivergenceException.class, () -> train(new ScalarBackend(), p, b.build()));
        assertTrue(e.getMessage().startsWith("training diverged at epoch 40:"), e.getMessage());
        TrainingResult kept = train(new ScalarBackend(), p, b.continueOnDivergence(true).build());
        assertEquals(StopReason.DIVERGED, kept.stopReason(0));
        assertEquals(40, kept.epochs(0));
    }

    /**
     * Heavy-ball steps at a stable rate (beta 0.99, the automatic 1/L) can rise above the starting loss for a few
     * epochs before they converge: a run stopped there, by its epochs or a time limit, is no divergence. Two
     * features of correlation 1/3, y = x1 - x2: the loss after 4 epochs is 1.07x the start (and falls to 0.001x
     * two epochs later), and the run had failed as diverged.
     */
    @Test
    void aMomentumTransientAboveTheStartIsNoDivergence() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        int m = 4_000;
        dev.ridgeline.data.DenseMatrix x = dev.ridgeline.data.DenseMatrix.zeros(m, 2);
        float[] y = new float[m];
        for (int i = 0; i < m; i++) {
            double a = rng.nextGaussian();
            double c = rng.nextGaussian();
            float x1 = (float) a;
            float x2 = (float) (a / 3 + c * Math.sqrt(8.0 / 9));
            x.set(i, 0, x1);
            x.set(i, 1, x2);
            y[i] = x1 - x2;
        }
        Problem p = Problem.builder(x).model(y, null, 0).build();
        TrainerConfig.Builder b = TrainerConfig.builder().momentum(0.99).tolerance(0).monitorEvery(1);
        TrainingResult four = train(new ScalarBackend(), p, b.maxEpochs(4).build());
        assertEquals(StopReason.MAX_EPOCHS, four.stopReason(0));
        double start = four.history().curve(0)[0][1];
        assertTrue(four.finalLoss(0) > start, "the scenario: above the start at epoch 4, " + four.finalLoss(0)
                + " against " + start);
        TrainingResult cut = train(new ScalarBackend(), p, b.maxEpochs(100_000).timeLimit(Duration.ofSeconds(1))
                .listener((epoch, max, loss) -> {
                    if (epoch == 4) {
                        sleep(1_100);
                    }
                }).build());
        assertEquals(StopReason.TIME_LIMIT, cut.stopReason(0));
    }

    /** A limit already spent at the first loss read stops every model there; a generous one changes nothing. */
    @Test
    void aTimeLimitStopsEveryModelStillTraining() {
        Problem p = RandomProblems.batch(300, 5, 2, 5);
        TrainerConfig.Builder b = TrainerConfig.builder().learningRate(0.05).monitorEvery(1);
        TrainingResult spent = train(new ScalarBackend(), p, b.timeLimit(Duration.ofMillis(1))
                .listener((epoch, max, loss) -> sleep(5)).build());
        for (int k = 0; k < 2; k++) {
            assertEquals(StopReason.TIME_LIMIT, spent.stopReason(k));
            assertEquals(1, spent.epochs(k));
        }
        assertFalse(Thread.currentThread().isInterrupted());
        TrainingResult generous = train(new ScalarBackend(), p, b.timeLimit(Duration.ofHours(1))
                .listener(TrainingListener.NONE).build());
        TrainingResult unlimited = train(new ScalarBackend(), p, b.timeLimit(null).build());
        assertEquals(StopReason.CONVERGED, generous.stopReason(0));
        assertEquals(unlimited.epochs(0), generous.epochs(0));
        assertArrayEquals(unlimited.parameters().theta(1), generous.parameters().theta(1));
    }

    /**
     * The automatic learning rate takes up to 100 passes over X before the first epoch; an interrupt that is
     * pending (or a limit spent) by then stops every model with no epoch run, instead of one epoch after it.
     */
    @Test
    void aBudgetSpentInTheLearningRateEstimateRunsNoEpoch() {
        Problem p = RandomProblems.batch(2_000, 8, 2, 4);
        Thread.currentThread().interrupt();
        TrainingResult r = train(new VectorBackend(2), p, TrainerConfig.builder().tolerance(0).build());
        assertTrue(Thread.interrupted(), "the interrupt status is left for the caller");
        for (int k = 0; k < 2; k++) {
            assertEquals(StopReason.INTERRUPTED, r.stopReason(k));
            assertEquals(0, r.epochs(k));
        }
        TrainingResult late = train(new ScalarBackend(), p, TrainerConfig.builder().tolerance(0)
                .timeLimit(Duration.ofNanos(1)).build());
        assertEquals(StopReason.TIME_LIMIT, late.stopReason(0));
        assertEquals(0, late.epochs(0));
    }

    /**
     * RidgeFitter starts the clock when its fit starts: a limit the preprocessing has spent stops every model
     * before its first epoch (at the automatic rate's estimate, which looks at the budget first). With a rate
     * given, the first look is the first loss read, after one epoch, as for any limit.
     */
    @Test
    void aLimitSpentBeforeTrainingStartsRunsNoEpoch() {
        Problem p = RandomProblems.batch(500, 4, 1, 6);
        TrainerConfig config = TrainerConfig.builder().tolerance(0).timeLimit(Duration.ofMillis(200)).build();
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            TrainingResult spent = new Trainer(config).train(bound, null, System.nanoTime() - 1_000_000_000L);
            assertEquals(StopReason.TIME_LIMIT, spent.stopReason(0));
            assertEquals(0, spent.epochs(0));
        }
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            TrainingResult fresh = new Trainer(config).train(bound, null, System.nanoTime());
            assertTrue(fresh.epochs(0) > 0, "a fresh budget runs epochs");
        }
    }

    @Test
    void aTimeLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().timeLimit(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.builder().timeLimit(Duration.ofSeconds(-1)).build());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A service's "no limit" (ChronoUnit.FOREVER, Long.MAX_VALUE seconds) trains as without a limit: it had
     * overflowed the deadline and thrown ArithmeticException from train().
     */
    @Test
    void aLimitOfForeverIsNoLimit() {
        Problem p = RandomProblems.batch(200, 4, 1, 5);
        TrainerConfig.Builder b = TrainerConfig.builder().learningRate(0.05).maxEpochs(30).tolerance(0);
        TrainingResult none = train(new ScalarBackend(), p, b.build());
        for (Duration forever : new Duration[] {java.time.temporal.ChronoUnit.FOREVER.getDuration(),
            Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(365_000), Trainer.NO_LIMIT}) {
            TrainingResult r = train(new ScalarBackend(), p, b.timeLimit(forever).build());
            assertEquals(StopReason.MAX_EPOCHS, r.stopReason(0), forever.toString());
            assertArrayEquals(none.parameters().theta(0), r.parameters().theta(0));
        }
    }
}
