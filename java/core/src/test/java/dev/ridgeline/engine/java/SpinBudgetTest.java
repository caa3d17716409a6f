package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * Helpers spin only while the threads of every open spinning executor fit the processors. The counts are
 * taken relative to what is open when the test starts (an earlier test's problem may still await collection).
 */
class SpinBudgetTest {
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    @Test
    void anExecutorCountsItsThreadsUntilItsFirstClose() {
        assumeTrue(PROCESSORS >= 2, "an executor spins with 2 to " + PROCESSORS + " threads");
        int before = SpinBudget.openThreads();
        BlockExecutor executor = new BlockExecutor(2);
        assertEquals(before + 2, SpinBudget.openThreads());
        executor.close();
        assertEquals(before, SpinBudget.openThreads());
        executor.close();
        assertEquals(before, SpinBudget.openThreads(), "a second close takes nothing off");
    }

    /** Two problems bound at once, each on every processor: neither's helpers spin until one closes. */
    @Test
    void twoExecutorsOnEveryProcessorLeaveNoRoomToSpin() {
        assumeTrue(PROCESSORS >= 2, "an executor spins with 2 to " + PROCESSORS + " threads");
        int before = SpinBudget.openThreads();
        try (BlockExecutor first = new BlockExecutor(PROCESSORS)) {
            try (BlockExecutor second = new BlockExecutor(PROCESSORS)) {
                assertFalse(SpinBudget.roomToSpin(), 2 * PROCESSORS + " threads on " + PROCESSORS + " processors");
            }
            assertEquals(before + PROCESSORS <= PROCESSORS, SpinBudget.roomToSpin());
        }
    }

    /** Executors that never spin (one thread, or more threads than processors) are not counted. */
    @Test
    void executorsThatDoNotSpinAreNotCounted() {
        int before = SpinBudget.openThreads();
        try (BlockExecutor one = new BlockExecutor(1); BlockExecutor many = new BlockExecutor(PROCESSORS + 1)) {
            assertEquals(before, SpinBudget.openThreads());
        }
    }
}
