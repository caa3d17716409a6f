package dev.ridgeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.DenseMatrix;
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
}
