package dev.ridgeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.testing.CsvText;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A numeric input that fitting dropped (constant on the training rows) feeds no feature: a frame may leave it
 * out, and its value, whatever it is, changes nothing. A categorical input of one category feeds none either,
 * but is still read (a new category there is refused under --unseen error), so it stays required.
 */
class UnreadInputsTest {
    private static final String TRAIN = "a,k,c,y\n1,5,red,1\n2,5,red,2\n4,5,red,3\n3,5,red,5\n";

    private static Preprocessing fitted() {
        Frame f = FrameReader.forTraining(CsvText.table(TRAIN, ','), "y", Set.of());
        return PreprocessingFitter.fit(f, new int[] {0, 1, 2, 3}, PreprocessingSpec.defaults());
    }

    @Test
    void aDroppedNumericInputIsUnreadAndLeftOutOfTheReadSchema() {
        Preprocessing p = fitted();
        assertEquals(List.of("a"), p.featureNames());
        assertEquals(Set.of("k"), p.unreadInputs());
        assertEquals(List.of("a", "k", "c"), List.copyOf(p.inputSchema().keySet()));
        assertEquals(List.of("a", "c"), List.copyOf(p.readInputSchema().keySet()));
    }

    @Test
    void aFrameWithoutTheUnreadInputEncodesAsOneWithAnyValueThere() {
        Preprocessing p = fitted();
        Frame without = FrameReader.forModelInputs(CsvText.table("a,c\n1,red\n7,red\n", ','), p.readInputSchema(),
                Set.of());
        Frame with = FrameReader.forModelInputs(CsvText.table("a,k,c\n1,5,red\n7,-1e30,red\n", ','), p.inputSchema(),
                Set.of());
        DenseMatrix x = p.transform(without);
        DenseMatrix y = p.transform(with);
        assertEquals(2, x.rows());
        for (int i = 0; i < 2; i++) {
            assertEquals(y.get(i, 0), x.get(i, 0), "row " + i);
        }
    }

    @Test
    void aFeaturelessCategoricalInputIsStillRequired() {
        Preprocessing p = fitted();
        Frame noCategory = FrameReader.forModelInputs(CsvText.table("a\n1\n", ','), java.util.Map.of("a",
                dev.ridgeline.data.ColumnKind.NUMERIC), Set.of());
        DataException e = assertThrows(DataException.class, () -> p.transform(noCategory));
        assertEquals("t.csv: no column named 'c', which the model needs", e.getMessage());
    }

    /**
     * A row of numbers holds every input, the unread one too: any finite value or NaN there changes nothing, but
     * an infinity is refused as a file's would be (it had passed silently).
     */
    @Test
    void aRowOfNumbersIsCheckedInItsUnreadInputToo() {
        Frame f = FrameReader.forTraining(CsvText.table("a,k,y\n1,5,1\n2,5,2\n4,5,3\n3,5,5\n", ','), "y", Set.of());
        Preprocessing p = PreprocessingFitter.fit(f, new int[] {0, 1, 2, 3}, PreprocessingSpec.defaults());
        assertEquals(Set.of("k"), p.unreadInputs());
        double[] z = new double[1];
        double[] other = new double[1];
        p.encode(new double[] {1, 5}, z);
        p.encode(new double[] {1, Double.NaN}, other);
        assertEquals(z[0], other[0]);
        p.encode(new double[] {1, -1e30}, other);
        assertEquals(z[0], other[0]);
        DataException e = assertThrows(DataException.class, () -> p.encode(new double[] {1,
                Double.POSITIVE_INFINITY}, new double[1]));
        assertEquals("input 1 ('k'): value Infinity is not a finite float32 number", e.getMessage());
    }
}
