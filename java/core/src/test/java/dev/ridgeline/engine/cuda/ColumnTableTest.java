package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ColumnTableTest {
    @Test
    void sharedArraysAreUploadedOnceAndNullMeansUnitWeights() {
        float[] a = {1, 2};
        float[] b = {1, 2}; // equal content, different array: a separate column
        ColumnTable t = new ColumnTable(new float[][] {a, null, a, b});
        assertEquals(2, t.size());
        assertArrayEquals(new int[] {0, -1, 0, 1}, t.indices());
        assertSame(a, t.columns().get(0));
        assertSame(b, t.columns().get(1));
    }
}
