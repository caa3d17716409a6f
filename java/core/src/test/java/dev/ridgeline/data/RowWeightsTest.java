package dev.ridgeline.data;

import static dev.ridgeline.testing.CsvText.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A column of row weights: read, checked, kept out of the features, carried through row selection and missing values. */
class RowWeightsTest {
    private static final String CSV = "a,w,c,y\n1,2,u,10\n2,0,v,20\n3,0.5,u,30\n";

    @Test
    void theWeightColumnIsReadAndIsNotAFeature() {
        Frame f = FrameReader.forTraining(table(CSV, ','), "y", "w", Set.of());
        assertEquals(java.util.List.of("a", "c"), f.names());
        assertEquals("w", f.weightName());
        assertArrayEquals(new float[] {2, 0, 0.5f}, f.weightFloats());
        Frame picked = f.selectRows(new int[] {2, 0});
        assertArrayEquals(new float[] {0.5f, 2}, picked.weightFloats());
        assertEquals("w", picked.weightName());
    }

    @Test
    void withoutAWeightColumnEveryRowWeighsOne() {
        Frame f = FrameReader.forTraining(table(CSV, ','), "y", Set.of());
        assertFalse(f.hasWeights());
        assertNull(f.weightFloats());
        assertEquals(1.0, f.weight(1));
        assertEquals(3, f.columns(), "w is a feature when not named as weights");
    }

    @Test
    void badWeightsAreErrorsNamingTheirPlace() {
        assertEquals("t.csv, line 3, column 'w': weight '-1' is negative; row weights must be >= 0",
                message(() -> FrameReader.forTraining(table("a,w,y\n1,1,1\n2,-1,2\n", ','), "y", "w", Set.of())));
        assertEquals("t.csv, line 2, column 'w': value 'heavy' is not a number",
                message(() -> FrameReader.forTraining(table("a,w,y\n1,heavy,1\n", ','), "y", "w", Set.of())));
        // Text or a number beyond float32 is a bad weight too, for a caller that adds its own remedy.
        assertEquals("t.csv, line 3, column 'w': value 'inf' is not a finite float32 number", assertThrows(
                RowWeightException.class, () -> FrameReader.forModel(table("a,w\n1,3\n2,inf\n", ','),
                        Map.of("a", ColumnKind.NUMERIC), "y", "w")).problem());
        assertThrows(RowWeightException.class,
                () -> FrameReader.forTraining(table("a,w,y\n1,heavy,1\n", ','), "y", "w", Set.of()));
        assertEquals("t.csv: the column 'y' cannot be both the target and the row weights",
                message(() -> FrameReader.forTraining(table(CSV, ','), "y", "y", Set.of())));
        assertEquals("t.csv: the row weights 'w' cannot be categorical",
                message(() -> FrameReader.forTraining(table(CSV, ','), "y", "w", Set.of("w"))));
        assertEquals("t.csv: there are no feature columns besides the target 'y' and the row weights 'w'",
                message(() -> FrameReader.forTraining(table("w,y\n1,2\n", ','), "y", "w", Set.of())));
        assertEquals("t.csv: no column named 'z'; the columns are [a, w, c, y]",
                message(() -> FrameReader.forTraining(table(CSV, ','), "y", "z", Set.of())));
    }

    /**
     * Training keeps weights in float32: 1e-46 had become 0 without a word (a file of such weights failed as
     * "every row weight is zero"), 1e-40 a subnormal of a few bits. Zero and the smallest normal pass.
     */
    @Test
    void weightsBelowFloat32sNormalRangeAreRefused() {
        assertEquals("t.csv, line 3, column 'w': weight 1.0E-46 is below float32's smallest normal value"
                + " (1.18e-38), which training keeps weights in; multiply the weights by a common factor (and"
                + " --lambda by the same factor: the same model)",
                message(() -> FrameReader.forTraining(table("a,w,y\n1,1,1\n2,1e-46,2\n", ','), "y", "w", Set.of())));
        assertEquals("t.csv, line 2, column 'w': weight 1.0E-40 is below float32's smallest normal value"
                + " (1.18e-38), which training keeps weights in; multiply the weights by a common factor (and"
                + " --lambda by the same factor: the same model)",
                message(() -> FrameReader.forTraining(table("a,w,y\n1,1e-40,1\n2,1,2\n", ','), "y", "w", Set.of())));
        Frame f = FrameReader.forTraining(table("a,w,y\n1,0,1\n2,1.1754943508222875E-38,2\n", ','), "y", "w",
                Set.of());
        assertArrayEquals(new float[] {0, Float.MIN_NORMAL}, f.weightFloats());
    }

