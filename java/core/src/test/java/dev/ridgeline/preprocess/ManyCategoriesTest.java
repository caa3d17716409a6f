package dev.ridgeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.testing.CsvText;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A categorical column of many categories: fitted from counts, checked by lookup, and refused when too wide. */
class ManyCategoriesTest {
    /** Rows of a numeric column and a categorical one: category i % k, row 3 missing. */
    private static Frame frame(int rows, int k) {
        StringBuilder csv = new StringBuilder("x,cat,y\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(',').append(i == 3 ? "" : "c" + (i % k)).append(',').append(i % 7).append('\n');
        }
        return FrameReader.forTraining(CsvText.table(csv.toString(), ','), "y", Set.of());
    }

    @Test
    void eachIndicatorHasTheShiftAndSpreadOfItsZeroOneValues() {
        Frame f = frame(50, 6);
        int[] train = new int[40];
        java.util.Arrays.setAll(train, i -> i);
        for (MissingPolicy missing : new MissingPolicy[] {MissingPolicy.MEAN, MissingPolicy.DROP}) {
            Preprocessing p = PreprocessingFitter.fit(f, missing == MissingPolicy.DROP ? dropRow3(train) : train,
                    new PreprocessingSpec(missing, ScaleKind.ZSCORE, UnseenCategory.ERROR));
            for (EncodedFeature feat : p.features()) {
                if (feat.category() == null) {
                    continue;
                }
                String fill = p.inputs().get(feat.input()).fillLabel();
                double n = 0;
                double sum = 0;
                for (int i : missing == MissingPolicy.DROP ? dropRow3(train) : train) {
                    String label = f.label(1, i) == null ? fill : f.label(1, i);
                    n++;
                    sum += label.equals(feat.category()) ? 1 : 0;
                }
                double mean = sum / n;
                double ss = 0;
                for (int i : missing == MissingPolicy.DROP ? dropRow3(train) : train) {
                    String label = f.label(1, i) == null ? fill : f.label(1, i);
                    double v = label.equals(feat.category()) ? 1 : 0;
                    ss += (v - mean) * (v - mean);
                }
                assertEquals(mean, feat.shift(), 1e-15, feat.name());
                assertEquals(Math.sqrt(ss / n), feat.scale(), 1e-15, feat.name());
            }
        }
    }

    private static int[] dropRow3(int[] rows) {
        return java.util.Arrays.stream(rows).filter(i -> i != 3).toArray();
    }

    @Test
    void anEncodedMatrixWiderThanTheHeapIsRefusedNamingTheColumn() {
        Frame f = frame(3_000, 2_000);
        Preprocessing p = PreprocessingFitter.fit(f, java.util.stream.IntStream.range(0, 3_000).toArray(),
                new PreprocessingSpec(MissingPolicy.MEAN, ScaleKind.ZSCORE, UnseenCategory.ERROR));
        assertEquals(2_001, p.features().size());
        DataException e = assertThrows(DataException.class, () -> p.requireRoom("t.csv", 3_000_000, 1L << 30));
        assertEquals("t.csv: the encoded matrix of 3,000,000 rows x 2,001 features takes 22,899 MiB of float32, more"
                + " than the 1,024 MiB heap (one-hot features of categorical columns: 'cat' 2,000; group rare"
                + " categories or leave such a column out); raise it, e.g. RIDGELINE_JAVA_OPTS=-Xmx45g, or use fewer"
                + " rows", e.getMessage());
        p.requireRoom("t.csv", 3_000, 1L << 30); // 23 MiB: room
        // On a machine of 16 GiB the 45 GiB heap is no remedy: it is not suggested.
        DataException beyond = assertThrows(DataException.class,
                () -> p.requireRoom("t.csv", 3_000_000, 1L << 30, 16L << 30));
        assertEquals("t.csv: the encoded matrix of 3,000,000 rows x 2,001 features takes 22,899 MiB of float32, more"
                + " than the 1,024 MiB heap (one-hot features of categorical columns: 'cat' 2,000; group rare"
                + " categories or leave such a column out); a heap large enough (about 45 GiB) is more than this"
                + " machine's 16,384 MiB of memory, so use fewer rows or features", beyond.getMessage());
    }

    @Test
    void anUnseenCategoryListsAFewOfTheKnownOnes() {
        Frame f = frame(100, 50);
        Preprocessing p = PreprocessingFitter.fit(f, java.util.stream.IntStream.range(0, 100).toArray(),
                new PreprocessingSpec(MissingPolicy.MEAN, ScaleKind.ZSCORE, UnseenCategory.ERROR));
        Frame unseen = FrameReader.forTraining(CsvText.table("x,cat,y\n1,new,2\n", ','), "y", Set.of());
        DataException e = assertThrows(DataException.class, () -> p.transform(unseen));
        assertEquals(true, e.getMessage().contains("c0, c1, c10, c11,") && e.getMessage().contains(", ... (50 in all)]"),
                e.getMessage());
    }
}
