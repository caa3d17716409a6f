package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.Test;

class PanelMatrixTest {
    private static final int L = PanelMatrix.LANES;

    @Test
    void panelsHoldTheWholeGroupsColumnByColumn() {
        int rows = 3 * PanelMatrix.GROUP_ROWS + 5;
        DenseMatrix x = RandomProblems.features(rows, 13, 2);
        try (BlockExecutor executor = new BlockExecutor(2)) {
            PanelMatrix p = PanelMatrix.copyOf(x, executor);
            assertEquals(3 * PanelMatrix.GROUP_ROWS, p.rows(), "only whole groups are copied");
            assertEquals(3 * PanelMatrix.PANELS * L * 13L * 4, PanelMatrix.bytes(rows, 13));
            assertSameValues(x, p);
        }
    }

    @Test
    void rowsSpreadOverSmallChunksAreCopiedFromTheirChunks() {
        DenseMatrix dense = RandomProblems.features(2 * PanelMatrix.GROUP_ROWS, 7, 5);
        DenseMatrix chunked = DenseMatrix.zeros(dense.rows(), 7, 7 * 3);
        float[] row = new float[7];
        for (int i = 0; i < dense.rows(); i++) {
            dense.copyRow(i, row);
            chunked.setRow(i, row);
        }
        try (BlockExecutor executor = new BlockExecutor(1)) {
            assertSameValues(dense, PanelMatrix.copyOf(chunked, executor));
        }
    }

    @Test
    void fewerRowsThanOneGroupGiveNoPanels() {
        assertEquals(0, PanelMatrix.groupsOf(PanelMatrix.GROUP_ROWS - 1));
        assertEquals(0, PanelMatrix.bytes(PanelMatrix.GROUP_ROWS - 1, 100));
    }

    @Test
    void noCopyWithoutRoomOnTheHeap() {
        DenseMatrix x = RandomProblems.features(2 * PanelMatrix.GROUP_ROWS, 10, 1);
        long need = PanelMatrix.bytes(x.rows(), x.cols());
        try (BlockExecutor executor = new BlockExecutor(1)) {
            java.util.logging.Logger log = java.util.logging.Logger.getLogger(PanelMatrix.class.getName());
            java.util.List<String> warnings = new java.util.ArrayList<>();
            java.util.logging.Handler capture = new java.util.logging.Handler() {
                @Override
                public void publish(java.util.logging.LogRecord r) {
                    warnings.add(r.getMessage());
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            log.addHandler(capture);
            try {
                assertNull(PanelMatrix.copyIfRoom(x, executor, need, 1L << 30), "room stays free beside the copy");
            } finally {
                log.removeHandler(capture);
            }
            // The free bytes it names can be more than the copy's: the warning says how many must stay free beside
            // it. (Sizes from the lanes: 5 KiB and 20 KiB with 16, 2 KiB and 10 KiB with 8.)
            assertEquals(java.util.List.of("java-vector: no room on the heap for the panel copy of X: it takes "
                    + PanelMatrix.size(need) + ", about " + PanelMatrix.size(need) + " are free, and "
                    + PanelMatrix.size(4 * need) + " must stay free beside it for the rest of the JVM; full-batch"
                    + " passes use the row kernel, which is slower for several models. A larger -Xmx makes room."),
                    warnings);
            assertTrue(PanelMatrix.size(need).endsWith(" KiB") && PanelMatrix.size(3L << 20).equals("3 MiB"));
            assertNotNull(PanelMatrix.copyIfRoom(x, executor, need + (1L << 27), 1L << 30));
            // A small copy leaves four times its size free, not an eighth of the heap: one of 5 KiB is made
            // with 25 KiB free in a 1 GiB heap (it had been refused, after a full collection, at every fit).
            assertEquals(4 * need, PanelMatrix.reserve(need, 1L << 30));
            assertNotNull(PanelMatrix.copyIfRoom(x, executor, 5 * need, 1L << 30));
            assertNull(PanelMatrix.copyIfRoom(x, executor, 5 * need - 1, 1L << 30));
            // A large one (here: in a heap 20 times its size) leaves an eighth of the heap.
            long max = 20 * need;
            assertEquals(max / 8, PanelMatrix.reserve(need, max));
            assertNotNull(PanelMatrix.copyIfRoom(x, executor, need + max / 8, max));
            assertNull(PanelMatrix.copyIfRoom(x, executor, need + max / 8 - 1, max));
        }
    }

    private static void assertSameValues(DenseMatrix x, PanelMatrix p) {
        for (int i = 0; i < p.rows(); i++) {
            float[] panel = p.panel(i / L);
            for (int j = 0; j < x.cols(); j++) {
                assertEquals(x.get(i, j), panel[PanelLoops.FIRST + j * L + i % L], 0f, "row " + i + ", column " + j);
            }
        }
    }
}
