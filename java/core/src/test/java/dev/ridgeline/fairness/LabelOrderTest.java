package dev.ridgeline.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LabelOrderTest {

    @Test
    void numericBinsReadInTheirOrderNotTheirTextOrder() {
        String[] labels = {"[9, 19)", "[30, 39]", "[0, 9)", "[19, 30)", "[9, 19)"};
        assertEquals(List.of("[0, 9)", "[9, 19)", "[19, 30)", "[30, 39]"),
                List.copyOf(GroupLabels.rowsByGroup(labels).keySet()));
        assertEquals(List.of("[-10, -5)", "[-5, 0.5)", "[0.5, 1e+03]"), sorted("[0.5, 1e+03]", "[-5, 0.5)", "[-10, -5)"));
        assertEquals(List.of("age=[2, 10), sex=F", "age=[2, 10), sex=M", "age=[10, 20), sex=F"),
                sorted("age=[10, 20), sex=F", "age=[2, 10), sex=M", "age=[2, 10), sex=F"));
        // Text stays text order; a hyphen after a letter is text.
        assertEquals(List.of("F", "M", "a-2", "a-b"), sorted("a-b", "M", "a-2", "F"));
    }

    /** A comparator that is not a total order would make the group map lose or split groups. */
    @Test
    void theOrderIsTotalOnRandomLabels() {
        SplittableRandom rng = new SplittableRandom(3);
        String alphabet = "ab-1 9.e[,)";
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder s = new StringBuilder();
            for (int c = rng.nextInt(1, 7); c > 0; c--) {
                s.append(alphabet.charAt(rng.nextInt(alphabet.length())));
            }
            labels.add(s.toString());
        }
        for (String x : labels) {
            assertEquals(0, LabelOrder.INSTANCE.compare(x, x));
            for (String y : labels) {
                int xy = Integer.signum(LabelOrder.INSTANCE.compare(x, y));
                assertEquals(-xy, Integer.signum(LabelOrder.INSTANCE.compare(y, x)), x + " / " + y);
                if (xy == 0) {
                    assertEquals(x, y);
                }
                for (int k = 0; k < 20 && xy < 0; k++) {
                    String z = labels.get(rng.nextInt(labels.size()));
                    if (LabelOrder.INSTANCE.compare(y, z) < 0) {
                        assertEquals(-1, Integer.signum(LabelOrder.INSTANCE.compare(x, z)), x + " < " + y + " < " + z);
                    }
                }
            }
        }
    }

    private static List<String> sorted(String... labels) {
        List<String> out = new ArrayList<>(List.of(labels));
        out.sort(LabelOrder.INSTANCE);
        return out;
    }

    /** A number run sorts before a text run; labels equal run by run ("1" and "1.0") stay two groups, in text order. */
    @Test
    void numbersBeforeTextAndEqualRunsFallBackToText() {
        assertEquals(List.of("10", "a"), sorted("a", "10"));
        assertTrue(LabelOrder.INSTANCE.compare("1", "1.0") < 0);
        assertEquals(List.of("1", "1.0"), List.copyOf(GroupLabels.rowsByGroup(new String[] {"1.0", "1", "1.0"}).keySet()));
    }
}
