package dev.ridgeline.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded split of row indices into training, validation and test parts, no row in two of them nor twice in
 * one (each part ascending; stratified, ascending within each group, the groups one after another). With group
 * labels the split is either stratified (each group is split in the same fractions, so every part keeps the
 * group proportions of the whole, up to rounding within each group) or grouped (each group's rows stay in
 * one part, so the held-out parts measure groups the training never saw).
 */
public record ThreeWaySplit(int[] train, int[] validation, int[] test) {
    // Copied in and out: a caller's change to a part it was handed cannot move rows between parts.
    public ThreeWaySplit {
        train = java.util.Objects.requireNonNull(train, "train").clone();
        validation = java.util.Objects.requireNonNull(validation, "validation").clone();
        test = java.util.Objects.requireNonNull(test, "test").clone();
        requireDisjoint(train, validation, test);
    }

    /**
     * Refuses a negative row and a row given twice, in one part or in two: a validation row that also trains
     * would make the validation metrics optimistic without a word.
     */
    private static void requireDisjoint(int[] train, int[] validation, int[] test) {
        java.util.BitSet seen = new java.util.BitSet();
        String[] names = {"train", "validation", "test"};
        int[][] parts = {train, validation, test};
        for (int p = 0; p < parts.length; p++) {
            for (int row : parts[p]) {
                if (row < 0) {
                    throw new IllegalArgumentException(names[p] + " holds the negative row " + row);
                }
                if (seen.get(row)) {
                    throw new IllegalArgumentException("row " + row + " is given twice (found again in " + names[p]
                            + "): each row belongs to one part, once");
                }
                seen.set(row);
            }
        }
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] validation() {
        return validation.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThreeWaySplit s && Arrays.equals(train, s.train) && Arrays.equals(validation, s.validation)
                && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(train) + Arrays.hashCode(validation)) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "ThreeWaySplit[train=" + Arrays.toString(train) + ", validation=" + Arrays.toString(validation)
                + ", test=" + Arrays.toString(test) + "]";
    }

    /** Holds out {@code round(f * rows)} rows for validation and for test, from one seeded shuffle. */
    public static ThreeWaySplit of(int rows, double validationFraction, double testFraction, long seed) {
        if (rows < 0) {
            throw new IllegalArgumentException("a split needs a row count >= 0, got " + rows);
        }
        check(validationFraction, testFraction);
        int[] order = Shuffles.permutation(rows, new SplittableRandom(seed));
        return cut(order, validationFraction, testFraction, rows + " rows");
    }

    /** The same, stratified by {@code groups} (one label per row). */
    public static ThreeWaySplit stratified(String[] groups, double validationFraction, double testFraction, long seed) {
        Objects.requireNonNull(groups, "groups");
        check(validationFraction, testFraction);
        List<int[]> byGroup = Shuffles.shuffledGroups(groups, new SplittableRandom(seed));
        List<ThreeWaySplit> cuts = new java.util.ArrayList<>(byGroup.size());
        for (int[] g : byGroup) {
            // A group too small to keep a training row after its rounded shares is named: the whole data's
            // row count would not explain the failure.
            String what = "the " + (g.length == 1 ? "1 row" : g.length + " rows") + " of group '" + groups[g[0]]
                    + "'";
            cuts.add(cut(g, validationFraction, testFraction, what));
        }
        // Each part's rows gathered once (appending group by group had copied them again for every group).
        return new ThreeWaySplit(gathered(cuts, s -> s.train), gathered(cuts, s -> s.validation),
                gathered(cuts, s -> s.test));
    }

    /** One part of every group's split, in one array: each group's rows ascending, group after group. */
    private static int[] gathered(List<ThreeWaySplit> cuts, java.util.function.Function<ThreeWaySplit, int[]> part) {
        int[] out = new int[cuts.stream().mapToInt(s -> part.apply(s).length).sum()];
        int at = 0;
        for (ThreeWaySplit s : cuts) {
            int[] rows = part.apply(s);
            System.arraycopy(rows, 0, out, at, rows.length);
            at += rows.length;
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * Each group's rows in one part: for repeated measures of one unit (a patient, a customer, a site), whose
     * rows on both sides of a split would let the held-out figures reward memorising the unit. The groups are
     * taken in a seeded order, and each goes to the held-out part (test, validation) that still lacks the most
     * rows of round(f m) among those it brings nearer their size (a group of s rows does when s is below twice
     * what the part lacks), else to training. So a very large group, which no held-out part can take without
     * overshooting it by more than it lacks, trains; the held-out parts are filled from the others. A part asked
     * for 1 row or more that took no group then takes the smallest training group (the first in the order
     * among equals), so its size may miss the fraction by up to that group, or, when training holds one group
     * only, the other held-out part's smallest if that part keeps one; an error when neither can give one.
     */
    public static ThreeWaySplit grouped(String[] groups, double validationFraction, double testFraction, long seed) {
        Objects.requireNonNull(groups, "groups");
        check(validationFraction, testFraction);
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> byGroup = Shuffles.shuffledGroups(groups, rng);
        int[] order = Shuffles.permutation(byGroup.size(), rng);
        long[] asked = {0, Math.round(validationFraction * groups.length), Math.round(testFraction * groups.length)};
        long[] lacking = asked.clone();
        int[] partOf = new int[byGroup.size()];  // 0 train, 1 validation, 2 test
        boolean[] taken = new boolean[3];
        for (int g : order) {
            int size = byGroup.get(g).length;
            int best = 0;
            for (int part = 2; part >= 1; part--) {  // test first on a tie
                if (size < 2 * lacking[part] && (best == 0 || lacking[part] > lacking[best])) {
                    best = part;
                }
            }
            partOf[g] = best;
            lacking[best] -= size;
            taken[best] = true;
        }
        for (int part = 2; part >= 1; part--) {
            if (asked[part] >= 1 && !taken[part]) {
                // Training gives up its smallest group while it keeps one; else the other held-out part does while
                // it keeps one (a 180-row unit beside 20 one-row ones, asked 0.2 and 0.1: the one-row units had all
                // gone to validation, and the split was refused for want of units).
                int other = 3 - part;
                int donor = groupsIn(partOf, 0) > 1 ? 0 : groupsIn(partOf, other) > 1 ? other : -1;
                if (donor < 0) {
                    throw noGroupForTraining(validationFraction, testFraction, order.length);
                }
                partOf[smallestGroupIn(byGroup, order, partOf, donor)] = part;
                taken[part] = true;
            }
        }
        if (groupsIn(partOf, 0) == 0) {
            throw noGroupForTraining(validationFraction, testFraction, order.length);
        }
        return new ThreeWaySplit(rowsOf(byGroup, partOf, 0), rowsOf(byGroup, partOf, 1), rowsOf(byGroup, partOf, 2));
    }

    private static DataException noGroupForTraining(double vf, double tf, int groups) {
        return new DataException(String.format(java.util.Locale.ROOT, "validation %s and test %s leave no group for "
                + "training out of %d (each part takes whole groups, at least one when it is asked for a row)", vf, tf,
                groups));
    }

    /** The smallest group in {@code part}, the first in {@code order} among equals; -1 when the part has none. */
    private static int smallestGroupIn(List<int[]> byGroup, int[] order, int[] partOf, int part) {
        int smallest = -1;
        for (int g : order) {
            if (partOf[g] == part && (smallest < 0 || byGroup.get(g).length < byGroup.get(smallest).length)) {
                smallest = g;
            }
        }
        return smallest;
    }

    /** How many groups {@code part} (0 train, 1 validation, 2 test) holds. */
    private static int groupsIn(int[] partOf, int part) {
        return (int) Arrays.stream(partOf).filter(p -> p == part).count();
    }

    /** The rows of the groups in {@code part}, ascending: counted first, then copied once each. */
    private static int[] rowsOf(List<int[]> byGroup, int[] partOf, int part) {
        int rows = 0;
        for (int g = 0; g < partOf.length; g++) {
            rows += partOf[g] == part ? byGroup.get(g).length : 0;
        }
        int[] out = new int[rows];
        int at = 0;
        for (int g = 0; g < partOf.length; g++) {
            if (partOf[g] == part) {
                System.arraycopy(byGroup.get(g), 0, out, at, byGroup.get(g).length);
                at += byGroup.get(g).length;
            }
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * The training rows a plain split ({@link #of}) of {@code rows} leaves: the rest after round(tf n) test and
     * round(vf n) validation rows; 0 or less when none (which {@link #of} refuses), so that a caller can name the
     * problem in its own terms first.
     */
    public static int trainingRows(int rows, double validationFraction, double testFraction) {
        return rows - (int) Math.round(testFraction * rows) - (int) Math.round(validationFraction * rows);
    }

    /** Shape: order (n row indices) -> test round(tf n), validation round(vf n), training the rest (>= 1). */
    private static ThreeWaySplit cut(int[] order, double vf, double tf, String rows) {
        int n = order.length;
        int nTest = (int) Math.round(tf * n);
        int nVal = (int) Math.round(vf * n);
        if (trainingRows(n, vf, tf) < 1) {
            // Without a validation part (tune's split, --holdout 0) there is none to name.
            throw new DataException(vf == 0
                    ? String.format(java.util.Locale.ROOT, "test %s leaves no rows to train on out of %s", tf, rows)
                    : String.format(java.util.Locale.ROOT, "validation %s and test %s leave no training rows out of %s",
                            vf, tf, rows));
        }
        int[] test = Arrays.copyOfRange(order, 0, nTest);
        int[] val = Arrays.copyOfRange(order, nTest, nTest + nVal);
        int[] train = Arrays.copyOfRange(order, nTest + nVal, n);
        Arrays.sort(test);
        Arrays.sort(val);
        Arrays.sort(train);
        return new ThreeWaySplit(train, val, test);
    }

    private static void check(double vf, double tf) {
        if (!(vf >= 0 && vf < 1) || !(tf >= 0 && tf < 1) || !(vf + tf < 1)) {
            throw new DataException("validation and test fractions must be in [0, 1) with a sum below 1, got "
                    + vf + " and " + tf);
        }
    }
}
