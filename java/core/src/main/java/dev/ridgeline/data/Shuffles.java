package dev.ridgeline.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded Fisher-Yates shuffles and grouping of row indices, shared by the splitters and the fairness tests. */
public final class Shuffles {
    private Shuffles() {
    }

    /** 0..rows-1 in a seeded random order. */
    static int[] permutation(int rows, SplittableRandom rng) {
        int[] order = new int[rows];
        Arrays.setAll(order, i -> i);
        shuffle(order, rng);
        return order;
    }

    /** Fisher-Yates in place: a uniformly random order of {@code order}, from any starting order. */
    public static void shuffle(int[] order, SplittableRandom rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * Row indices grouped by label (groups in order of first appearance, rows ascending), each group then
     * shuffled with the same generator, so the result depends on the seed and the labels alone.
     */
    static List<int[]> shuffledGroups(String[] groups, SplittableRandom rng) {
        Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == null) {
                throw new DataException("row index " + i + " (0-based): the group label is missing");
            }
            byLabel.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> rows : byLabel.values()) {
            int[] a = rows.stream().mapToInt(Integer::intValue).toArray();
            shuffle(a, rng);
            out.add(a);
        }
        return out;
    }
}