    @Test
    void aMissingWeightIsDroppedOrRefusedButNeverImputed() {
        Frame f = FrameReader.forTraining(table("a,w,y\n1,1,1\n2,,2\n3,NA,3\n4,2,4\n", ','), "y", "w", Set.of());
        assertEquals("t.csv: 2 of 4 rows have missing values (first at line 3, column 'w' (row weights)); "
                + "choose --missing drop (a missing target or row weight is never imputed)",
                message(() -> MissingValues.apply(f, MissingPolicy.FAIL)));
        assertEquals("t.csv: 2 rows have no row weight (first at line 3, column 'w' (row weights)); a weight "
                + "is never imputed: use --missing drop", message(() -> MissingValues.apply(f, MissingPolicy.MEAN)));
        Frame kept = MissingValues.apply(f, MissingPolicy.DROP);
        assertArrayEquals(new float[] {1, 2}, kept.weightFloats());
        assertEquals(5, kept.line(1));
    }

    /** A target or weight column with no value at all is named under every policy: no policy can keep a row. */
    @Test
    void anEmptyTargetOrWeightColumnIsNamedUnderEveryPolicy() {
        Frame noTargets = FrameReader.forTraining(table("a,b,y\n1,2,\n2,3,\n3,5,\n", ','), "y", Set.of());
        Frame noWeights = FrameReader.forTraining(table("a,w,y\n1,,1\n2,,2\n", ','), "y", "w", Set.of());
        for (MissingPolicy policy : MissingPolicy.values()) {
            assertEquals("t.csv: the target 'y' has no value in any of the 3 rows, so no row can train (a target is"
                    + " never imputed); check --target", message(() -> MissingValues.apply(noTargets, policy)), policy.name());
            assertEquals("t.csv: the row weights column 'w' has no value in any of the 2 rows, so no row can train (a"
                    + " weight is never imputed); check --weights", message(() -> MissingValues.apply(noWeights, policy)),
                    policy.name());
        }
    }

    @Test
    void aMissingTargetIsReportedAtItsOwnPlaceNotAtAnEarlierMissingFeature() {
        Frame f = FrameReader.forTraining(table("a,y\n,1\n2,\n", ','), "y", Set.of());
        assertEquals("t.csv: 1 row has no target value (first at line 3, target 'y'); a target is never "
                + "imputed: use --missing drop", message(() -> MissingValues.apply(f, MissingPolicy.MEAN)));
    }

    @Test
    void aModelsWeightColumnMayBePresentWhenApplyingIt() {
        Map<String, ColumnKind> schema = Map.of("a", ColumnKind.NUMERIC);
        Frame withWeights = FrameReader.forModel(table("a,w,y\n1,3,1\n2,0,2\n", ','), schema, "y", "w");
        assertArrayEquals(new float[] {3, 0}, withWeights.weightFloats());
        Frame without = FrameReader.forModel(table("a,y\n1,1\n", ','), schema, "y", "w");
        assertFalse(without.hasWeights());
        assertEquals("t.csv, line 3, column 'w': the row weight is missing",
                message(() -> FrameReader.forModel(table("a,w\n1,3\n2,\n", ','), schema, "y", "w")));
        assertEquals("t.csv: the columns do not match the model; not used by the model: [w]; the model expects [a]",
                message(() -> FrameReader.forModel(table("a,w\n1,3\n", ','), schema, "y")));
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(DataException.class, call).getMessage();
    }

    /** evaluate reads a model's weight column through forModel and holds it as float32 too; its model is trained, so
     * the remedy is a common factor alone, without the --lambda that train's message scales along with it. */
    @Test
    void aWeightBelowFloat32sNormalRangeIsRefusedWhereAModelsWeightsAreRead() {
        String m = message(() -> FrameReader.forModel(table("x,w,y\n1,1,2\n2,1e-46,100\n", ','),
                Map.of("x", ColumnKind.NUMERIC), "y", "w"));
        assertEquals("t.csv, line 3, column 'w': weight 1.0E-46 is below float32's smallest normal value (1.18e-38),"
                + " which the weights are held in, as in training; multiply the weights by a common factor (a weighted"
                + " mean is the same)", m);
        RowWeightException e = assertThrows(RowWeightException.class, () -> FrameReader.forModel(
                table("x,w,y\n1,1,2\n2,1e-46,100\n", ','), Map.of("x", ColumnKind.NUMERIC), "y", "w"));
        assertEquals("t.csv, line 3, column 'w': weight 1.0E-46 is below float32's smallest normal value (1.18e-38),"
                + " which the weights are held in, as in training", e.problem());
    }

    /** The float32 value decides: 1.1754943e-38 is below Float.MIN_NORMAL as a double but rounds to it. */
    @Test
    void aWeightThatRoundsToFloat32sSmallestNormalIsKept() {
        assertEquals(Float.MIN_NORMAL, (float) 1.1754943e-38);
        Frame f = FrameReader.forTraining(table("a,w,y\n1,1.1754943e-38,1\n2,1,2\n3,1,4\n", ','), "y", "w", Set.of());
        assertArrayEquals(new float[] {Float.MIN_NORMAL, 1, 1}, f.weightFloats());
    }
}
