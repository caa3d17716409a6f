package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.explain.LinearShap;
import dev.ridgeline.explain.RowExplanation;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.UnseenCategory;
import dev.ridgeline.testing.CsvText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A saved model against itself before saving, on arbitrary tables (numbers of any magnitude, missing values, a
 * categorical column), preprocessing choices and coefficients: after save and load, the preprocessing gives
 * bitwise the same features and the model bitwise the same predictions. And SHAP against the prediction:
 * base + sum phi equals the model's own prediction of every row (additivity, to the documented tolerance).
 */
class ModelRoundTripPropertyTest {
    private static final String[] COLOURS = {"red", "blue", "green", "blue green"};

    @Property(tries = 60, seed = "1729")
    void aSavedModelTransformsAndPredictsBitForBitAsBefore(@ForAll @IntRange(min = 2, max = 30) int rows,
            @ForAll MissingPolicy missing, @ForAll ScaleKind scale, @ForAll long seed) throws IOException {
        if (!missing.imputes()) {
            missing = MissingPolicy.MEAN;
        }
        Frame frame = FrameReader.forTraining(CsvText.table(table(rows, seed, true), ','), "y", Set.of("c"));
        Preprocessing pre = PreprocessingFitter.fit(frame, allRows(rows), new PreprocessingSpec(missing, scale,
                UnseenCategory.ZEROS));
        LinearModel model = new LinearModel(pre, "y", coefficients(pre.features().size(), seed),
                new SplittableRandom(seed).nextDouble(-1e6, 1e6), ModelMetadata.empty());
        Path file = Files.createTempFile("model", ".json");
        try {
            model.save(file);
            LinearModel back = LinearModel.load(file);
            assertEquals(model.featureNames(), back.featureNames());
            DenseMatrix before = model.preprocessing().transform(frame);
            DenseMatrix after = back.preprocessing().transform(frame);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < before.cols(); j++) {
                    assertEquals(Float.floatToRawIntBits(before.get(i, j)), Float.floatToRawIntBits(after.get(i, j)),
                            "feature " + j + " of row " + i);
                }
            }
            assertArrayEquals(bits(model.predict(frame)), bits(back.predict(frame)), "predictions");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Property(tries = 60, seed = "1730")
    void shapValuesAddUpToThePrediction(@ForAll @IntRange(min = 2, max = 30) int rows, @ForAll ScaleKind scale,
            @ForAll long seed) {
        Frame frame = FrameReader.forTraining(CsvText.table(table(rows, seed, false), ','), "y", Set.of());
        Preprocessing pre = PreprocessingFitter.fit(frame, allRows(rows), new PreprocessingSpec(MissingPolicy.FAIL,
                scale, UnseenCategory.ERROR));
        LinearModel model = new LinearModel(pre, "y", coefficients(pre.features().size(), seed),
                new SplittableRandom(seed).nextDouble(-1e6, 1e6), ModelMetadata.empty());
        double[][] inputs = new double[rows][];
        for (int i = 0; i < rows; i++) {
            inputs[i] = new double[pre.inputs().size()];
            for (int c = 0; c < inputs[i].length; c++) {
                inputs[i][c] = frame.number(frame.indexOf(pre.inputs().get(c).name()), i);
            }
        }
        LinearShap shap = LinearShap.fit(model, inputs);
        double[] predicted = model.predict(frame); // through the stored preprocessing, not the SHAP formula
        for (int i = 0; i < rows; i++) {
            RowExplanation e = shap.explain(inputs[i], predicted[i]);
            // Summed here, not read from e.additivityError(): explain() checks its own figure against
            // ADDITIVITY_TOLERANCE already, so this is the independent check, and a thousand times tighter.
            double total = e.base();
            double summed = Math.abs(e.base());
            for (double phi : e.phi()) {
                total += phi;
                summed += Math.abs(phi);
            }
            double magnitude = Math.max(1, Math.max(Math.abs(predicted[i]), summed));
            double miss = Math.abs(total - predicted[i]);
            assertTrue(miss <= 1e-9 * magnitude,
                    "row " + i + ": base + sum phi misses the prediction " + predicted[i] + " by " + miss);
        }
    }

    /**
     * Columns a (magnitudes 1e-6 to 1e9, some missing when {@code gaps}), b (offset 1e6 with a small spread),
     * c (categories, when {@code gaps}) and the target y.
     */
    private static String table(int rows, long seed, boolean gaps) {
        SplittableRandom rng = new SplittableRandom(seed);
        double magnitude = Math.pow(10, rng.nextInt(-6, 10));
        StringBuilder s = new StringBuilder(gaps ? "a,b,c,y\n" : "a,b,y\n");
        for (int i = 0; i < rows; i++) {
            boolean missing = gaps && i > 1 && rng.nextInt(5) == 0;
            s.append(missing ? "" : Double.toString(magnitude * (i + rng.nextDouble()))).append(',');
            s.append(1e6 + rng.nextDouble()).append(',');
            if (gaps) {
                s.append('"').append(COLOURS[rng.nextInt(COLOURS.length)]).append("\",");
            }
            s.append(rng.nextDouble() * 100).append('\n');
        }
        return s.toString();
    }

    /** Coefficients of random bits and magnitudes from 1e-30 to 1e30. */
    private static double[] coefficients(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] theta = new double[n];
        for (int f = 0; f < n; f++) {
            theta[f] = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-30, 30));
        }
        return theta;
    }

    private static int[] allRows(int rows) {
        int[] all = new int[rows];
        for (int i = 0; i < rows; i++) {
            all[i] = i;
        }
        return all;
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }
}
