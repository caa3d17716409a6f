package dev.ridgeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.model.LinearModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardizerTest {
    @Test
    void populationStandardDeviationAndConstantColumn() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 7}, {3, 7}});
        Standardizer s = Standardizer.fit(x);
        assertEquals(2.0, s.mean(0), 0);
        assertEquals(1.0, s.scale(0), 0); // population sd of {1, 3}
        assertEquals(1.0, s.scale(1), 0); // constant column keeps scale 1
        DenseMatrix z = s.transform(x);
        assertEquals(-1f, z.get(0, 0));
        assertEquals(1f, z.get(1, 0));
        assertEquals(0f, z.get(1, 1));
    }

    /** A model of numeric inputs (names and their standardiser) needs one mean and scale per name. */
    @Test
    void aStandardiserOfAnotherWidthThanTheNamesIsRefused() {
        Standardizer one = new Standardizer(new double[] {0}, new double[] {1});
        IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(List.of("a", "b"), one, new double[2], 0));
        assertEquals("2 feature names for a standardiser of 1 columns", shorter.getMessage());
        Standardizer two = new Standardizer(new double[] {0, 5}, new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.of(List.of("a"), two));
    }
}
