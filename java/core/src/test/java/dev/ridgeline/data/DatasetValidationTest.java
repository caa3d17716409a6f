package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rejected input names what is wrong and where. */
class DatasetValidationTest {
    private static DenseMatrix twoByTwo(float a) {
        return DenseMatrix.of(new float[][] {{1, 2}, {3, a}});
    }

    @Test
    void nanFeatureNamesRowAndColumn() {
        DataException e = assertThrows(DataException.class, () -> Dataset.builder(twoByTwo(Float.NaN))
                .featureNames(List.of("age", "bmi")).target("y", new float[] {1, 2}).build());
        assertEquals("row 1, column 'bmi': value NaN is not a finite number", e.getMessage());
    }

    /**
     * Names a model could not keep are refused when the dataset is built: duplicates (also two spellings of one
     * name in NFC), empty or null names and a feature named as the target used to train, then fail (or, for the
     * target's name, to save a model whose input and target were one column).
     */
    @Test
    void featureNamesAModelCouldNotKeepAreRefusedWhenBuilt() {
        DataException twice = assertThrows(DataException.class, () -> Dataset.builder(twoByTwo(4))
                .featureNames(List.of("a", "a")).target("y", new float[] {1, 2}).build());
        assertEquals("feature column 1 repeats the name 'a' of column 0", twice.getMessage());
        DataException composedTwice = assertThrows(DataException.class, () -> Dataset.builder(twoByTwo(4))
                .featureNames(List.of("caf\u00e9", "cafe\u0301")).target("y", new float[] {1, 2}).build());
        assertEquals("feature column 1 repeats the name 'cafe\u0301' of column 0", composedTwice.getMessage());
        DataException empty = assertThrows(DataException.class, () -> Dataset.builder(twoByTwo(4))
                .featureNames(List.of("a", "")).target("y", new float[] {1, 2}).build());
        assertEquals("feature column 1 has an empty name", empty.getMessage());
        NullPointerException none = assertThrows(NullPointerException.class, () -> Dataset.builder(twoByTwo(4))
                .featureNames(java.util.Arrays.asList("a", null)).target("y", new float[] {1, 2}).build());
        assertEquals("featureNames: column 1 has no name (null)", none.getMessage());
        DataException target = assertThrows(DataException.class, () -> Dataset.builder(twoByTwo(4))
                .featureNames(List.of("t", "b")).target("t", new float[] {1, 2}).build());
        assertEquals("feature column 0 is named 't', as a target is; the target is not a feature", target.getMessage());
        DataException unnamed = assertThrows(DataException.class, () -> Dataset.builder(twoByTwo(4))
                .featureNames(List.of("y", "b")).target("", new float[] {1, 2}).build());
        assertEquals("feature column 0 is named 'y', the name a model gives a target named \"\": name the target",
                unnamed.getMessage());
        assertEquals(List.of("x0", "x1"), Dataset.of(twoByTwo(4), new float[] {1, 2}).featureNames(),
                "the default names are still accepted");
    }

    @Test
    void infiniteFeatureIsRejected() {
        DataException e = assertThrows(DataException.class,
                () -> Dataset.of(twoByTwo(Float.POSITIVE_INFINITY), new float[] {1, 2}));
        assertEquals("row 1, column 'x1': value Infinity is not a finite number", e.getMessage());
    }

    @Test
    void nanTargetIsRejected() {
        DataException e = assertThrows(DataException.class, () -> Dataset.of(twoByTwo(4), new float[] {1, Float.NaN}));
        assertEquals("row 1, target 'y': value NaN is not a finite number", e.getMessage());
    }

    @Test
    void negativeWeightIsRejected() {
        DataException e = assertThrows(DataException.class, () -> Dataset.builder(twoByTwo(4))
                .target("y", new float[] {1, 2}).weights(new float[] {1, -0.5f}).build());
        assertEquals("row 1, weight column: weight -0.5 is negative", e.getMessage());
    }

    @Test
    void allZeroWeightsAreRejected() {
        DataException e = assertThrows(DataException.class, () -> Dataset.builder(twoByTwo(4))
                .target("y", new float[] {1, 2}).weights(new float[] {0, 0}).build());
        assertTrue(e.getMessage().contains("every row weight is zero"));
    }

    @Test
    void shapeMismatchIsRejected() {
        DataException e = assertThrows(DataException.class, () -> Dataset.of(twoByTwo(4), new float[] {1, 2, 3}));
        assertEquals("the target 'y' has 3 rows, the features have 2", e.getMessage());
    }

    @Test
    void emptyDataIsRejected() {
        DataException rows = assertThrows(DataException.class,
                () -> Dataset.of(DenseMatrix.zeros(0, 3), new float[0]));
        assertEquals("the data has no rows", rows.getMessage());
        DataException cols = assertThrows(DataException.class,
                () -> Dataset.of(DenseMatrix.zeros(2, 0), new float[2]));
        assertEquals("the data has no feature columns", cols.getMessage());
    }

    @Test
    void featureNameCountMustMatch() {
        DataException e = assertThrows(DataException.class, () -> Dataset.builder(twoByTwo(4))
                .featureNames(List.of("a")).target("y", new float[] {1, 2}).build());
        assertEquals("there are 1 feature names for 2 columns", e.getMessage());
    }

    @Test
    void raggedRowsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenseMatrix.of(new float[][] {{1, 2}, {3}}));
        assertEquals("row 1 has 1 values, expected 2", e.getMessage());
    }
}
