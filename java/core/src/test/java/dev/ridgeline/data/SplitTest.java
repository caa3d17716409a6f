package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {
    @Test
    void holdoutIsSeededDisjointAndComplete() {
        Split a = Split.holdout(442, 0.2, 42);
        Split b = Split.holdout(442, 0.2, 42);
        assertArrayEquals(a.train(), b.train());
        assertEquals(88, a.holdout().length);
        int[] all = IntStream.concat(Arrays.stream(a.train()), Arrays.stream(a.holdout())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 442).toArray(), all);
        Split c = Split.holdout(442, 0.2, 43);
        assertEquals(false, Arrays.equals(a.holdout(), c.holdout()));
    }

    @Test
    void zeroFractionKeepsEveryRow() {
        assertEquals(0, Split.holdout(10, 0, 1).holdout().length);
        assertEquals(10, Split.holdout(10, 0, 1).train().length);
    }

    @Test
    void badFractionsAreRejected() {
        assertEquals("the holdout fraction must be in [0, 1), got 1.0",
                assertThrows(DataException.class, () -> Split.holdout(10, 1.0, 1)).getMessage());
        assertThrows(DataException.class, () -> Split.holdout(1, 0.9, 1));
    }
}
