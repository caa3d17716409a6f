package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.preprocess.Preprocessing;
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

    /** Each of these was saved and then refused by load: no features, an empty target. */
    @Test
    void aModelTheFileFormatRefusesIsRefusedWhenBuilt() {
        assertEquals("a model needs at least one feature", assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(List.of(), null, new double[0], 3)).getMessage());
        assertEquals("the target name is empty: a model names the column it predicts", assertThrows(
                IllegalArgumentException.class, () -> new LinearModel(Preprocessing.of(List.of("a"), null), "",
                        new double[] {1}, 0, ModelMetadata.empty())).getMessage());
    }

    /**
     * Half of a character beyond U+FFFF is no text a file can hold: written as UTF-8 it became '?', and the
     * saved model failed its checksum on load. A whole such character is kept, and round-trips.
     */
    @Test
    void namesWithAnUnpairedSurrogateAreRefusedAndWholeCharactersKept() throws Exception {
        assertEquals("input column 'a?' holds an unpaired surrogate (\\uD800 at 1), which is not Unicode text: no file"
                + " can hold it", assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(List.of("a\ud800"), null, new double[] {1}, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LinearModel(Preprocessing.of(List.of("a"), null),
                "y\udc00", new double[] {1}, 0, ModelMetadata.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new ModelMetadata(1, Map.of(), Map.of("data", "\ud83dx.csv")));
        assertThrows(IllegalArgumentException.class,
                () -> new ModelMetadata(1, Map.of(), Map.of(), List.of("id\ud83d")));
        LinearModel emoji = new LinearModel(Preprocessing.of(List.of("a\ud83d\ude00"), null), "y", new double[] {2}, 1,
                new ModelMetadata(1, Map.of(), Map.of("data", "\ud83d\ude00.csv")));
        Path file = dir.resolve("emoji.json");
        emoji.save(file);
        LinearModel back = LinearModel.load(file);
        assertEquals(List.of("a\ud83d\ude00"), back.featureNames());
        assertEquals(emoji.predict(new double[] {3}), back.predict(new double[] {3}));
    }
}
