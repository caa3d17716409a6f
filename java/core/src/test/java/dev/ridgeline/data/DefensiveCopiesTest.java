package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.eval.CvPoint;
import dev.ridgeline.explain.RowExplanation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records that hold arrays copy them in and out, as the other public types do: a caller's change to an array
 * it passed in or was handed cannot change the record, and equal contents make equal records.
 */
class DefensiveCopiesTest {
    @Test
    void aSplitCannotBeChangedThroughItsParts() {
        ThreeWaySplit split = ThreeWaySplit.of(10, 0.2, 0.1, 1);
        int[] validation = split.validation();
        split.train()[0] = validation[0];
        assertTrue(java.util.Arrays.stream(split.train()).noneMatch(i -> i == validation[0]));
        int[] train = {0, 1, 2};
        ThreeWaySplit made = new ThreeWaySplit(train, new int[] {3}, new int[0]);
        train[0] = 9;
        assertArrayEquals(new int[] {0, 1, 2}, made.train());
        assertEquals(ThreeWaySplit.of(10, 0.2, 0.1, 1), split);
        assertEquals(ThreeWaySplit.of(10, 0.2, 0.1, 1).hashCode(), split.hashCode());
        assertEquals("ThreeWaySplit[train=[0, 1, 2], validation=[3], test=[]]", made.toString());
    }

    @Test
    void aCvPointCannotBeChangedThroughItsFoldErrors() {
        CvPoint p = CvPoint.of(1.0, 0.1, new double[] {2, 4});
        p.foldMse()[0] = -1;
        assertArrayEquals(new double[] {2, 4}, p.foldMse());
        assertEquals(CvPoint.of(1.0, 0.1, new double[] {2, 4}), p);
        assertEquals("CvPoint[lambda=1.0, learningRate=0.1, foldMse=[2.0, 4.0], mean=3.0, std=1.4142135623730951]",
                p.toString());
    }

    @Test
    void anExplanationCannotBeChangedThroughItsArrays() {
        double[] phi = {1, -2};
        RowExplanation e = new RowExplanation(List.of("a", "b"), new double[] {3, 4}, phi, 5, 4);
        phi[0] = 100;
        e.phi()[1] = 100;
        e.values()[0] = 100;
        assertArrayEquals(new double[] {1, -2}, e.phi());
        assertArrayEquals(new double[] {3, 4}, e.values());
        assertEquals(new RowExplanation(List.of("a", "b"), new double[] {3, 4}, new double[] {1, -2}, 5, 4), e);
        assertEquals(0.0, e.additivityError());
    }

    /**
     * A split made by hand with a row in two parts (validation rows that also train: optimistic validation
     * metrics without a word), a row twice in one part or a negative row is refused, naming it.
     */
    @Test
    void aSplitRefusesARowInTwoPartsTwiceOrNegative() {
        IllegalArgumentException twoParts = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ThreeWaySplit(new int[] {0, 1, 2}, new int[] {2, 3}, new int[0]));
        assertEquals("row 2 is given twice (found again in validation): each row belongs to one part, once",
                twoParts.getMessage());
        assertEquals("row 1 is given twice (found again in train): each row belongs to one part, once",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> new ThreeWaySplit(new int[] {1, 1}, new int[0], new int[0])).getMessage());
        assertEquals("test holds the negative row -1", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new ThreeWaySplit(new int[] {0}, new int[0], new int[] {-1}))
                .getMessage());
        // The seeded splits pass their own check, stratified ones too.
        ThreeWaySplit.stratified(new String[] {"a", "b", "a", "b", "a", "b", "a", "b"}, 0.25, 0.25, 3);
    }
}
