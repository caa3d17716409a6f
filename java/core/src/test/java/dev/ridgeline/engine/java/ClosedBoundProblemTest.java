package dev.ridgeline.engine.java;

import static dev.ridgeline.testing.ClosedBoundProblems.assertEveryOperationRefused;

import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.Test;

/**
 * Every operation of a closed bound problem throws the same IllegalStateException on every Java backend:
 * java-vector on two threads used to fail inside its stopped thread pool, java-scalar and java-vector on
 * one thread to go on working. (CudaBackendGpuTest checks cuda with the same helper.)
 */
class ClosedBoundProblemTest {
    /** Rows enough for several blocks, so that two threads both take part in a pass. */
    private static final Problem PROBLEM = RandomProblems.batch(20_000, 8, 2, 3);

    @Test
    void scalar() {
        assertEveryOperationRefused(new ScalarBackend(), PROBLEM);
    }

    @Test
    void vectorOnOneThread() {
        assertEveryOperationRefused(new VectorBackend(1), PROBLEM);
    }

    @Test
    void vectorOnTwoThreads() {
        assertEveryOperationRefused(new VectorBackend(2), PROBLEM);
    }

    @Test
    void vectorOnTwoThreadsWithoutPanels() {
        assertEveryOperationRefused(new VectorBackend(2, false), PROBLEM);
    }
}
