package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After a kernel's fault the context is unusable for good; the backend must give it up so that a later bind
 * works, and must not release it while a problem on it is still open (a stale handle would then reach the new
 * context): a bind in between fails, saying why. A GPU cannot be made to fault on purpose, so
 * this runs against the driver stand-in with its fault injection (native/standin-check.sh sets
 * STANDIN_FAULT_AT_LAUNCH=3:2: the third kernel run of each of the first two contexts faults) and skips
 * everywhere else.
 */
class CudaFaultRecoveryTest {
    private static final Problem PROBLEM = RandomProblems.batch(300, 7, 2, 4);
    private static final StepRule RULE = StepRule.plain(2, 0.05);

    @BeforeEach
    void requireInjectedFault() {
        assumeTrue(System.getenv("STANDIN_FAULT_AT_LAUNCH") != null,
                "needs the driver stand-in's fault injection (native/standin-check.sh)");
        assumeTrue(new CudaBackendProvider().availability().available(), "CUDA unavailable");
    }

    @Test
    void aKernelFaultFailsItsProblemAndTheNextBindGetsAWorkingContext() {
        BoundProblem first = faultedProblem();  // context 1, left open
        IllegalStateException waiting = assertThrows(IllegalStateException.class,
                () -> new CudaBackend(false).bind(PROBLEM));
        assertTrue(waiting.getMessage().contains("bound problems on it are still open: close them, then bind again"),
                waiting.getMessage());
        assertThrows(IllegalStateException.class, first::loss, "a problem on a context given up");
        first.close();  // quietly, and the last handle on context 1: it is released
        BoundProblem second = faultedProblem();  // context 2, which faults too
        try {
            second.close();  // releases context 2, which its own fault made unusable
        } catch (CudaException stillFaulted) {
            assertTrue(stillFaulted.kernelFault(), stillFaulted.getMessage());
        }
        try (BoundProblem next = new CudaBackend(false).bind(PROBLEM);
                BoundProblem ref = new ScalarBackend().bind(PROBLEM)) {
            next.steps(RULE, 4);
            ref.steps(RULE, 4);
            Parameters gpu = next.parameters();
            Parameters expected = ref.parameters();
            for (int model = 0; model < 2; model++) {
                double[] a = gpu.theta(model);
                double[] b = expected.theta(model);
                for (int j = 0; j < a.length; j++) {
                    assertTrue(Math.abs(a[j] - b[j]) <= 1e-4 * (1 + Math.abs(b[j])),
                            "model " + model + ", theta[" + j + "] " + a[j] + " against " + b[j]);
                }
            }
        }
        assertTrue(CudaContext.primaryContextActive());
    }

    /** A problem whose epochs meet the injected fault, which names itself as a kernel's. */
    private static BoundProblem faultedProblem() {
        BoundProblem p = new CudaBackend(false).bind(PROBLEM);
        CudaException fault = assertThrows(CudaException.class, () -> {
            p.steps(RULE, 4);
            p.loss();
        });
        assertTrue(fault.kernelFault(), fault.getMessage());
        return p;
    }
}
