package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Fold ids given directly are checked as KFold.of deals them: new KFold(5, new int[100]) (every row in fold 0)
 * used to be accepted, and tuning then failed with "every row weight is zero", naming no fold.
 */
class KFoldValidationTest {
    private static String refusal(int k, int... folds) {
        return assertThrows(DataException.class, () -> new KFold(k, folds)).getMessage();
    }

    @Test
    void everyRowInOneFoldIsRefusedNamingTheEmptyFold() {
        assertEquals("fold index 1 has no rows; each of the 5 folds needs at least one", refusal(5, new int[100]));
    }

    @Test
    void aFoldIndexOfKOrMoreIsRefusedNamingTheRow() {
        assertEquals("row 3: fold index 3 is outside 0..2 (3 folds)", refusal(3, 0, 1, 2, 3));
    }

    @Test
    void aNegativeFoldIndexIsRefusedNamingTheRow() {
        assertEquals("row 2: fold index -1 is outside 0..2 (3 folds)", refusal(3, 0, 1, -1, 2));
    }

    /** The record kept and handed out its array: a change after the check put a row in no fold. */
    @Test
    void theFoldArrayCannotBeChangedFromOutside() {
        int[] given = {0, 1, 0, 1};
        KFold folds = new KFold(2, given);
        given[1] = 9;
        folds.folds()[3] = 7;
        assertEquals(java.util.List.of(0, 1, 0, 1), java.util.Arrays.stream(folds.folds()).boxed().toList());
        assertEquals(2, folds.heldOut(1).length);
    }

    @Test
    void foldsDealtByOfAndStratifiedAndGivenByHandAreAccepted() {
        assertEquals(7, KFold.of(7, 7, 1).folds().length);
        assertEquals(4, KFold.stratified(new String[] {"a", "a", "b", "b"}, 4, 2).k());
        assertEquals(2, new KFold(2, new int[] {1, 0, 1}).k());
    }

    /** A split number outside [0, k) had given an empty held-out part and every row for training. */
    @Test
    void aSplitOutsideTheFoldsIsRefused() {
        KFold folds = new KFold(2, new int[] {0, 1, 0, 1});
        assertThrows(IndexOutOfBoundsException.class, () -> folds.heldOut(7));
        assertThrows(IndexOutOfBoundsException.class, () -> folds.training(2));
        assertThrows(IndexOutOfBoundsException.class, () -> folds.trainingMask(-1));
        assertEquals(2, folds.heldOut(1).length);
    }
}
