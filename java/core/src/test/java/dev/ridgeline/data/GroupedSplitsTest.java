package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Grouped splits and grouped k-fold: each group's rows stay together, and the parts come near their sizes. */
class GroupedSplitsTest {
    /** 40 units of 5 rows each, their rows interleaved (unit i % 40), as repeated measures usually are. */
    private static String[] units(int units, int rowsEach) {
        String[] g = new String[units * rowsEach];
        Arrays.setAll(g, i -> "u" + (i % units));
        return g;
    }

    /** The part (0 train, 1 validation, 2 test) of every row. */
    private static int[] partOf(ThreeWaySplit s, int rows) {
        int[] part = new int[rows];
        Arrays.fill(part, -1);
        int[][] parts = {s.train(), s.validation(), s.test()};
        for (int p = 0; p < 3; p++) {
            for (int row : parts[p]) {
                assertEquals(-1, part[row], "row " + row + " in two parts");
                part[row] = p;
            }
        }
        assertFalse(Arrays.stream(part).anyMatch(p -> p < 0), "a row in no part");
        return part;
    }

    @Test
    void aGroupedSplitKeepsEveryGroupInOnePartAndHitsWholeGroupSizes() {
        String[] g = units(40, 5);
        ThreeWaySplit s = ThreeWaySplit.grouped(g, 0.1, 0.23, 11);
        int[] part = partOf(s, g.length);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < g.length; i++) {
            Integer before = seen.putIfAbsent(g[i], part[i]);
            assertTrue(before == null || before == part[i], "group " + g[i] + " in two parts");
        }
        // round(0.23 * 200) = 46 rows: the closest whole number of 5-row groups is 45; 0.1 asks for 20, exactly 4.
        assertEquals(45, s.test().length);
        assertEquals(20, s.validation().length);
        assertEquals(135, s.train().length);
        assertEquals(s, ThreeWaySplit.grouped(g, 0.1, 0.23, 11), "seeded");
        assertFalse(Arrays.equals(s.test(), ThreeWaySplit.grouped(g, 0.1, 0.23, 12).test()), "another seed");
    }

    /** Groups of unequal size: the test part misses its size by less than the largest group. */
    @Test
    void theTestPartMissesItsSizeByLessThanTheGroupThatEndsIt() {
        String[] g = new String[1000];
        int[] sizes = {1, 2, 3, 5, 8, 13, 21, 34};
        int row = 0;
        for (int unit = 0; row < g.length; unit++) {
            for (int r = 0; r < sizes[unit % sizes.length] && row < g.length; r++) {
                g[row++] = "u" + unit;
            }
        }
        for (long seed = 0; seed < 50; seed++) {
            ThreeWaySplit s = ThreeWaySplit.grouped(g, 0, 0.2, seed);
            partOf(s, g.length);
            assertTrue(Math.abs(s.test().length - 200) <= 34, seed + ": " + s.test().length + " test rows");
        }
    }

    /**
     * One unit with most of the rows and many small ones: the large unit trains, wherever the seed puts it in the
     * order, and the held-out parts are filled from the small ones (taking the next group whatever its size had
     * put the large one in validation and left training 4 to 19 rows).
     */
    @Test
    void aDominantGroupTrainsAndTheSmallOnesFillTheHeldOutParts() {
        String[] g = new String[200];
        Arrays.setAll(g, i -> i < 180 ? "big" : "u" + i);
        for (long seed = 0; seed < 40; seed++) {
            ThreeWaySplit s = ThreeWaySplit.grouped(g, 0.2, 0.2, seed);
            int[] part = partOf(s, g.length);
            assertEquals(0, part[0], seed + ": the large group trains");
            assertEquals(180, s.train().length, seed + ": " + s);
            assertEquals(10, s.validation().length, seed + ": the 20 small groups shared between the held-out parts");
            assertEquals(10, s.test().length, String.valueOf(seed));
            ThreeWaySplit validationOnly = ThreeWaySplit.grouped(g, 0.2, 0, seed);
            assertEquals(20, validationOnly.validation().length, seed + ": every small group, the nearest to 40 rows");
            assertEquals(180, validationOnly.train().length, String.valueOf(seed));
        }
    }

    /**
     * Unequal held-out fractions beside one dominant group: the small groups all went to the part that lacked more,
     * and the empty part, allowed to take only from training (the dominant group alone), had the split refused for
     * want of groups; it takes one from the other held-out part instead.
     */
    @Test
    void anEmptyHeldOutPartTakesFromTheOtherWhenTrainingHasOneGroup() {
        String[] g = new String[200];
        Arrays.setAll(g, i -> i < 180 ? "big" : "u" + i);
        for (double[] f : new double[][] {{0.2, 0.05}, {0.2, 0.1}, {0.05, 0.2}, {0.3, 0.05}}) {
            for (long seed = 0; seed < 20; seed++) {
                ThreeWaySplit s = ThreeWaySplit.grouped(g, f[0], f[1], seed);
                String at = f[0] + "/" + f[1] + " seed " + seed;
                assertEquals(180, s.train().length, at + ": the large group trains alone");
                assertTrue(s.validation().length >= 1 && s.test().length >= 1, at + ": " + s);
                assertEquals(20, s.validation().length + s.test().length, at);
                int[] part = partOf(s, g.length);
                assertEquals(0, part[0], at);
            }
        }
    }

    /** A part asked for rows gets a whole group even when that group is far larger than the part's share. */
    @Test
    void aPartAskedForRowsGetsAtLeastOneGroup() {
        String[] g = units(3, 40);
        ThreeWaySplit s = ThreeWaySplit.grouped(g, 0.05, 0.05, 1);
        assertEquals(40, s.validation().length);
        assertEquals(40, s.test().length);
        assertEquals(40, s.train().length);
        assertEquals(0, ThreeWaySplit.grouped(g, 0, 0, 1).test().length, "a part asked for nothing gets nothing");
    }

    @Test
    void tooFewGroupsForTheHeldOutPartsAreRefused() {
        DataException e = assertThrows(DataException.class, () -> ThreeWaySplit.grouped(units(2, 10), 0.2, 0.2, 1));
        assertEquals("validation 0.2 and test 0.2 leave no group for training out of 2 (each part takes whole groups,"
                + " at least one when it is asked for a row)", e.getMessage());
        assertEquals(10, ThreeWaySplit.grouped(units(2, 10), 0.2, 0, 1).train().length);
    }

    @Test
    void groupedKFoldKeepsGroupsWholeAndEvensFoldSizes() {
        String[] g = new String[300];
        int row = 0;
        for (int unit = 0; row < g.length; unit++) {
            for (int r = 0; r < 1 + unit % 7 && row < g.length; r++) {
                g[row++] = "u" + unit;
            }
        }
        KFold k = KFold.grouped(g, 5, 3);
        int[] folds = k.folds();
        Map<String, Integer> foldOf = new HashMap<>();
        for (int i = 0; i < g.length; i++) {
            Integer before = foldOf.putIfAbsent(g[i], folds[i]);
            assertTrue(before == null || before == folds[i], "group " + g[i] + " in two folds");
        }
        int[] sizes = new int[5];
        for (int f : folds) {
            sizes[f]++;
        }
        // Largest group first into the lightest fold: no fold ends more than the largest group (7) above another.
        int spread = Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt();
        assertTrue(spread <= 7, Arrays.toString(sizes));
        assertEquals(k, KFold.grouped(g, 5, 3), "seeded");
    }

    /** With one row per group it is plain k-fold in what it guarantees: sizes within one, the seed decides. */
    @Test
    void groupedKFoldOfDistinctLabelsFollowsTheSeed() {
        String[] g = new String[23];
        Arrays.setAll(g, i -> "r" + i);
        KFold a = KFold.grouped(g, 4, 1);
        int[] sizes = new int[4];
        Arrays.stream(a.folds()).forEach(f -> sizes[f]++);
        assertArrayEquals(new int[] {6, 6, 6, 5}, sizes);
        assertFalse(Arrays.equals(a.folds(), KFold.grouped(g, 4, 2).folds()));
        assertFalse(Arrays.equals(a.folds(), IntStream.range(0, 23).map(i -> i % 4).toArray()),
                "not the order of the rows");
    }

    @Test
    void groupedKFoldNeedsAsManyGroupsAsFolds() {
        DataException e = assertThrows(DataException.class, () -> KFold.grouped(units(3, 10), 5, 1));
        assertEquals("5 folds that keep each group whole need at least 5 groups, there are 3", e.getMessage());
    }
}
