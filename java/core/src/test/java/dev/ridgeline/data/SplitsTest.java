package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {
    /** A negative row count failed inside the shuffle with NegativeArraySizeException. */
    @Test
    void aNegativeRowCountIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThreeWaySplit.of(-1, 0.2, 0, 1));
        assertEquals("a split needs a row count >= 0, got -1", e.getMessage());
    }

    @Test
    void threeWaySplitIsSeededDisjointAndComplete() {
        ThreeWaySplit a = ThreeWaySplit.of(101, 0.2, 0.1, 7);
        ThreeWaySplit b = ThreeWaySplit.of(101, 0.2, 0.1, 7);
        assertArrayEquals(a.train(), b.train());
        assertEquals(20, a.validation().length);
        assertEquals(10, a.test().length);
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(a.train()), Arrays.stream(a.validation())),
                Arrays.stream(a.test())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 101).toArray(), all);
        assertTrue(!Arrays.equals(a.train(), ThreeWaySplit.of(101, 0.2, 0.1, 8).train()));
    }

    @Test
    void fractionsLeavingNoTrainingRowsAreRefused() {
        assertThrows(DataException.class, () -> ThreeWaySplit.of(10, 0.5, 0.5, 1));
        assertEquals("validation 0.5 and test 0.4 leave no training rows out of 2 rows",
                assertThrows(DataException.class, () -> ThreeWaySplit.of(2, 0.5, 0.4, 1)).getMessage());
        // tune's split has no validation part to name (it had said "validation 0.0 and test 0.999").
        assertEquals("test 0.999 leaves no rows to train on out of 442 rows",
                assertThrows(DataException.class, () -> ThreeWaySplit.of(442, 0, 0.999, 1)).getMessage());
    }

    /** A stratum too small to keep a training row is named, with its own size, not the whole data's. */
    @Test
    void aStratumLeftWithoutTrainingRowsIsNamed() {
        String[] g = new String[100];
        Arrays.setAll(g, i -> i < 98 ? "common" : "rare");
        DataException e = assertThrows(DataException.class, () -> ThreeWaySplit.stratified(g, 0.3, 0.3, 1));
        assertEquals("validation 0.3 and test 0.3 leave no training rows out of the 2 rows of group 'rare'",
                e.getMessage());
    }

    @Test
    void stratifiedSplitKeepsGroupProportions() {
        String[] g = new String[100];
        Arrays.setAll(g, i -> i < 80 ? "a" : "b");
        ThreeWaySplit s = ThreeWaySplit.stratified(g, 0.25, 0.25, 3);
        assertEquals(5, Arrays.stream(s.test()).filter(i -> g[i].equals("b")).count());
        assertEquals(20, Arrays.stream(s.test()).filter(i -> g[i].equals("a")).count());
        assertEquals(10, Arrays.stream(s.train()).filter(i -> g[i].equals("b")).count());
    }

    @Test
    void kFoldSizesDifferByAtMostOneAndMasksMatchFolds() {
        KFold k = KFold.of(23, 5, 11);
        int[] sizes = new int[5];
        for (int f : k.folds()) {
            sizes[f]++;
        }
        assertEquals(4, Arrays.stream(sizes).min().getAsInt());
        assertEquals(5, Arrays.stream(sizes).max().getAsInt());
        float[] mask = k.trainingMask(2);
        for (int i : k.heldOut(2)) {
            assertEquals(0f, mask[i]);
        }
        assertEquals(23 - k.heldOut(2).length, k.training(2).length);
        assertArrayEquals(k.folds(), KFold.of(23, 5, 11).folds());
    }

    @Test
    void stratifiedKFoldSpreadsEachGroupEvenly() {
        String[] g = new String[60];
        Arrays.setAll(g, i -> i % 3 == 0 ? "minority" : "majority");
        KFold k = KFold.stratified(g, 4, 5);
        for (int f = 0; f < 4; f++) {
            int fold = f;
            long minority = IntStream.range(0, 60).filter(i -> k.folds()[i] == fold && g[i].equals("minority")).count();
            assertEquals(5, minority);
        }
    }

    /** Each row its own group (an id column): the folds still follow the seed, and stay even. */
    @Test
    void stratifiedKFoldOfDistinctLabelsFollowsTheSeed() {
        String[] ids = new String[40];
        Arrays.setAll(ids, i -> "id" + i);
        KFold one = KFold.stratified(ids, 4, 1);
        KFold two = KFold.stratified(ids, 4, 2);
        assertFalse(Arrays.equals(one.folds(), two.folds()), "the seed chose nothing");
        for (KFold k : List.of(one, two)) {
            for (int f = 0; f < 4; f++) {
                assertEquals(10, k.heldOut(f).length);
            }
        }
        assertArrayEquals(one.folds(), KFold.stratified(ids, 4, 1).folds());
    }

    @Test
    void tooFewRowsForFoldsIsRefused() {
        DataException e = assertThrows(DataException.class, () -> KFold.of(3, 5, 1));
        assertEquals("5 folds need at least 5 rows, there are 3", e.getMessage());
    }

    /** The index the caller passed, said to be 0-based (a "row 2" read as the file's second data row). */
    @Test
    void aMissingGroupLabelIsNamedByItsZeroBasedIndex() {
        String[] groups = {"a", "b", null, "a"};
        DataException e = assertThrows(DataException.class, () -> KFold.stratified(groups, 2, 1));
        assertEquals("row index 2 (0-based): the group label is missing", e.getMessage());
    }
}
