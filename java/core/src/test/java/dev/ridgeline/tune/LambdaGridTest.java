package dev.ridgeline.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LambdaGridTest {
    @Test
    void logGridHitsItsEndsAndDecades() {
        assertArrayEquals(new double[] {0.01, 0.1, 1, 10, 100}, LambdaGrid.log(0.01, 100, 5), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LambdaGrid.log(0, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> LambdaGrid.log(1, 10, 1));
    }

    /** A one-point grid is allowed when min = max: it is that value. */
    @Test
    void aOnePointGridOfEqualEnds() {
        assertArrayEquals(new double[] {0.5}, LambdaGrid.log(0.5, 0.5, 1), 0);
    }
}
