package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.testing.RandomProblems;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A bound problem's worker threads end at close(), and also when it is dropped without it. */
class VectorWorkerThreadsTest {
    private static final String NAME = "ridgeline-vector-worker";

    private static Set<Thread> workers() {
        Set<Thread> found = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (NAME.equals(t.getName()) && t.isAlive()) {
                found.add(t);
            }
        }
        return found;
    }

    /** Binds a problem on three threads, runs one epoch (which starts the two helpers) and returns them. */
    private static Set<Thread> startedBy(BoundProblem bound) {
        Set<Thread> before = workers();
        bound.step(StepRule.plain(1, 0.01), null);
        Set<Thread> started = workers();
        started.removeAll(before);
        return started;
    }

    private static boolean allEnd(Set<Thread> threads, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void closeEndsTheWorkers() throws InterruptedException {
        BoundProblem bound = new VectorBackend(3).bind(RandomProblems.batch(5_000, 16, 1, 1));
        Set<Thread> started = startedBy(bound);
        assertEquals(2, started.size(), "three threads: the caller and two helpers");
        bound.close();
        assertTrue(allEnd(started, 10_000), "helpers still running after close()");
        bound.close(); // a second close is harmless
    }

    @Test
    void aProblemOfOneRowBlockStartsNoWorker() {
        // 200 x 5 is one row block: its passes run on the calling thread, and so does its panel copy, which had
        // started both helpers for 4 KB of X (a small fit of a service paid thread start-up three times over).
        try (BoundProblem bound = new VectorBackend(3).bind(RandomProblems.batch(200, 5, 1, 1));
                BoundProblem alone = new VectorBackend(1).bind(RandomProblems.batch(200, 5, 1, 1))) {
            assertTrue(startedBy(bound).isEmpty(), "helpers started for a problem of one row block");
            assertTrue(((VectorBoundProblem) bound).usesPanels(), "the panel copy is still made");
            alone.step(StepRule.plain(1, 0.01), null);
            assertEquals(alone.parameters().theta(0, 0), bound.parameters().theta(0, 0));
            assertEquals(alone.parameters().bias(0), bound.parameters().bias(0));
        }
    }

    @Test
    void aDroppedProblemsWorkersEndOnceItIsCollected() throws InterruptedException {
        Set<Thread> started = startedBy(new VectorBackend(3).bind(RandomProblems.batch(5_000, 16, 1, 1)));
        assertFalse(started.isEmpty());
        // Nothing refers to the bound problem any more; its Cleaner stops the pool once it is collected.
        long deadline = System.nanoTime() + 20_000_000_000L;
        boolean ended = false;
        while (!ended && System.nanoTime() < deadline) {
            System.gc();
            ended = allEnd(started, 100);
        }
        assertTrue(ended, "helpers of an unreachable bound problem still running after 20 s of collections");
    }
}
