package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LaunchPlanTest {
    private static final int H200_SMS = 132;
    private static final long H200_SHARED = 227 * 1024;

    @Test
    void narrowDataReadsXOncePerModelGroup() {
        LaunchPlan plan = new LaunchPlan(1_000_000, 64, 9, H200_SMS, H200_SHARED, 3);
        assertTrue(plan.narrow());
        assertEquals(2, plan.groups());
        assertEquals(8, plan.groupSize(0));
        assertEquals(1, plan.groupSize(1));
        assertEquals(8, plan.groupBegin(1));
        assertEquals(2L * 1_000_000 * 64 * 4, plan.bytesReadPerEpoch());
        assertEquals(H200_SMS * 3, plan.passBlocks(1_000_000));
        assertEquals(plan.passBlocks(1000), plan.gradientBlocks(1000));
        assertTrue(plan.describe().startsWith("fused single-read pass (ridge_fused_pass)"), plan.describe());
        assertEquals(KernelNames.LOSS_PASS, plan.lossKernel());
    }

    @Test
    void aSingleModelTakesTheLeanKernelsWithLessSharedMemory() {
        LaunchPlan one = new LaunchPlan(1_000_000, 256, 1, H200_SMS, H200_SHARED, 5);
        LaunchPlan two = new LaunchPlan(1_000_000, 256, 2, H200_SMS, H200_SHARED, 2);
        assertEquals(KernelNames.FUSED_PASS_SINGLE, one.fusedKernel());
        assertEquals(KernelNames.LOSS_PASS_SINGLE, one.lossKernel());
        assertEquals(KernelNames.FUSED_PASS, two.fusedKernel());
        assertTrue(one.sharedBytes() < two.sharedBytes());
        assertEquals(H200_SMS * 5, one.passBlocks(1_000_000));
    }

    @Test
    void wideDataSaysItReadsXTwice() {
        LaunchPlan plan = new LaunchPlan(10_000, 5000, 1, H200_SMS, H200_SHARED, 1);
        assertTrue(new LaunchPlan(10_000, 4096, 1, H200_SMS, H200_SHARED, 1).narrow());
        assertFalse(new LaunchPlan(10_000, 4096, 2, H200_SMS, H200_SHARED, 1).narrow());
        assertFalse(plan.narrow());
        assertEquals(2L * 10_000 * 5000 * 4, plan.bytesReadPerEpoch());
        assertTrue(plan.describe().startsWith("wide path (n = 5000 > 4096)"), plan.describe());
        assertTrue(plan.describe().contains("read twice"), plan.describe());
        assertEquals(plan.wideSlabs(10_000), plan.gradientBlocks(10_000));
        assertEquals(plan.wideResidualBlocks(10_000), plan.lossBlocks(10_000));
    }

    /** Rows within the fused pass's width on a device with too little shared memory a block: named as the cause. */
    @Test
    void wideForWantOfSharedMemorySaysSo() {
        LaunchPlan plan = new LaunchPlan(10_000, 512, 2, H200_SMS, 1024, 1);
        assertFalse(plan.narrow());
        assertTrue(plan.describe().startsWith("wide path (the fused pass's "), plan.describe());
        assertTrue(plan.describe().contains("exceed the device's 1024 B a block"), plan.describe());
    }

    @Test
    void partialBuffersHoldEveryBatchSize() {
        for (int n : new int[] {3, 1024, 1025, 9000}) {
            LaunchPlan plan = new LaunchPlan(50_000, n, 4, H200_SMS, H200_SHARED, 2);
            for (long count : new long[] {0, 1, 17, 4099, 50_000}) {
                assertTrue(plan.gradientBlocks(count) <= plan.gradientPartialBlocks(), "n=" + n + " count=" + count);
                assertTrue(plan.lossBlocks(count) <= plan.lossPartialBlocks(), "n=" + n + " count=" + count);
            }
        }
    }
}
