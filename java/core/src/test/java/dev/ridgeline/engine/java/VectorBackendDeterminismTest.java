package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.testing.RandomProblems;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fixed row blocks and a fixed reduction order: 1, 2 and 8 threads give bitwise the same results. */
class VectorBackendDeterminismTest {
    /** Everything a run exposes, as raw bits. */
    private record Outcome(List<long[]> bits) {
    }

    @Test
    void fullBatchStepsAreBitwiseIdenticalForOneTwoAndEightThreads() {
        Problem p = RandomProblems.batch(20_003, 41, 9, 5);
        assertTrue(RowBlocks.of(p.rows(), p.features()).count() > 8, "the problem must span many blocks");
        assertTrue(RowBlocks.aligned(p.rows(), p.features(), PanelMatrix.GROUP_ROWS, PanelPassKernel.minBlockRows(p.rows()))
                .count() > 8, "the panel pass must span many blocks");
        for (boolean panels : new boolean[] {true, false}) {
            Outcome one = run(p, 1, panels);
            assertSame(one, run(p, 2, panels));
            assertSame(one, run(p, 8, panels));
        }
    }

    /** Five models on rows wide enough for column tiles: four models at once, then one. */
    @Test
    void fiveModelsOnWideRowsAreBitwiseIdenticalForOneTwoAndEightThreads() {
        Problem p = RandomProblems.batch(7_103, 1_031, 5, 7);
        assertTrue(RowBlocks.of(p.rows(), p.features()).count() > 2, "the problem must span several blocks");
        assertTrue(FusedPassKernel.tileColumns(GroupLoops.SPECIES.loopBound(1_031), 5) < 1_031,
                "the rows must be wider than one tile");
        for (boolean panels : new boolean[] {true, false}) {
            Outcome one = run(p, 1, panels);
            for (long bits : one.bits().get(0)) {
                assertTrue(Double.isFinite(Double.longBitsToDouble(bits)), "the run must stay finite");
            }
            assertSame(one, run(p, 2, panels));
            assertSame(one, run(p, 8, panels));
        }
    }

    /** Six models on rows of 97 features: batches of four groups, the gradient in feature tiles. */
    @Test
    void batchesOfGroupsAreBitwiseIdenticalForOneTwoAndEightThreads() {
        Problem p = RandomProblems.batch(20_003, 97, 6, 9);
        assertTrue(PanelPassKernel.batches(97, 6) && PanelPassKernel.batchGroups(97) == 4, "batches of four");
        assertTrue(RowBlocks.aligned(p.rows(), p.features(), PanelMatrix.GROUP_ROWS, PanelPassKernel.minBlockRows(p.rows()))
                .count() > 8, "the panel pass must span many blocks");
        Outcome one = run(p, 1, true);
        assertSame(one, run(p, 2, true));
        assertSame(one, run(p, 8, true));
    }

    /**
     * Sixteen models on rows of 896 features: with 16 lanes a group and its sums pass the panel kernel's cache
     * budget, and the kernel takes them from four models on, whatever the thread count.
     */
    @Test
    void widePanelsAreBitwiseIdenticalForOneTwoAndEightThreads() {
        Problem p = RandomProblems.batch(7_200, 896, 16, 12);
        try (VectorBoundProblem eight = new VectorBoundProblem(p, 8, true)) {
            assertTrue(eight.usesPanels(), "the panel kernel, also on eight threads");
        }
        Outcome one = run(p, 1, true);
        assertSame(one, run(p, 2, true));
        assertSame(one, run(p, 8, true));
    }

    /**
     * Block gradients (the row kernel): five models on rows of 2,100 features (four, then one), with or without
     * the panel setting; nine on rows of 1,040 (eight, then one; rows ending in a lone vector), whose full
     * batches take the panels unless the setting is off.
     */
    @Test
    void blockGradientsAreBitwiseIdenticalForOneTwoAndEightThreads() {
        for (Problem p : List.of(RandomProblems.batch(7_200, 2_100, 5, 12), RandomProblems.batch(7_203, 1_040, 9, 13))) {
            assumeTrue(FusedPassKernel.blockGradient(p.features(), p.models()), "block gradients run with 16 float lanes");
            boolean panels = p.features() >= PanelPassKernel.BLOCK_GRADIENT_FEATURES;
            try (VectorBoundProblem eight = new VectorBoundProblem(p, 8, panels)) {
                assertFalse(eight.usesPanels(), "the row kernel, also on eight threads");
            }
            Outcome one = run(p, 1, panels);
            assertSame(one, run(p, 2, panels));
            assertSame(one, run(p, 8, panels));
            assertSame(one, run(p, 8, false));
        }
    }

    /** One model, weighted or not: its own pass (dot products, then the group's gradient), on both kernels. */
    @Test
    void oneModelIsBitwiseIdenticalForOneTwoAndEightThreads() {
        DenseMatrix x = RandomProblems.features(20_003, 256, 21);
        for (float[] weights : new float[][] {null, RandomProblems.weights(20_003, 22)}) {
            Problem p = Problem.builder(x).model(RandomProblems.target(x, 23, 0.1), weights, 0.5).build();
            assertTrue(RowBlocks.aligned(p.rows(), p.features(), PanelMatrix.GROUP_ROWS,
                    PanelPassKernel.minBlockRows(p.rows())).count() > 8, "the panel pass must span many blocks");
            try (VectorBoundProblem one = new VectorBoundProblem(p, 1, true)) {
                assertTrue(one.usesPanels(), "the panel kernel's one-model pass");
            }
            for (boolean panels : new boolean[] {true, false}) {
                Outcome one = run(p, 1, panels);
                assertSame(one, run(p, 2, panels));
                assertSame(one, run(p, 8, panels));
            }
        }
    }

