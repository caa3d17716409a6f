package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.Standardizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's coefficients and bias must be finite (a model file with NaN there could not be used, and save
 * used to write one that load refused); values that may be undefined (metrics, lambda, overflowing
 * original-unit fields) are written as null and read back as NaN.
 */
class NonFiniteValuesTest {
    private static final List<String> NAMES = List.of("a", "b");

    @TempDir
    Path dir;

    @Test
    void aNonFiniteCoefficientIsRefusedNamingTheFeatureAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(NAMES, null, new double[] {1, Double.NaN}, 0));
        assertEquals("the coefficient of feature 'b' is NaN: a model needs finite coefficients and bias",
                e.getMessage());
        Parameters infinite = new Parameters(new double[][] {{Double.NEGATIVE_INFINITY, 1}}, new double[] {0});
        IllegalArgumentException viaOf = assertThrows(IllegalArgumentException.class, () -> LinearModel.of(
                Preprocessing.of(NAMES, null), "y", infinite, 0, ModelMetadata.empty()));
        assertEquals("the coefficient of feature 'a' is -Infinity: a model needs finite coefficients and bias",
                viaOf.getMessage());
    }

    @Test
    void aNonFiniteBiasIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(NAMES, null, new double[] {1, 2}, Double.POSITIVE_INFINITY));
        assertEquals("the bias is Infinity: a model needs finite coefficients and bias", e.getMessage());
    }

    /**
     * A matrix of rows names the row as well; its predictions are those of the rows one by one (the matrix
     * reuses one buffer for every row).
     */
    @Test
    void aMatrixPredictsAsItsRowsAndNamesTheRowOfABadValue() {
        LinearModel model = new LinearModel(NAMES, null, new double[] {1, 2}, 0.5);
        float[][] rows = {{1, 2}, {-3, 0.25f}, {7, -1}};
        double[] all = model.predict(DenseMatrix.of(rows));
        for (int i = 0; i < rows.length; i++) {
            assertEquals(model.predict(rows[i]), all[i]);
        }
        assertEquals(5.5, all[0]);
        DataException e = assertThrows(DataException.class,
                () -> model.predict(DenseMatrix.of(new float[][] {{1, 2}, {3, Float.POSITIVE_INFINITY}})));
        assertEquals("row 1: input 1 ('b'): value Infinity is not a finite float32 number", e.getMessage());
        // A matrix of another width is named once, before any row; 0 columns had failed inside the matrix.
        for (int width : new int[] {0, 1, 3}) {
            IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                    () -> model.predict(DenseMatrix.zeros(2, width)));
            assertEquals("the matrix has " + width + " columns, the model expects 2 [a, b]", wide.getMessage());
        }
    }

    @Test
    void anInfiniteInputIsRefusedNamingItInsteadOfPredictingInfinity() {
        LinearModel model = new LinearModel(NAMES, null, new double[] {1, 2}, 0);
        DataException e = assertThrows(DataException.class,
                () -> model.predict(new double[] {1, Double.POSITIVE_INFINITY}));
        assertEquals("input 1 ('b'): value Infinity is not a finite float32 number", e.getMessage());
        assertThrows(DataException.class, () -> model.predict(new float[] {Float.NEGATIVE_INFINITY, 1}));
        assertEquals(5.0, model.predict(new double[] {1, 2}), 0.0);
    }

    /** A file refuses 1e39 (its values are float32); predict(double[]) returned 1e39-sized results, 1e308 a NaN. */
    @Test
    void anInputBeyondFloat32IsRefusedAsAFileRefusesIt() {
        LinearModel model = new LinearModel(NAMES, null, new double[] {1, 2}, 0);
        DataException e = assertThrows(DataException.class, () -> model.predict(new double[] {1e39, 0}));
        assertEquals("input 0 ('a'): value 1.0E39 is not a finite float32 number", e.getMessage());
        assertThrows(DataException.class, () -> model.predict(new double[] {1e308, -1e308}));
        assertEquals(3 * (double) Float.MAX_VALUE, model.predict(new double[] {Float.MAX_VALUE, Float.MAX_VALUE}), 0.0);
    }

    @Test
    void undefinedMetricsAndLambdaAreWrittenAsNullAndReadBackAsNaN() throws Exception {
        RegressionMetrics constantTarget = new RegressionMetrics(3, 0.5, Math.sqrt(0.5), 0.5, Double.NaN, Double.NaN);
        LinearModel m = new LinearModel(NAMES, null, new double[] {1, 2}, 3)
                .withMetadata(new ModelMetadata(Double.NaN, Map.of("train", constantTarget), Map.of()));
        Path file = dir.resolve("m.json");
        m.save(file);
        String text = Files.readString(file);
        assertTrue(text.contains("\"r2\" : null") && text.contains("\"lambda\" : null"), text);
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
        LinearModel back = LinearModel.load(file);
        assertTrue(Double.isNaN(back.metadata().metrics().get("train").r2()));
        assertTrue(Double.isNaN(back.metadata().lambda()));
        assertEquals(m.metadata(), back.metadata());
    }

    @Test
    void anOverflowingOriginalUnitCoefficientIsWrittenAsNullAndTheModelLoads() throws Exception {
        // theta / scale overflows: the scaled-space model predicts finite values, the original-unit form cannot.
        Standardizer tiny = new Standardizer(new double[] {0, 0}, new double[] {1, 1e-310});
        LinearModel m = new LinearModel(NAMES, tiny, new double[] {1, 1e10}, 3);
        assertTrue(Double.isInfinite(m.coefficients()[1]));
        Path file = dir.resolve("m.json");
        m.save(file);
        String text = Files.readString(file);
        assertTrue(text.contains("\"coefficientOriginalUnits\" : null"), text);
        assertFalse(text.contains("Infinity"), text);
        LinearModel back = LinearModel.load(file);
        assertEquals(m.predict(new double[] {1, 1e-310}), back.predict(new double[] {1, 1e-310}), 0.0);
    }

    /**
     * The original-unit fields are derived (and recomputed on load): one edited with the checksum recomputed had
     * loaded without a word, the file then showing a number the model does not use.
     */
    @Test
    void anEditedDerivedFieldIsRefusedEvenWithAMatchingChecksum() throws Exception {
        Standardizer scaled = new Standardizer(new double[] {10, -2}, new double[] {4, 0.5});
        LinearModel m = new LinearModel(NAMES, scaled, new double[] {1.5, -2}, 3);
        assertEquals(m.coefficients()[0], sealed(ModelJson.toTree(m)).coefficients()[0], 0.0, "the file as written");
        ObjectNode edited = ModelJson.toTree(m);
        ((ObjectNode) edited.get("features").get(1)).put("coefficientOriginalUnits", 123.0);
        ModelFileException e = assertThrows(ModelFileException.class, () -> sealed(edited));
        assertEquals("field 'features[1] ('b').coefficientOriginalUnits' is 123.0, but the model's coefficients and "
                + "scaling give -4.0: the field is derived from them (and recomputed on load), so the file was edited; "
                + "retrain or restore the file", e.getMessage());
        ObjectNode intercept = ModelJson.toTree(m);
        intercept.put("interceptOriginalUnits", 0.0);
        assertTrue(assertThrows(ModelFileException.class, () -> sealed(intercept)).getMessage()
                .startsWith("field 'interceptOriginalUnits' is 0.0, but the model's coefficients and scaling give"));
    }

    /**
     * The original-unit fields are optional as a whole (a file without any of them loads, unchecked), but a file
     * holding some of them and not the others was edited: one left out had skipped its check while the rest passed.
     */
    @Test
    void aFileWithSomeDerivedFieldsButNotOthersIsRefused() throws Exception {
        Standardizer scaled = new Standardizer(new double[] {10, -2}, new double[] {4, 0.5});
        LinearModel m = new LinearModel(NAMES, scaled, new double[] {1.5, -2}, 3);
        ObjectNode none = ModelJson.toTree(m);
        none.remove("interceptOriginalUnits");
        none.get("features").forEach(f -> ((ObjectNode) f).remove("coefficientOriginalUnits"));
        assertEquals(m.intercept(), sealed(none).intercept(), 0.0, "none of them: a file of an older writer loads");
        ObjectNode noIntercept = ModelJson.toTree(m);
        noIntercept.remove("interceptOriginalUnits");
        assertEquals("field 'interceptOriginalUnits' is missing, but the file has 'features[0] ('a')"
                + ".coefficientOriginalUnits': the original-unit fields are written together, so the file was edited;"
                + " retrain or restore the file", assertThrows(ModelFileException.class, () -> sealed(noIntercept)).getMessage());
        ObjectNode noCoefficients = ModelJson.toTree(m);
        noCoefficients.get("features").forEach(f -> ((ObjectNode) f).remove("coefficientOriginalUnits"));
        assertEquals("field 'features[0] ('a').coefficientOriginalUnits' is missing, but the file has"
                + " 'interceptOriginalUnits': the original-unit fields are written together, so the file was edited;"
                + " retrain or restore the file",
                assertThrows(ModelFileException.class, () -> sealed(noCoefficients)).getMessage());
        ObjectNode oneCoefficient = ModelJson.toTree(m);
        ((ObjectNode) oneCoefficient.get("features").get(1)).remove("coefficientOriginalUnits");
        assertEquals("field 'features[1] ('b').coefficientOriginalUnits' is missing, but the file has"
                + " 'interceptOriginalUnits': the original-unit fields are written together, so the file was edited;"
                + " retrain or restore the file",
                assertThrows(ModelFileException.class, () -> sealed(oneCoefficient)).getMessage());
    }

    /** The model of {@code body}, read from a file whose checksum was computed for that body. */
    private static LinearModel sealed(ObjectNode body) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("format", ModelFile.FORMAT);
        root.put("formatVersion", ModelFile.VERSION);
        root.put("checksum", "sha256:" + ModelFile.checksum(body));
        root.set("model", body);
        return ModelFile.fromBytes(json.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileWithANullCoefficientIsRefusedEvenWithAMatchingChecksum() throws Exception {
        ObjectNode body = ModelJson.toTree(new LinearModel(NAMES, null, new double[] {1, 2}, 3));
        ((ObjectNode) body.get("features").get(1)).putNull("coefficient");
        ModelFileException e = assertThrows(ModelFileException.class, () -> sealed(body));
        assertEquals("features[1] ('b'): field 'coefficient' must be a finite number, found null", e.getMessage());
    }
}
