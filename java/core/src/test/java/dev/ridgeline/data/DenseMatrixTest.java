package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Chunked storage: rows never straddle chunks, and indexing is the same whatever the chunk size. */
class DenseMatrixTest {
    @Test
    void smallChunksHoldWholeRowsAndIndexCorrectly() {
        DenseMatrix m = DenseMatrix.zeros(10, 3, 7); // 2 rows (6 elements) per chunk
        assertEquals(2, m.rowsPerChunk());
        assertEquals(5, m.chunkCount());
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 3; j++) {
                m.set(i, j, i * 10 + j);
            }
        }
        assertEquals(42f, m.get(4, 2));
        assertEquals(8, m.chunkFirstRow(4));
        assertEquals(2, m.chunkRows(4));
        assertArrayEquals(new float[] {80, 81, 82, 90, 91, 92}, m.chunk(4));
        float[] row = new float[3];
        m.copyRow(7, row);
        assertArrayEquals(new float[] {70, 71, 72}, row);
        assertEquals(3, m.rowOffset(7));
    }

    /** wrap reads the caller's array in place: no copy, so a later write to the array is what the matrix holds. */
    @Test
    void aWrappedArrayIsTheMatrixItself() {
        float[] data = {1, 2, 3, 4, 5, 6};
        DenseMatrix m = DenseMatrix.wrap(data, 2, 3);
        assertEquals(2, m.rows());
        assertEquals(3, m.cols());
        assertEquals(1, m.chunkCount());
        assertSame(data, m.chunk(0));
        assertEquals(6f, m.get(1, 2));
        data[4] = 50;
        assertEquals(50f, m.get(1, 1));
        assertArrayEquals(new float[] {4, 50, 6}, rowOf(m, 1));
        assertEquals(0, DenseMatrix.wrap(new float[0], 0, 5).chunkCount());
        assertEquals(0, DenseMatrix.wrap(new float[0], 4, 0).cols());
    }

    @Test
    void wrapRefusesAnArrayOfAnotherLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenseMatrix.wrap(new float[5], 2, 3));
        assertEquals("a 2 x 3 matrix has 6 values, but the array holds 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DenseMatrix.wrap(new float[0], -1, 0));
        assertThrows(NullPointerException.class, () -> DenseMatrix.wrap(null, 0, 0));
    }

    private static float[] rowOf(DenseMatrix m, int i) {
        float[] row = new float[m.cols()];
        m.copyRow(i, row);
        return row;
    }

    @Test
    void lastChunkMayBeShort() {
        DenseMatrix m = DenseMatrix.zeros(5, 4, 8);
        assertEquals(3, m.chunkCount());
        assertEquals(1, m.chunkRows(2));
        assertEquals(4, m.chunk(2).length);
    }

    @Test
    void layoutOfMoreThanTwoToThe31ElementsKeepsEveryChunkAddressable() {
        int rows = 3_000_000;
        int cols = 1_000; // 3e9 elements: more than an int can index
        int perChunk = DenseMatrix.rowsPerChunk(cols, DenseMatrix.DEFAULT_CHUNK_ELEMENTS);
        int chunks = DenseMatrix.chunkCount(rows, perChunk);
        assertEquals(16_777, perChunk);
        assertEquals(179, chunks);
        assertEquals(true, (long) perChunk * cols <= Integer.MAX_VALUE);
        assertEquals(true, (long) chunks * perChunk >= rows && (long) (chunks - 1) * perChunk < rows);
        assertEquals(6L, DenseMatrix.zeros(3, 2).size());
    }

    @Test
    void aRowPastTheEndIsNamedNotTakenForAnotherChunk() {
        DenseMatrix m = DenseMatrix.zeros(5, 4, 8);  // chunks of two rows: row 5 would be in a chunk 2 of one row
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> m.rowArray(5));
        assertEquals("row 5 outside 5 x 4 matrix", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> m.rowOffset(5));
        assertThrows(IndexOutOfBoundsException.class, () -> m.rowArray(-1));
        DenseMatrix noColumns = DenseMatrix.zeros(3, 0);
        assertEquals(0, noColumns.rowOffset(2));  // rows of no values still exist
    }

    @Test
    void selectRowsCopiesInOrder() {
        DenseMatrix m = DenseMatrix.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        DenseMatrix s = m.selectRows(new int[] {2, 0});
        assertEquals(5f, s.get(0, 0));
        assertEquals(2f, s.get(1, 1));
    }

    @Test
    void outOfRangeIndexNamesTheShape() {
        DenseMatrix m = DenseMatrix.zeros(2, 2);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> m.get(2, 0));
        assertEquals("index (2, 0) outside 2 x 2 matrix", e.getMessage());
        DenseMatrix noColumns = DenseMatrix.zeros(3, 0);
        e = assertThrows(IndexOutOfBoundsException.class, () -> noColumns.get(0, 5));
        assertEquals("index (0, 5) outside 3 x 0 matrix", e.getMessage());
    }

    /** A finite double beyond float32's range had become an infinity that later errors named instead. */
    @Test
    void doublesBeyondFloatRangeAreRefusedNamingTheCell() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenseMatrix.of(new double[][] {{1, 2}, {3, -1e40}}));
        assertEquals("row 1, column 1: -1.0E40 is beyond the float32 range (magnitudes up to 3.4028235E38)",
                e.getMessage());
        DenseMatrix kept = DenseMatrix.of(new double[][] {{Double.NaN, Double.POSITIVE_INFINITY, 3.4e38}});
        assertEquals(Float.NaN, kept.get(0, 0));
        assertEquals(Float.POSITIVE_INFINITY, kept.get(0, 1));
        assertEquals(3.4e38f, kept.get(0, 2));
    }
}
