package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.OneThreadAtATime;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.testing.HeldByAnotherThread;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A bound problem refuses a second thread while another is inside an update, naming that thread, on both Java
 * backends, and makes it wait while another is inside a read; one thread after another, and a thread re-entering
 * (steps calls step), are fine.
 */
class OneThreadAtATimeTest {
    @Test
    void theVectorProblemRefusesASecondThread() throws Exception {
        VectorBoundProblem b = (VectorBoundProblem) new VectorBackend(2).bind(RandomProblems.batch(300, 8, 2, 1));
        refusesWhileHeld(b, b.use, "the java-vector bound problem");
    }

    @Test
    void theScalarProblemRefusesASecondThread() throws Exception {
        ScalarBoundProblem b = (ScalarBoundProblem) new ScalarBackend().bind(RandomProblems.batch(300, 8, 2, 1));
        refusesWhileHeld(b, b.use, "the java-scalar bound problem");
    }

    private static void refusesWhileHeld(BoundProblem b, OneThreadAtATime use, String name) throws Exception {
        try (b) {
            double[] before = b.loss();
            try (HeldByAnotherThread held = HeldByAnotherThread.hold(use)) {
                for (Function<BoundProblem, Object> op : java.util.List.<Function<BoundProblem, Object>>of(
                        BoundProblem::loss, BoundProblem::lossAndGradient, BoundProblem::parameters,
                        BoundProblem::lastPass, p -> {
                            p.step(StepRule.plain(2, 0.01), null);
                            return null;
                        })) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> op.apply(b));
                    assertEquals(name + " is in use by thread '" + HeldByAnotherThread.THREAD + "': a bound problem is"
                            + " for one thread at a time; bind the problem once per thread to train in parallel",
                            e.getMessage());
                }
            }
            // Refused calls changed nothing; the problem serves this thread again, and steps re-enters step.
            assertArrayEquals(before, b.loss());
            b.steps(StepRule.plain(2, 0.01), 3);
            assertEquals(2, b.lastPass().loss().length);
        }
    }

    /**
     * Another thread inside a read (parameters, predict, ...): a step waits for it instead of failing, and so
     * does a read of a third thread; once the read ends both run, the step as on a problem nobody read. (While
     * an update waits, reads arriving after it are refused, so that a stream of reads cannot keep it out; that
     * order is a race to observe, and the polling test below covers its purpose.)
     */
    @Test
    void anUpdateWaitsForAnotherThreadsRead() throws Exception {
        for (boolean vector : new boolean[] {true, false}) {
            Problem problem = RandomProblems.batch(300, 8, 2, 1);
            try (BoundProblem b = vector ? new VectorBackend(2).bind(problem) : new ScalarBackend().bind(problem);
                 BoundProblem alone = vector ? new VectorBackend(2).bind(problem) : new ScalarBackend().bind(problem)) {
                OneThreadAtATime use = vector ? ((VectorBoundProblem) b).use : ((ScalarBoundProblem) b).use;
                alone.step(StepRule.plain(2, 0.01), null);
                CompletableFuture<Void> step;
                CompletableFuture<dev.ridgeline.engine.PassStats> read;
                try (HeldByAnotherThread held = HeldByAnotherThread.holdReading(use)) {
                    step = CompletableFuture.runAsync(() -> b.step(StepRule.plain(2, 0.01), null));
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (!use.updateWaiting() && !step.isDone() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    assertTrue(use.updateWaiting(), "the step did not wait: " + step);
                    read = CompletableFuture.supplyAsync(b::lastPass);
                    Thread.sleep(50);
                    assertFalse(step.isDone(), "the step ran while another thread was inside a read");
                }
                step.get(20, TimeUnit.SECONDS);
                try {
                    read.get(20, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    // Refused only by the step, if it claimed the problem first.
                    assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
                }
                assertArrayEquals(alone.parameters().theta(0), b.parameters().theta(0));
                assertArrayEquals(alone.lastPass().loss(), b.lastPass().loss());
            }
        }
    }

    /**
     * A thread polling the parameters while another trains: the training never fails, and ends with the bits
     * of a run nobody polled; the poller is refused at times (during steps) and served at others.
     */
    @Test
    void pollingDuringTrainingNeverStopsIt() throws Exception {
        Problem problem = RandomProblems.batch(2_000, 16, 2, 3);
        Trainer trainer = new Trainer(TrainerConfig.builder().maxEpochs(400).tolerance(0).learningRate(0.01).build());
        for (boolean vector : new boolean[] {true, false}) {
            Parameters quiet;
            try (BoundProblem alone = vector ? new VectorBackend(2).bind(problem) : new ScalarBackend().bind(problem)) {
                trainer.train(alone);
                quiet = alone.parameters();
            }
            try (BoundProblem b = vector ? new VectorBackend(2).bind(problem) : new ScalarBackend().bind(problem)) {
                AtomicBoolean done = new AtomicBoolean();
                AtomicInteger served = new AtomicInteger();
                AtomicInteger refused = new AtomicInteger();
                CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> {
                    while (!done.get()) {
                        try {
                            b.parameters();
                            b.lastPass();
                            served.incrementAndGet();
                        } catch (IllegalStateException e) {
                            refused.incrementAndGet();
                        }
                    }
                });
                TrainingResult result;
                try {
                    result = trainer.train(b);
                } finally {
                    done.set(true);
                    poller.get(20, TimeUnit.SECONDS);
                }
                assertArrayEquals(new int[] {400, 400}, result.epochs());
                assertTrue(served.get() > 0, "the poller was never served");
                for (int model = 0; model < 2; model++) {
                    assertArrayEquals(quiet.theta(model), b.parameters().theta(model), "model " + model);
                    assertEquals(quiet.bias(model), b.parameters().bias(model), "model " + model);
                }
            }
        }
    }
}
