package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CrossPartCopies#count} against the definition, row pair by row pair: a row of weight above 0 in part p is a
 * copy when a row of weight above 0 in a part q that trains p's model holds the same inputs and target; the first
 * copy in file order, and the first row of the first such q, are the lines named.
 */
class CrossPartCopiesCountTest {
    @Test
    void countsEveryPartAsThePairwiseDefinitionDoes() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 40; trial++) {
            int m = 1 + random.nextInt(300);
            int records = 1 + random.nextInt(m);
            StringBuilder csv = new StringBuilder("a,city,w,y\n");
            for (int i = 0; i < m; i++) {
                int r = random.nextInt(records);
                // Values that differ only in their sign of zero, or in their text, are one and not one record.
                String a = r % 7 == 0 ? (random.nextBoolean() ? "0" : "-0") : Integer.toString(r % 5);
                String city = r % 3 == 0 ? "" : "c" + (r / 5);
                String w = random.nextInt(6) == 0 ? "0" : "1";
                csv.append(a).append(',').append(city).append(',').append(w).append(',').append(r % 4).append('\n');
            }
            Frame frame = FrameReader.forTraining(CsvTable.read(new ByteArrayInputStream(
                    csv.toString().getBytes(StandardCharsets.UTF_8)), "t.csv", ','), "y", "w", Set.of("city"));
            int parts = 1 + random.nextInt(4);
            int[] part = new int[m];
            for (int i = 0; i < m; i++) {
                part[i] = random.nextInt(parts);
            }
            boolean[][] trainsFor = new boolean[parts][parts];
            for (int q = 0; q < parts; q++) {
                for (int p = 0; p < parts; p++) {
                    trainsFor[q][p] = q != p && random.nextInt(3) > 0;
                }
            }
            CrossPartCopies.Count[] counts = CrossPartCopies.count(frame, part, trainsFor);
            for (int p = 0; p < parts; p++) {
                assertEquals(pairwise(frame, part, trainsFor, p), counts[p], "trial " + trial + ", part " + p);
            }
        }
    }

    /** The definition, over every pair of rows. */
    private static CrossPartCopies.Count pairwise(Frame f, int[] part, boolean[][] trainsFor, int p) {
        int scored = 0;
        int copies = 0;
        long line = -1;
        long copyOf = -1;
        for (int i = 0; i < f.rows(); i++) {
            if (part[i] != p || !(f.weight(i) > 0)) {
                continue;
            }
            scored++;
            int[] firstOfPart = new int[trainsFor.length];
            java.util.Arrays.fill(firstOfPart, -1);
            for (int j = f.rows() - 1; j >= 0; j--) {
                if (f.weight(j) > 0 && sameValues(f, i, j)) {
                    firstOfPart[part[j]] = j;
                }
            }
            for (int q = 0; q < trainsFor.length; q++) {
                if (q != p && trainsFor[q][p] && firstOfPart[q] >= 0) {
                    if (copies++ == 0) {
                        line = f.line(i);
                        copyOf = f.line(firstOfPart[q]);
                    }
                    break;
                }
            }
        }
        return new CrossPartCopies.Count(scored, copies, line, copyOf);
    }

    private static boolean sameValues(Frame f, int a, int b) {
        for (int c = 0; c < f.columns(); c++) {
            boolean numeric = f.kind(c) == dev.ridgeline.data.ColumnKind.NUMERIC;
            if (numeric ? f.number(c, a) != f.number(c, b) && !(Double.isNaN(f.number(c, a))
                    && Double.isNaN(f.number(c, b))) : !java.util.Objects.equals(f.label(c, a), f.label(c, b))) {
                return false;
            }
        }
        return f.target(a) == f.target(b);
    }
}
