package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.OneThreadAtATime;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.PassStats;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.testing.HeldByAnotherThread;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Threads take turns on a bound problem, on both Java backends: an update that finds another thread inside an
 * update is refused, naming it; every other call waits for its turn, in the order the calls came. A thread
 * re-entering (steps calls step) is fine. Each test has a time limit: a broken turn hangs rather than fails.
 */
@Timeout(120)
class OneThreadAtATimeTest {
    /**
     * A thread per task: the common pool that CompletableFuture uses by default has one worker on two cores
     * (JDK 25 uses it there too), and a task waiting for its turn held it from the next.
     */
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "test-caller");
        t.setDaemon(true);  // a test that fails leaves no waiting thread to keep the JVM alive
        return t;
    });

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private static BoundProblem bind(boolean vector, Problem problem) {
        return vector ? new VectorBackend(2).bind(problem) : new ScalarBackend().bind(problem);
    }

    private static OneThreadAtATime use(BoundProblem b) {
        return b instanceof VectorBoundProblem v ? v.use : ((ScalarBoundProblem) b).use;
    }

    /** Runs until the thread of {@code use} has a waiting call, for at most 20 s: true when one waits. */
    private static boolean awaitWaiting(OneThreadAtATime use) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (use.waiting() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return use.waiting() > 0;
    }

    /**
     * Another thread inside an update: this thread's updates are refused with the documented message and
     * change nothing; its reads wait, and are served once the update ends.
     */
    @Test
    void anUpdateIsRefusedWhileAnotherThreadUpdatesAndAReadWaits() throws Exception {
        for (boolean vector : new boolean[] {true, false}) {
            try (BoundProblem b = bind(vector, RandomProblems.batch(300, 8, 2, 1))) {
                String name = vector ? "the java-vector bound problem" : "the java-scalar bound problem";
                double[] before = b.loss();
                CompletableFuture<double[]> read;
                try (HeldByAnotherThread held = HeldByAnotherThread.hold(use(b))) {
                    for (Function<BoundProblem, Object> update : List.<Function<BoundProblem, Object>>of(p -> {
                        p.step(StepRule.plain(2, 0.01), null);
                        return null;
                    }, p -> {
                        p.steps(StepRule.plain(2, 0.01), 2);
                        return null;
                    }, p -> {
                        p.setParameters(Parameters.zeros(2, 8));
                        return null;
                    }, p -> ((dev.ridgeline.engine.ClippedGradientStep) p).clippedGradientSum(
                            new dev.ridgeline.engine.RowBatch(new int[] {0, 1, 2}, 0, 3), 1.0))) {
                        IllegalStateException e = assertThrows(IllegalStateException.class, () -> update.apply(b));
                        assertEquals(name + " is in use by thread '" + HeldByAnotherThread.THREAD + "': a bound problem"
                                + " is for one thread at a time; bind the problem once per thread to train in parallel",
                                e.getMessage());
                    }
                    read = CompletableFuture.supplyAsync(b::loss, threads);
                    assertTrue(awaitWaiting(use(b)), "the read did not wait");
                    assertFalse(read.isDone(), "a read ran while another thread was inside an update");
                }
                // Refused calls changed nothing; the waiting read and this thread are served.
                assertArrayEquals(before, read.get(20, TimeUnit.SECONDS));
                assertArrayEquals(before, b.loss());
                b.steps(StepRule.plain(2, 0.01), 3);
                assertEquals(2, b.lastPass().loss().length);
            }
        }
    }

    /**
     * Another thread inside a read: a step waits for it instead of failing, and a read that comes after the step
     * waits behind it, so it sees the stepped problem: the order the calls came, whatever the scheduling.
     */
    @Test
    void callsWaitingForAReadGoInTheOrderTheyCame() throws Exception {
        for (boolean vector : new boolean[] {true, false}) {
            Problem problem = RandomProblems.batch(300, 8, 2, 1);
            try (BoundProblem b = bind(vector, problem); BoundProblem alone = bind(vector, problem)) {
                alone.step(StepRule.plain(2, 0.01), null);
                CompletableFuture<Void> step;
                CompletableFuture<PassStats> read;
                try (HeldByAnotherThread held = HeldByAnotherThread.holdReading(use(b))) {
                    step = CompletableFuture.runAsync(() -> b.step(StepRule.plain(2, 0.01), null), threads);
                    assertTrue(awaitWaiting(use(b)), "the step did not wait");
                    read = CompletableFuture.supplyAsync(b::lastPass, threads);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (use(b).waiting() < 2 && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    assertEquals(2, use(b).waiting(), "the read did not queue behind the step");
                    assertFalse(step.isDone(), "the step ran while another thread was inside a read");
                    assertFalse(read.isDone(), "a read went in before the step that came first");
                }
                step.get(20, TimeUnit.SECONDS);
                assertArrayEquals(alone.lastPass().loss(), read.get(20, TimeUnit.SECONDS).loss());
                assertArrayEquals(alone.parameters().theta(0), b.parameters().theta(0));
            }
        }
    }

    /**
     * A thread that leaves and comes straight back, as a training thread does between two steps, goes in after a
     * thread that was already waiting: the turn is fair. (With a lock that lets the comer barge in, a poller was
     * kept out of a whole training run: served 0 times, refused 56,225.)
     */
    @Test
    void aThreadComingBackWaitsBehindOneThatWaited() throws Exception {
        OneThreadAtATime use = new OneThreadAtATime("the problem");
        AtomicInteger reads = new AtomicInteger();
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch leave = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Integer> seenOnReturn = CompletableFuture.supplyAsync(() -> {
            use.enter();
            inside.countDown();
            try {
                leave.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                use.leave();
            }
            // Straight back in, as the next step would.
            return use.call(reads::get);
        }, threads);
        inside.await();
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> use.read(reads::incrementAndGet), threads);
        assertTrue(awaitWaiting(use), "the read did not wait");
        leave.countDown();
        assertEquals(1, read.get(20, TimeUnit.SECONDS));
        assertEquals(1, seenOnReturn.get(20, TimeUnit.SECONDS), "the thread that came back went in first");
    }

    /**
     * A thread polling the parameters while another trains: the training never fails and ends with the bits of
     * a run nobody polled, and the poller is served while it runs. Halfway, the training thread also waits in its
     * progress listener until the poller has been served once more, so that the polling overlaps the training
     * however the threads are scheduled.
     */
    @Test
    void pollingDuringTrainingIsServedAndNeverStopsIt() throws Exception {
        Problem problem = RandomProblems.batch(2_000, 16, 2, 3);
        TrainerConfig.Builder settings = TrainerConfig.builder().maxEpochs(400).tolerance(0).learningRate(0.01)
                .monitorEvery(10);
        for (boolean vector : new boolean[] {true, false}) {
            Parameters quiet;
            try (BoundProblem alone = bind(vector, problem)) {
                new Trainer(settings.build()).train(alone);
                quiet = alone.parameters();
            }
            try (BoundProblem b = bind(vector, problem)) {
                AtomicBoolean done = new AtomicBoolean();
                AtomicInteger served = new AtomicInteger();
                AtomicBoolean overlapped = new AtomicBoolean();
                Trainer trainer = new Trainer(settings.build().toBuilder().listener((epoch, max, loss) -> {
                    if (epoch >= 200 && !overlapped.get()) {
                        overlapped.set(awaitOneMore(served));
                    }
                }).build());
                CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> {
                    while (!done.get()) {
                        b.parameters();
                        b.lastPass();
                        served.incrementAndGet();
                    }
                }, threads);
                TrainingResult result;
                try {
                    result = trainer.train(b);
                } finally {
                    done.set(true);
                }
                poller.get(20, TimeUnit.SECONDS);
                assertArrayEquals(new int[] {400, 400}, result.epochs());
                assertTrue(overlapped.get(), "the poller was not served during the training");
                for (int model = 0; model < 2; model++) {
                    assertArrayEquals(quiet.theta(model), b.parameters().theta(model), "model " + model);
                    assertEquals(quiet.bias(model), b.parameters().bias(model), "model " + model);
                }
            }
        }
    }

    /**
     * A thread that holds the bound problem's monitor while it waits for its turn does not stop the pass it waits
     * for: java-vector's workers took that monitor to allocate their partial sums (a deadlock, once reads waited).
     */
    @Test
    void waitingWhileHoldingTheProblemsMonitorDoesNotStopThePass() throws Exception {
        try (BoundProblem b = new VectorBackend(2).bind(RandomProblems.batch(20_000, 16, 2, 5))) {
            CompletableFuture<Void> training;
            synchronized (b) {
                // The steps cannot end while this thread holds the monitor if their workers need it.
                training = CompletableFuture.runAsync(() -> b.steps(StepRule.plain(2, 0.01), 50), threads);
                while (!use(b).isBusy() && !training.isDone()) {
                    Thread.onSpinWait();
                }
                assertEquals(2, b.parameters().models());
            }
            training.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * An interrupted thread waits for its turn and is served, its interrupt status kept: the trainer reads with
     * the status set and then stops with the parameters so far (TrainingBudgetTest), which a read that threw on
     * an interrupt had broken.
     */
    @Test
    void anInterruptedThreadIsServedAndKeepsItsStatus() throws Exception {
        OneThreadAtATime use = new OneThreadAtATime("the problem");
        CompletableFuture<String> reader;
        try (HeldByAnotherThread held = HeldByAnotherThread.hold(use)) {
            reader = CompletableFuture.supplyAsync(() -> {
                Thread.currentThread().interrupt();
                String got = use.read(() -> "served");
                return got + ", interrupted " + Thread.interrupted();
            }, threads);
            assertTrue(awaitWaiting(use), "the read did not wait");
            assertFalse(reader.isDone(), "the read went in while another thread was inside an update");
        }
        assertEquals("served, interrupted true", reader.get(20, TimeUnit.SECONDS));
    }

    /** Leaving what this thread did not enter is refused and changes nothing: the next update is still refused. */
    @Test
    void leavingWithoutEnteringIsRefused() throws Exception {
        OneThreadAtATime use = new OneThreadAtATime("the problem");
        assertThrows(IllegalMonitorStateException.class, use::leave);
        assertThrows(IllegalMonitorStateException.class, use::leaveReading);
        use.enterReading();
        assertThrows(IllegalMonitorStateException.class, use::leave, "a read left as an update");
        use.leaveReading();
        use.enter();
        assertThrows(IllegalMonitorStateException.class, use::leaveReading, "an update left as a read");
        use.enterReading();
        use.leaveReading();
        use.leave();
        assertFalse(use.isBusy(), "nested read and update left in turn");
        try (HeldByAnotherThread held = HeldByAnotherThread.hold(use)) {
            assertThrows(IllegalMonitorStateException.class, use::leave);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> use.run(() -> { }));
            assertTrue(e.getMessage().contains("'" + HeldByAnotherThread.THREAD + "'"), e.getMessage());
        }
        use.run(() -> { });
    }

    /** Waits up to 20 s for {@code count} to grow: true when it did. */
    private static boolean awaitOneMore(AtomicInteger count) {
        int before = count.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (count.get() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return count.get() != before;
    }
}