    /** A panel pass shorter than two blocks of MIN_BLOCK_ROWS splits in two halves, whatever the thread count. */
    @Test
    void aShortPanelPassSplitInHalvesIsBitwiseIdenticalForOneTwoAndEightThreads() {
        Problem p = RandomProblems.batch(1_601, 100, 5, 31);
        assertEquals(2, RowBlocks.aligned(p.rows(), p.features(), PanelMatrix.GROUP_ROWS,
                PanelPassKernel.minBlockRows(p.rows())).count(), "two halves");
        try (VectorBoundProblem one = new VectorBoundProblem(p, 1, true)) {
            assertTrue(one.usesPanels(), "the panel kernel");
        }
        Outcome one = run(p, 1, true);
        assertSame(one, run(p, 2, true));
        assertSame(one, run(p, 8, true));
    }

    @Test
    void repeatedRunsOnTheSameThreadsAreBitwiseIdentical() {
        Problem p = RandomProblems.batch(9_001, 67, 2, 8);
        assertSame(run(p, 2, true), run(p, 2, true));
    }

    @Test
    void blocksDependOnTheShapeOnly() {
        RowBlocks b = RowBlocks.of(20_003, 41);
        assertEquals(RowBlocks.MAX_BLOCKS, b.count());
        assertEquals(20_003, b.to(b.count() - 1));
        assertEquals(1, RowBlocks.of(3, 4099).count());
        assertEquals(0, RowBlocks.of(0, 5).count());
        // Wide rows: blocks of MIN_BLOCK_ROWS, not of the 4 rows that 16,384 elements would make.
        RowBlocks batch = RowBlocks.of(256, 4_096);
        assertEquals(RowBlocks.MIN_BLOCK_ROWS, batch.rowsPerBlock());
        assertEquals(256 / RowBlocks.MIN_BLOCK_ROWS, batch.count());
        assertEquals(1, RowBlocks.of(RowBlocks.MIN_BLOCK_ROWS, 1_024).count());
        assertEquals(2, RowBlocks.of(RowBlocks.MIN_BLOCK_ROWS + 1, 1_024).count());
        // Panel passes: blocks of MIN_BLOCK_ROWS, but two halves (of at least SPLIT_ROWS) of a shorter pass.
        assertEquals(PanelPassKernel.MIN_BLOCK_ROWS, PanelPassKernel.minBlockRows(100_000));
        assertEquals(PanelPassKernel.MIN_BLOCK_ROWS, PanelPassKernel.minBlockRows(2 * PanelPassKernel.MIN_BLOCK_ROWS));
        assertEquals(800, PanelPassKernel.minBlockRows(1_600));
        assertEquals(801, PanelPassKernel.minBlockRows(1_601));
        assertEquals(PanelPassKernel.SPLIT_ROWS, PanelPassKernel.minBlockRows(600));
        RowBlocks halves = RowBlocks.aligned(3_000, 1_000, PanelMatrix.GROUP_ROWS, PanelPassKernel.minBlockRows(3_000));
        assertEquals(2, halves.count());
        int groups = PanelMatrix.GROUP_ROWS;
        assertEquals((1_500 + groups - 1) / groups * groups, halves.rowsPerBlock(), "half the pass, in whole groups");
    }

    /** Three full-batch steps, a mini-batch step and the reads after them; {@code panels} as VectorBoundProblem's. */
    private static Outcome run(Problem p, int threads, boolean panels) {
        List<long[]> out = new ArrayList<>();
        double[] rates = new double[p.models()];
        for (int k = 0; k < rates.length; k++) {
            rates[k] = 0.004 / (1 + k % 2);
        }
        StepRule rule = new StepRule(rates, 0.9, true);
        int[] order = VectorBackendConformanceTest.shuffled(p.rows(), 3);
        try (BoundProblem b = new VectorBoundProblem(p, threads, panels)) {
            for (int e = 0; e < 3; e++) {
                b.step(rule, null);
                out.add(bits(b.lastPass().loss()));
                out.add(bits(b.lastPass().gradientNorm()));
            }
            b.step(rule, new RowBatch(order, 100, Math.min(7_100, p.rows())));
            out.add(bits(b.lastPass().loss()));
            Gradient g = b.lossAndGradient();
            out.add(bits(g.loss()));
            out.add(bits(g.bias()));
            Parameters params = b.parameters();
            for (int k = 0; k < p.models(); k++) {
                out.add(bits(g.theta()[k]));
                out.add(bits(params.theta(k)));
                out.add(bits(new double[] {params.bias(k)}));
            }
            out.add(bits(b.loss()));
        }
        return new Outcome(out);
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    private static void assertSame(Outcome expected, Outcome actual) {
        assertEquals(expected.bits().size(), actual.bits().size());
        for (int i = 0; i < expected.bits().size(); i++) {
            assertArrayEquals(expected.bits().get(i), actual.bits().get(i), "outcome " + i + " differs in its bits");
        }
    }
}
