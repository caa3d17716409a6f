package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.testing.RandomProblems;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Once compiled, a full-batch step allocates its results and nothing per group of rows. A vector handed to
 * a method the JIT does not inline is boxed on the heap: the panel kernel's dot-product sweeps did that
 * (their store helper hit C2's NodeCountInliningCutoff), 9.7 MB of garbage per epoch at 65,536 x 1,024 for
 * eight models, and each epoch 2.5x slower while the heap's fresh pages took it. The sweeps boxed the same
 * way on the shapes below: 367 KB a step at 2,048 x 1,024 against the 66 KB of the results.
 */
class VectorPassAllocationTest {
    /** Per step: the (K, n + 3) double partials and gradient a pass returns, twice over, and a little more. */
    private static long budget(Problem p) {
        return 2L * p.models() * (p.features() + 3) * Double.BYTES + 16 * 1024;
    }

    @Test
    void aCompiledFullBatchStepAllocatesOnlyItsResults() {
        com.sun.management.ThreadMXBean threads = threadBean();
        // The panel kernel: eight models over two 256-feature chunks (four-panel sweeps, batches of groups), one
        // model on rows of 1,024, eight models on rows of 64 (pairs of groups), 24 models on rows of 896, beyond
        // the cache budget with 16 lanes. Odd models are weighted.
        check(threads, RandomProblems.batch(2_048, 512, 8, 3), true, null);
        check(threads, RandomProblems.batch(2_048, 1_024, 1, 4), true, null);
        check(threads, RandomProblems.batch(8_192, 64, 8, 5), true, null);
        check(threads, RandomProblems.batch(512, 896, 24, 10), true, null);
        // The row kernel: block gradients of eight models, then four, then one, on rows that end in a lone vector
        // and a few features (the full batch of 13 models on 1,044 features); column tiles with four models at a
        // time, then one; two models in one sweep; one model on rows that are not a whole number of vectors.
        check(threads, RandomProblems.batch(1_024, 1_044, 13, 11), true, null);
        check(threads, RandomProblems.batch(2_048, 1_000, 5, 6), false, null);
        check(threads, RandomProblems.batch(4_096, 256, 2, 7), false, null);
        check(threads, RandomProblems.batch(4_096, 99, 1, 8), false, null);
    }

    /** Mini-batches always take the row kernel, rows in the batch's order. */
    @Test
    void aCompiledMiniBatchStepAllocatesOnlyItsResults() {
        com.sun.management.ThreadMXBean threads = threadBean();
        Problem p = RandomProblems.batch(8_192, 256, 3, 9);
        int[] order = new int[p.rows()];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < order.length; i++) {
            int j = rng.nextInt(i + 1);
            order[i] = order[j];
            order[j] = i;
        }
        check(threads, p, false, new RowBatch(order, 1_000, 1_517));
        // Eight models on rows of 1,040 features, rows in the batch's order (four-row gradients: block gradients
        // are for full batches).
        Problem wide = RandomProblems.batch(2_048, 1_040, 8, 12);
        check(threads, wide, true, new RowBatch(VectorBackendConformanceTest.shuffled(wide.rows(), 4), 100, 611));
    }

    /**
     * Steps (full-batch when {@code batch} is null) on one thread, so that all the work is this thread's,
     * until C2 has compiled the pass and a step allocates within the budget; fails if that has not happened
     * after 60 seconds of steps. Before compilation every vector is an object, so the budget is met only by
     * compiled code that keeps its vectors in registers.
     */
    private static void check(com.sun.management.ThreadMXBean threads, Problem p, boolean panels, RowBatch batch) {
        long budget = budget(p);
        StepRule rule = StepRule.plain(p.models(), 1e-3);
        long deadline = System.nanoTime() + 60_000_000_000L;
        long perStep = Long.MAX_VALUE;
        int steps = 0;
        try (BoundProblem bound = new VectorBackend(1, panels).bind(p)) {
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 50; i++) {
                    bound.step(rule, batch);
                }
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 10; i++) {
                    bound.step(rule, batch);
                }
                perStep = (threads.getCurrentThreadAllocatedBytes() - before) / 10;
                steps += 60;
                if (perStep <= budget) {
                    return;
                }
            }
        }
        fail(String.format(Locale.ROOT, "%d x %d, K = %d, %s%s: a step still allocates %,d bytes after %,d steps"
                + " (budget %,d): vectors are boxed somewhere in the pass", p.rows(), p.features(), p.models(),
                panels ? "panel kernel" : "row kernel", batch == null ? "" : ", mini-batch", perStep, steps, budget));
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean b && b.isThreadAllocatedMemorySupported()
                && b.isThreadAllocatedMemoryEnabled(), "this JVM does not count a thread's allocations");
        return (com.sun.management.ThreadMXBean) bean;
    }
}
