package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.preprocess.Standardizer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata a model file cannot hold is refused when it is built, not by {@link LinearModel#load} at a service's
 * next start: each of these had been saved without complaint and then refused on load (an infinite lambda
 * loaded back as NaN).
 */
class ModelMetadataValidationTest {
    @TempDir
    Path dir;

    private static final LinearModel MODEL = new LinearModel(List.of("a", "b"),
            new Standardizer(new double[] {0, 0}, new double[] {1, 1}), new double[] {1, 2}, 3);

    @Test
    void lambdaIsNotRecordedOrFiniteAndNotNegative() {
        for (double bad : new double[] {-1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ModelMetadata(bad, Map.of(), Map.of()));
            assertEquals("lambda must be a finite number >= 0 (or NaN: not recorded), got " + bad, e.getMessage());
        }
        assertEquals(0.0, new ModelMetadata(0, Map.of(), Map.of()).lambda());
    }

    @Test
    void provenanceHoldsNoNull() {
        Map<String, String> provenance = new HashMap<>();
        provenance.put("k", null);
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new ModelMetadata(1, Map.of(), provenance));
        assertEquals("the provenance value of 'k'", e.getMessage());
    }

    @Test
    void aRowCountIsNotNegative() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RegressionMetrics(-1, 1, 1, 1, 0, 0));
        assertEquals("a row count must be >= 0, got -1", e.getMessage());
    }

    @Test
    void ignoredColumnsAreNeitherInputsNorTheTargetAndListedOnce() {
        assertEquals("ignored column 'a' is also an input; a column left out of the features is neither, and is listed"
                + " once", assertThrows(IllegalArgumentException.class, () -> MODEL.withMetadata(
                        new ModelMetadata(1, Map.of(), Map.of(), List.of("a")))).getMessage());
        assertEquals("ignored column 'y' is also the target; a column left out of the features is neither, and"
                + " is listed once", assertThrows(IllegalArgumentException.class, () -> MODEL.withMetadata(
                        new ModelMetadata(1, Map.of(), Map.of(), List.of("y")))).getMessage());
        assertEquals("ignored column 'id' is listed twice; a column left out of the features is neither, and is listed"
                + " once", assertThrows(IllegalArgumentException.class, () -> MODEL.withMetadata(
                        new ModelMetadata(1, Map.of(), Map.of(), List.of("id", "id")))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelMetadata(1, Map.of(), Map.of(), List.of("")));
    }

    /** What the constructors accept, the file keeps: save then load gives it back. */
    @Test
    void acceptedMetadataSavesAndLoads() {
        LinearModel m = MODEL.withMetadata(new ModelMetadata(0.5, Map.of("train", new RegressionMetrics(0,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)), Map.of("k", ""), List.of("id")));
        Path file = dir.resolve("m.json");
        m.save(file);
        ModelMetadata back = LinearModel.load(file).metadata();
        assertEquals(0.5, back.lambda());
        assertEquals(List.of("id"), back.ignoredColumns());
        assertEquals(Map.of("k", ""), back.provenance());
        assertEquals(0, back.metrics().get("train").count());
    }
}
