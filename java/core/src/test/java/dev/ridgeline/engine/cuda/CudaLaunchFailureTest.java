package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.ClippedGradientStep;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call that fails after it queued work (a launch refused after the uploads and earlier launches) frees its
 * per-call buffers only once the stream has run that work, and leaves its problem usable. A GPU cannot be made
 * to refuse a launch on purpose, so this runs against the driver stand-in with STANDIN_FAIL_LAUNCH_OF naming
 * ridge_clipped_reduce and ridge_predict (native/standin-check.sh), which refuses a free of memory that work
 * queued since the stream's last wait uses ("STANDIN ERROR", failing the check); it skips everywhere else.
 */
class CudaLaunchFailureTest {
    private static final Problem PROBLEM = RandomProblems.batch(300, 7, 2, 4);

    @BeforeEach
    void requireInjectedLaunchFailures() {
        String failing = System.getenv("STANDIN_FAIL_LAUNCH_OF");
        assumeTrue(failing != null && failing.contains(KernelNames.CLIPPED_REDUCE)
                && failing.contains(KernelNames.PREDICT), "needs the driver stand-in's refused launches"
                + " (native/standin-check.sh)");
        assumeTrue(new CudaBackendProvider().availability().available(), "CUDA unavailable");
    }

    @Test
    void aRefusedLaunchFailsTheCallAndLeavesTheProblemUsable() {
        RowBatch batch = new RowBatch(identity(PROBLEM.rows()), 0, 100);
        try (BoundProblem gpu = new CudaBackend(false).bind(PROBLEM);
                BoundProblem ref = new ScalarBackend().bind(PROBLEM)) {
            // The clipped sums' kernels ran (queued) before their reduction was refused.
            CudaException refused = assertThrows(CudaException.class,
                    () -> ((ClippedGradientStep) gpu).clippedGradientSum(batch, 1.0));
            assertTrue(refused.getMessage().contains(KernelNames.CLIPPED_REDUCE), refused.getMessage());
            assertFalse(refused.kernelFault(), refused.getMessage());
            // The upload of the rows was queued before the prediction was refused.
            DenseMatrix rows = PROBLEM.x();
            CudaException predict = assertThrows(CudaException.class, () -> gpu.predict(rows));
            assertTrue(predict.getMessage().contains(KernelNames.PREDICT), predict.getMessage());
            // The stream and its problem still work: the losses of the unchanged starting parameters.
            double[] want = ref.loss();
            double[] got = gpu.loss();
            assertEquals(want.length, got.length);
            for (int model = 0; model < want.length; model++) {
                assertEquals(want[model], got[model], 1e-6 * (1 + Math.abs(want[model])), "model " + model);
            }
        }
    }

    private static int[] identity(int m) {
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        return order;
    }
}
