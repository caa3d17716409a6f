package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Host-side launch arithmetic: tiles, shared memory, grids, and agreement with native/common.cuh. */
class KernelGeometryTest {
    private static final int[] FEATURES = {1, 3, 7, 8, 15, 16, 17, 64, 255, 256, 257, 1000, 1023, 1024, 1025, 4099};
    /** Opt-in shared memory per block of sm_80, sm_86 / sm_89, sm_90. */
    private static final long[] SHARED = {163 * 1024, 99 * 1024, 227 * 1024};

    @Test
    void constantsMatchCommonCuh() throws IOException {
        String common = Files.readString(KernelNamesTest.NATIVE.resolve("common.cuh"));
        assertTrue(common.contains("#define RL_BLOCK " + KernelGeometry.BLOCK + " "));
        assertTrue(common.contains("#define RL_KMAX " + KernelGeometry.MODELS_PER_PASS + " "));
        assertTrue(common.contains("#define RL_NARROW_MAX " + KernelGeometry.NARROW_MAX + " "));
        assertTrue(common.contains("#define RL_NARROW_MAX_SINGLE " + KernelGeometry.NARROW_MAX_SINGLE + " "));
    }

    @Test
    void moreModelsThanGridRowsAreRefusedBeforeAnyDeviceWork() {
        KernelGeometry.checkModels(1);
        KernelGeometry.checkModels(65_535);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelGeometry.checkModels(65_536));
        assertTrue(e.getMessage().contains("at most 65535 models") && e.getMessage().contains("got 65536"),
                e.getMessage());
    }

    /** The bind refuses too many models before it opens a context, so this runs without a GPU. */
    @Test
    void bindRefusesMoreModelsThanGridRows() {
        assumeTrue(KernelImage.fromJar().isPresent(), "kernels not built into the classes");
        float[] y = {1, 2};
        Problem.Builder b = Problem.builder(DenseMatrix.zeros(2, 1));
        for (int model = 0; model <= KernelGeometry.MAX_GRID_Y; model++) {
            b.model(y, null, 1.0);
        }
        Problem p = b.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CudaBackend().bind(p));
        assertTrue(e.getMessage().contains("got 65536"), e.getMessage());
    }

    @Test
    void tilesAreMultiplesOfFourRowsOfAboutThirtyTwoKib() {
        for (int n : FEATURES) {
            int t = KernelGeometry.tileRows(n);
            assertEquals(0, t % 4, "n=" + n);
            assertTrue(t >= 4 && t <= KernelGeometry.TILE_MAX_ROWS, "n=" + n + " tile " + t);
            if (n <= 2048) {
                assertTrue((long) t * n <= KernelGeometry.TILE_TARGET_FLOATS, "n=" + n + " tile " + t);
            }
        }
    }

    @Test
    void everyNarrowWidthFitsTheSharedMemoryOfEverySupportedArchitecture() {
        for (long shared : SHARED) {
            for (int n = 1; n <= KernelGeometry.NARROW_MAX; n++) {
                assertTrue(KernelGeometry.narrow(n, 8, shared), "n=" + n + " shared " + shared);
            }
            for (int n = 1; n <= KernelGeometry.NARROW_MAX_SINGLE; n++) {
                assertTrue(KernelGeometry.narrow(n, 1, shared), "K=1 n=" + n + " shared " + shared);
            }
            assertFalse(KernelGeometry.narrow(KernelGeometry.NARROW_MAX + 1, 2, shared));
            assertFalse(KernelGeometry.narrow(KernelGeometry.NARROW_MAX_SINGLE + 1, 1, shared));
        }
        // n = 1024: X tile (8 x 1024) + theta (8 x 1024) + residuals and loss scratch + bias + column indices
        // + the targets and weights of the 8 tile rows for 8 models.
        assertEquals(4L * (8 * 1024 + 8 * 1024 + 8 * 8 + 8 * 8 + 8 + 2 * 8 * 8) + 64,
                KernelGeometry.fusedSharedBytes(1024, 8, 8));
        // The single-model kernels: theta, residuals, loss scratch, targets, weights and indices for one model.
        assertEquals(4L * (8 * 1024 + 1024 + 8 + 8 + 1 + 2 * 8) + 8, KernelGeometry.fusedSharedBytes(1024, 8, 1));
    }

    @Test
    void aNarrowTileHoldsTheGradientCombineOfABlock() {
        // fused_pass.cu combines the thread groups' gradient sums of narrow rows (n + 1 <= BLOCK / 2) in the
        // X tile's shared memory, which must hold one float per thread.
        for (int n = 1; n + 1 <= KernelGeometry.BLOCK / 2; n++) {
            assertTrue((long) KernelGeometry.tileRows(n) * n >= KernelGeometry.BLOCK, "n=" + n);
        }
    }

    @Test
    void passGridIsOneWaveOrOneBlockPerTile() {
        assertEquals(1, KernelGeometry.passGrid(0, 8, 132, 2));
        assertEquals(1, KernelGeometry.passGrid(1, 8, 132, 2));
        assertEquals(2, KernelGeometry.passGrid(9, 8, 132, 2));
        assertEquals(264, KernelGeometry.passGrid(1_000_000, 8, 132, 2));
    }

    @Test
    void wideSlabsCoverEveryRowExactlyOnce() {
        for (long count : new long[] {0, 1, 7, 1000, 123_457}) {
            for (int n : new int[] {1025, 4099, 20_000}) {
                long slabRows = KernelGeometry.wideSlabRows(count, n, 132);
                int slabs = KernelGeometry.wideSlabs(count, slabRows);
                assertTrue(slabRows >= 1);
                assertTrue((long) slabs * slabRows >= count, count + " rows, " + slabs + " x " + slabRows);
                assertTrue((long) (slabs - 1) * slabRows < Math.max(1, count), count + " rows: an empty slab");
            }
        }
    }

    @Test
    void reduceGridCoversThetaAndBias() {
        assertEquals(1, KernelGeometry.reduceGridX(255));
        assertEquals(2, KernelGeometry.reduceGridX(256));
        assertEquals(3, KernelGeometry.modelGroups(17));
        assertEquals(1, KernelGeometry.modelGroups(8));
    }
}
