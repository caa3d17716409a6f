package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.RandomProblems;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An interrupted exact solve stops with CancellationException and leaves the interrupt status set. */
class ExactSolverInterruptTest {
    @Test
    void anInterruptedThreadGetsCancellationAndKeepsItsStatus() {
        DenseMatrix x = RandomProblems.features(2000, 30, 3);
        Problem problem = Problem.builder(x).model(RandomProblems.target(x, 4, 0.1), null, 1).build();
        Thread.currentThread().interrupt();
        try {
            CancellationException e = assertThrows(CancellationException.class, () -> ExactSolver.solve(problem));
            assertEquals("the exact solve was interrupted", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status must stay set");
        } finally {
            Thread.interrupted();
        }
        assertEquals(30, ExactSolver.solve(problem).theta(0).length); // a later solve on the same thread runs
    }

    /** A service's usual way to stop a task: Future.cancel(true) while the Gram matrix is being built. */
    @Test
    void futureCancelStopsALongSolve() throws Exception {
        DenseMatrix x = RandomProblems.features(100_000, 300, 5); // 4.5e9 multiply-adds: about a second
        Problem problem = Problem.builder(x).model(RandomProblems.target(x, 6, 0.1), null, 1).build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            Future<Throwable> solve = pool.submit(() -> {
                started.countDown();
                try {
                    ExactSolver.solve(problem);
                    return null;
                } catch (CancellationException e) {
                    return e;
                }
            });
            started.await();
            Thread.sleep(50);
            pool.shutdownNow(); // interrupts the worker
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "the solve did not stop after an interrupt");
            assertTrue(solve.get() instanceof CancellationException, String.valueOf(solve.get()));
        } finally {
            pool.shutdownNow();
        }
    }
}
