package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ridgeline.engine.BackendProvider.Availability;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.testing.HeldByAnotherThread;
import dev.ridgeline.testing.RandomProblems;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bound problems on several threads, each problem on one thread: they share the device's primary context,
 * so one's work must not trip another's. Skips without a GPU (the driver stand-in runs it: native/standin-check.sh,
 * which holds each capture open for a while so that the other thread's calls fall inside it).
 */
@org.junit.jupiter.api.Timeout(300)
class CudaThreadsGpuTest {
    @BeforeEach
    void requireGpu() {
        Availability a = new CudaBackendProvider().availability();
        assumeTrue(a.available(), "CUDA unavailable: " + a.reason());
    }

    /**
     * While one thread captures a problem's epoch graph, another reads its own problem back. The reads went
     * through the legacy default stream, which may not be used while a blocking stream of the context captures
     * (CUDA_ERROR_STREAM_CAPTURE_IMPLICIT, and the capture is invalidated).
     */
    @Test
    void aProblemReadsBackWhileAnotherCapturesItsGraph() throws Exception {
        Problem readProblem = RandomProblems.batch(300, 9, 2, 4);
        Problem captureProblem = RandomProblems.batch(200, 8, 2, 3);
        StepRule rule = new StepRule(new double[] {0.05, 0.05}, 0.5, false);
        Parameters expected;
        try (BoundProblem alone = new CudaBackend().bind(readProblem)) {
            alone.steps(rule, 3);
            expected = alone.parameters();
        }
        AtomicBoolean capturesDone = new AtomicBoolean();
        AtomicReference<Throwable> readFailure = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BoundProblem p = new CudaBackend().bind(readProblem)) {
                p.steps(rule, 3);
                while (!capturesDone.get()) {
                    Parameters got = p.parameters();
                    p.lastPass();
                    for (int model = 0; model < 2; model++) {
                        assertArrayEquals(expected.theta(model), got.theta(model), "model " + model);
                        assertEquals(expected.bias(model), got.bias(model), "bias " + model);
                    }
                    reads.incrementAndGet();
                    reading.countDown();
                }
            } catch (Throwable t) {
                readFailure.set(t);
            } finally {
                reading.countDown();
            }
        }, "reader");
        reader.start();
        reading.await();
        String[] paths = new String[3];
        try {
            for (int i = 0; i < paths.length; i++) {
                try (CudaBoundProblem p = (CudaBoundProblem) new CudaBackend().bind(captureProblem)) {
                    p.steps(rule, CudaBoundProblem.GRAPH_EPOCHS);
                    p.parameters();
                    paths[i] = p.path();
                }
            }
        } finally {
            capturesDone.set(true);
            reader.join();
        }
        assertNull(readFailure.get(), () -> "the reading thread failed: " + readFailure.get());
        assertTrue(reads.get() > 0, "no read ran");
        for (String path : paths) {
            assertTrue(path.endsWith("CUDA graphs of " + CudaBoundProblem.GRAPH_EPOCHS + " epochs"),
                    "a capture failed: " + Arrays.toString(paths));
        }
    }

    /**
     * A problem refuses another thread's update while one is inside an update, close() included: the second
     * thread's launches would interleave on its stream, and a close would free buffers under the first one's
     * queued kernels (a fault that condemns the context every problem of the JVM shares). Its reads wait for
     * their turn and are served after it.
     */
    @Test
    void anUpdateOfASecondThreadIsRefusedWhileOneIsInside() throws Exception {
        try (CudaBoundProblem p = (CudaBoundProblem) new CudaBackend().bind(RandomProblems.batch(100, 5, 2, 6))) {
            StepRule rule = new StepRule(new double[] {0.05, 0.05}, 0.0, false);
            double[] before = p.loss();
            java.util.concurrent.CompletableFuture<double[]> read;
            try (HeldByAnotherThread held = HeldByAnotherThread.hold(p.use)) {
                List<Executable> updates = List.of(() -> p.steps(rule, 1), () -> p.step(rule, null),
                        () -> p.setParameters(Parameters.zeros(2, 5)), p::close);
                for (Executable op : updates) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, op);
                    assertEquals("the cuda bound problem is in use by thread '" + HeldByAnotherThread.THREAD
                            + "': a bound problem is for one thread at a time; bind the problem once per thread to train"
                            + " in parallel", e.getMessage());
                }
                // A thread of its own: the common pool may have one worker, held by another test's task.
                read = new java.util.concurrent.CompletableFuture<>();
                java.util.concurrent.CompletableFuture<double[]> result = read;
                Thread reader = new Thread(() -> {
                    try {
                        result.complete(p.loss());
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                });
                reader.setDaemon(true);
                reader.start();
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (p.use.waiting() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertTrue(p.use.waiting() > 0, "the read did not wait");
            }
            assertArrayEquals(before, read.get(20, java.util.concurrent.TimeUnit.SECONDS));
            p.steps(rule, 1);
            assertEquals(2, p.parameters().models());
        }
    }
}
