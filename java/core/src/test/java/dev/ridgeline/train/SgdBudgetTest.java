package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.ForwardingBoundProblem;
import dev.ridgeline.testing.RandomProblems;
import java.time.Duration;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SGD looks at the budget after every mini-batch, not only at its loss reads: an epoch of small batches over
 * many rows takes seconds, and a read every few epochs would let an interrupt or a limit wait that long.
 * Here an epoch is 20 batches of 50 rows and the loss is read every 5 epochs (100 batches).
 */
class SgdBudgetTest {
    private static final int ROWS = 1_000;
    private static final int BATCH = 50;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static TrainerConfig.Builder sgd() {
        return TrainerConfig.builder().solver(Solver.SGD).batchSize(BATCH).learningRate(0.01).tolerance(0)
                .maxEpochs(100).monitorEvery(5);
    }

    @Test
    void anInterruptInTheMiddleOfAnEpochEndsItAfterTheBatchUnderWay() {
        Problem p = RandomProblems.batch(ROWS, 4, 2, 3);
        try (CountingSteps bound = new CountingSteps(new ScalarBackend().bind(p), step -> {
            if (step == 7) {
                Thread.currentThread().interrupt();
            }
        })) {
            TrainingResult r = new Trainer(sgd().build()).train(bound);
            assertTrue(Thread.interrupted(), "the interrupt status is left for the caller");
            assertEquals(7, bound.steps, "no batch after the interrupted one (an epoch is 20)");
            for (int k = 0; k < 2; k++) {
                assertEquals(StopReason.INTERRUPTED, r.stopReason(k));
                assertEquals(1, r.epochs(k), "the cut epoch counts as run");
            }
            assertEquals(1, r.history().epoch(r.history().size() - 1), "its loss was read");
        }
    }

    /**
     * Every batch sleeps 2 ms, so 20 ms have passed by the 10th: the limit stops the run within the first
     * epoch, where a look at each loss read (every 5 epochs) would have let it run 100 batches.
     */
    @Test
    void aTimeLimitEndsAnEpochWithinIt() {
        Problem p = RandomProblems.batch(ROWS, 4, 1, 4);
        try (CountingSteps bound = new CountingSteps(new ScalarBackend().bind(p), step -> sleep(2))) {
            TrainingResult r = new Trainer(sgd().timeLimit(Duration.ofMillis(20)).build()).train(bound);
            assertTrue(bound.steps <= 10, bound.steps + " batches ran");
            assertEquals(StopReason.TIME_LIMIT, r.stopReason(0));
            assertEquals(1, r.epochs(0));
            assertFalse(Thread.currentThread().isInterrupted());
        }
    }

    /** With the budget never spent the run is the one it always was: every epoch whole, to the epoch limit. */
    @Test
    void anUnspentBudgetRunsEveryBatchOfEveryEpoch() {
        Problem p = RandomProblems.batch(ROWS, 4, 1, 5);
        try (CountingSteps bound = new CountingSteps(new ScalarBackend().bind(p), step -> { })) {
            TrainingResult r = new Trainer(sgd().maxEpochs(10).timeLimit(Duration.ofHours(1)).build()).train(bound);
            assertEquals(10 * ROWS / BATCH, bound.steps);
            assertEquals(StopReason.MAX_EPOCHS, r.stopReason(0));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Delegates everything; counts the mini-batch steps and calls {@code afterStep} with each count. */
    private static final class CountingSteps extends ForwardingBoundProblem {
        private final IntConsumer afterStep;
        int steps;

        CountingSteps(BoundProblem inner, IntConsumer afterStep) {
            super(inner);
            this.afterStep = afterStep;
        }

        @Override
        public void step(StepRule rule, RowBatch batch) {
            inner.step(rule, batch);
            if (batch != null) {
                afterStep.accept(++steps);
            }
        }
    }
}
