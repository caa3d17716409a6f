package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Frame#of}, the frame of callers who hold their rows in arrays: checked as a read file is. */
class FrameOfTest {
    private static final double[][] ROWS = {{1, 0}, {0, 1}, {1, 1}};

    @Test
    void aTargetOfAnotherLengthThanTheRowsIsRefused() {
        for (double[] target : new double[][] {{1, 2}, {1, 2, 3, 4}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Frame.of("s", List.of("a", "b"), ROWS, target, "y"));
            assertEquals("target has " + target.length + " values, the frame has 3 rows", e.getMessage());
        }
        assertEquals(3, Frame.of("s", List.of("a", "b"), ROWS, null, null).rows(), "no target is still allowed");
    }

    /** A model needs its target's name: a frame without one used to train, then fail building the model. */
    @Test
    void aTargetWithoutANameIsRefusedBeforeAnyFit() {
        NullPointerException none = assertThrows(NullPointerException.class,
                () -> Frame.of("s", List.of("a", "b"), ROWS, new double[] {1, 2, 3}, null));
        assertEquals("targetName: the target's name (a target is given)", none.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Frame.of("s", List.of("a", "b"), ROWS, new double[] {1, 2, 3}, ""));
        assertEquals("targetName: the target's name is empty (a target is given)", empty.getMessage());
    }

    @Test
    void theFrameKeepsItsOwnTarget() {
        double[] target = {1, 2, 3};
        Frame frame = Frame.of("s", List.of("a", "b"), ROWS, target, "y");
        target[0] = 100;
        assertEquals(1, frame.target(0), "a frame is immutable: changing the caller's array changes nothing here");
    }

    @Test
    void valuesThatAreNotFiniteFloat32NumbersAreRefusedAsInAFile() {
        double[][] rows = {{1, 0}, {0, Double.POSITIVE_INFINITY}, {1, 1}};
        DataException e = assertThrows(DataException.class, () -> Frame.of("s", List.of("a", "b"), rows, null, null));
        assertEquals("s, line 3, column 'b': value Infinity is not a finite float32 number (NaN marks a missing value)",
                e.getMessage());
        double[][] huge = {{1, 0}, {0, 1}, {1e300, 1}};
        assertThrows(DataException.class, () -> Frame.of("s", List.of("a", "b"), huge, null, null));
        DataException target = assertThrows(DataException.class,
                () -> Frame.of("s", List.of("a", "b"), ROWS, new double[] {1, Double.NEGATIVE_INFINITY, 3}, "y"));
        assertEquals("s, line 3, target 'y': value -Infinity is not a finite float32 number (NaN marks a missing value)",
                target.getMessage());
        double[][] missing = {{Double.NaN, 0}, {0, 1}, {1, 1}};
        assertEquals(3, Frame.of("s", List.of("a", "b"), missing, new double[] {1, Double.NaN, 3}, "y").rows(),
                "NaN is a missing value, as in a file");
    }
}
