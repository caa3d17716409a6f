package dev.ridgeline.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.preprocess.Standardizer;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.train.ExactSolver;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearShapTest {
    @Test
    void handCheckedWithoutScaling() {
        // f(x) = 0.5 + 2 x0 - x1; background means (2, 3); base = 0.5 + 4 - 3 = 1.5
        LinearModel model = new LinearModel(List.of("a", "b"), null, new double[] {2, -1}, 0.5);
        LinearShap shap = LinearShap.fit(model, DenseMatrix.of(new double[][] {{1, 2}, {3, 4}}));
        RowExplanation e = shap.explain(new double[] {4, 1});
        assertEquals(1.5, e.base(), 1e-12);
        assertArrayEquals(new double[] {4, 2}, e.phi(), 1e-12);
        assertEquals(7.5, e.prediction(), 1e-12);
        assertEquals(0.0, e.additivityError(), 1e-12);
    }

    /**
     * A prediction that is not a number is the caller's mistake, named as such: it had been reported as a violated
     * additivity check ("differs from the prediction by NaN (tolerance NaN)"), which reads as a library fault.
     */
    @Test
    void aPredictionThatIsNoNumberIsRefusedAsAnArgument() {
        LinearModel model = new LinearModel(List.of("a", "b"), null, new double[] {2, -1}, 0.5);
        LinearShap shap = LinearShap.fit(model, DenseMatrix.of(new double[][] {{1, 2}, {3, 4}}));
        assertEquals("the prediction to check the explanation against is NaN, not a finite number",
                assertThrows(IllegalArgumentException.class, () -> shap.explain(new double[] {4, 1}, Double.NaN))
                        .getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> shap.phi(new double[] {4, 1}, Double.NEGATIVE_INFINITY, new double[2]));
        assertEquals("phi", assertThrows(NullPointerException.class, () -> shap.phi(new double[] {4, 1}, 7.5, null))
                .getMessage());
        LinearModel huge = new LinearModel(List.of("a"), null, new double[] {1e308}, 0);
        LinearShap wide = LinearShap.fit(huge, new double[][] {{0}});
        assertEquals("the row's prediction is Infinity: its values times the model's coefficients overflow a double",
                assertThrows(IllegalArgumentException.class, () -> wide.explain(new double[] {10})).getMessage());
    }

    /** Row after row into one array (explain --out): the values of {@code explain}, with its additivity check. */
    @Test
    void phiIntoAnArrayIsExplainsAndChecksAdditivity() {
        LinearModel model = new LinearModel(List.of("a", "b"), null, new double[] {2, -1}, 0.5);
        LinearShap shap = LinearShap.fit(model, DenseMatrix.of(new double[][] {{1, 2}, {3, 4}}));
        double[] into = new double[2];
        assertTrue(into == shap.phi(new double[] {4, 1}, 7.5, into));
        assertArrayEquals(new double[] {4, 2}, into, 0);
        assertArrayEquals(shap.explain(new double[] {-3, 8}, -13.5).phi(), shap.phi(new double[] {-3, 8}, -13.5, into), 0);
        IllegalStateException off = assertThrows(IllegalStateException.class,
                () -> shap.phi(new double[] {4, 1}, 7.6, into));
        assertTrue(off.getMessage().startsWith("SHAP additivity violated: base + sum phi differs from the prediction by"),
                off.getMessage());
        assertEquals("3 SHAP values for 2 features", assertThrows(IllegalArgumentException.class,
                () -> shap.phi(new double[] {4, 1}, 7.5, new double[3])).getMessage());
    }

    /** A value at the background's mean has a SHAP value of +0 also under a negative coefficient, never -0. */
    @Test
    void aValueAtTheMeanGetsPlusZero() {
        LinearModel model = new LinearModel(List.of("a", "b"), null, new double[] {2, -1}, 0.5);
        LinearShap shap = LinearShap.fit(model, DenseMatrix.of(new double[][] {{1, 2}, {3, 4}}));
        double[] phi = shap.explain(new double[] {2, 3}).phi();
        assertEquals(0, Double.compare(0.0, phi[0]), "a: " + phi[0]);
        assertEquals(0, Double.compare(0.0, phi[1]), "b (theta -1): " + phi[1]);
    }

    /**
     * Rows of the wrong width or with a NaN are refused naming the row and feature: they gave an index out of
     * bounds, were cut without a word, or were reported as a failed additivity check.
     */
    @Test
    void badRowsAreRefusedByRowAndFeature() {
        LinearModel model = new LinearModel(List.of("a", "b"), null, new double[] {2, -1}, 0.5);
        LinearShap shap = LinearShap.fit(model, DenseMatrix.of(new double[][] {{1, 2}, {3, 4}}));
        assertEquals("background row 1 has 3 features, the model expects 2", assertThrows(IllegalArgumentException.class,
                () -> LinearShap.fit(model, new double[][] {{1, 2}, {1, 2, 3}})).getMessage());
        assertEquals("background row 1 has 1 features, the model expects 2", assertThrows(IllegalArgumentException.class,
                () -> LinearShap.fit(model, new double[][] {{1, 2}, {1}})).getMessage());
        assertEquals("row, feature 1 ('b'): value NaN is not a finite number (rows are in the input space, imputed:"
                + " InputSpace.row(model, raw) imputes a raw row as predict does)", assertThrows(
                IllegalArgumentException.class, () -> shap.explain(new double[] {1, Double.NaN})).getMessage());
        assertEquals("row 0 has 3 features, the model expects 2", assertThrows(IllegalArgumentException.class,
                () -> shap.meanAbsolutePhi(DenseMatrix.zeros(2, 3))).getMessage());
        assertEquals("row 5 is outside the matrix's 2 rows", assertThrows(IllegalArgumentException.class,
                () -> shap.explain(DenseMatrix.zeros(2, 2), 5)).getMessage());
    }

    /**
     * The importance of no rows is refused, as fitting on no rows is: it had been 0 for every feature, which reads as
     * "no feature matters" (an empty request batch would report that).
     */
    @Test
    void noRowsHaveNoImportance() {
        LinearModel model = new LinearModel(List.of("a", "b"), null, new double[] {2, -1}, 0.5);
        LinearShap shap = LinearShap.fit(model, DenseMatrix.of(new double[][] {{1, 2}, {3, 4}}));
        String none = "no rows to average over: the importance of no rows is undefined";
        assertEquals(none, assertThrows(IllegalArgumentException.class,
                () -> shap.meanAbsolutePhi(new double[0][])).getMessage());
        assertEquals(none, assertThrows(IllegalArgumentException.class,
                () -> shap.meanAbsolutePhi(DenseMatrix.zeros(0, 2))).getMessage());
        dev.ridgeline.data.Frame frame = dev.ridgeline.data.FrameReader.forTraining(
                dev.ridgeline.testing.CsvText.table("a,b,y\n1,2,3\n3,4,5\n", ','), "y", java.util.Set.of());
        LinearShap fromFrame = LinearShap.fit(model, frame);
        assertEquals(none, assertThrows(IllegalArgumentException.class,
                () -> fromFrame.meanAbsolutePhi(frame.selectRows(new int[0]))).getMessage());
        // One row still has its importance.
        assertArrayEquals(new double[] {2, 1}, shap.meanAbsolutePhi(new double[][] {{1, 2}}), 1e-12);
    }

    @Test
    void handCheckedInTheRawInputSpaceOfAStandardisedModel() {
        // z = (x - (1, 10)) / (2, 5); f = 1 + 4 z0 + 5 z1 = -11 + 2 x0 + 1 x1
        Standardizer scaler = new Standardizer(new double[] {1, 10}, new double[] {2, 5});
        LinearModel model = new LinearModel(List.of("a", "b"), scaler, new double[] {4, 5}, 1);
        LinearShap shap = LinearShap.fit(model, DenseMatrix.of(new double[][] {{1, 10}, {3, 20}}));
        RowExplanation e = shap.explain(new double[] {5, 5});
        // means (2, 15): phi = (2 * 3, 1 * -10); base = -11 + 4 + 15 = 8; prediction = 4
        assertArrayEquals(new double[] {6, -10}, e.phi(), 1e-12);
        assertEquals(8, e.base(), 1e-12);
        assertEquals(4, e.prediction(), 1e-12);
        // importance over the background: mean |phi| = (|2 * -1| + |2 * 1|) / 2, (|-5| + |5|) / 2
        assertArrayEquals(new double[] {2, 5}, shap.meanAbsolutePhi(DenseMatrix.of(new double[][] {{1, 10}, {3, 20}})), 1e-12);
        CoefficientTable table = CoefficientTable.of(model, new double[] {2, 5});
        assertEquals("b", table.rows().get(0).feature());
        assertEquals(5, table.rows().get(0).standardized(), 1e-12);
        assertEquals(1, table.rows().get(0).original(), 1e-12);
        assertEquals(-11, table.intercept(), 1e-12);
    }

    @Test
    void additivityHoldsOnEveryRowOfATrainedModel() {
        DenseMatrix raw = RandomProblems.features(300, 6, 8);
        float[] y = RandomProblems.target(raw, 8, 0.3);
        Standardizer scaler = Standardizer.fit(raw);
        Parameters p = ExactSolver.solve(Problem.builder(scaler.transform(raw)).model(y, null, 1.0).build());
        LinearModel model = LinearModel.of(List.of("a", "b", "c", "d", "e", "f"), scaler, p, 0);
        LinearShap shap = LinearShap.fit(model, raw);
        double[] predicted = model.predict(raw); // through the scaler: independent of the linear form
        double meanPhiSum = 0;
        for (int i = 0; i < raw.rows(); i++) {
            float[] r = new float[raw.cols()];
            raw.copyRow(i, r);
            double[] row = new double[r.length];
            for (int j = 0; j < r.length; j++) {
                row[j] = r[j];
            }
            RowExplanation e = shap.explain(row, predicted[i]);
            assertTrue(e.additivityError() < 1e-9, "row " + i + ": " + e.additivityError());
            for (double v : e.phi()) {
                meanPhiSum += v;
            }
        }
        // over the background itself, phi averages to zero for every feature
        assertEquals(0.0, meanPhiSum / raw.rows(), 1e-9);
    }

    @Test
    void inputsFarFromZeroKeepTheirDigits() {
        // x0 = 1e12 + a spread of 10: in original units the intercept is about -2e11 and beta_0 + beta . E[x]
        // lost its digits to cancellation (an additivity error of 1e-5 against a prediction of about 1).
        java.util.Random rng = new java.util.Random(3);
        double[][] rows = new double[200][];
        double[] mean = new double[2];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {1e12 + 10 * rng.nextGaussian(), rng.nextGaussian()};
            mean[0] += rows[i][0] / rows.length;
            mean[1] += rows[i][1] / rows.length;
        }
        Standardizer scaler = new Standardizer(new double[] {mean[0], mean[1]}, new double[] {10.3, 0.97});
        LinearModel model = new LinearModel(List.of("t", "x2"), scaler, new double[] {20.6, 0.97}, 0.05);
        assertTrue(Math.abs(model.intercept()) > 1e11, "intercept " + model.intercept());
        LinearShap shap = LinearShap.fit(model, rows);
        // The base value against the exact means of the rows (decimal sums), as offsets from the shift: a mean
        // rounded at 1e12 (steps of 1.2e-4) would move it by 2.4e-4.
        double[] offset = new double[2];
        for (int j = 0; j < 2; j++) {
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (double[] row : rows) {
                sum = sum.add(new java.math.BigDecimal(row[j]));
            }
            offset[j] = sum.divide(java.math.BigDecimal.valueOf(rows.length), java.math.MathContext.DECIMAL128)
                    .subtract(new java.math.BigDecimal(mean[j])).doubleValue();
        }
        assertEquals(0.05 + 20.6 * offset[0] / 10.3 + 0.97 * offset[1] / 0.97, shap.base(), 1e-12);
        for (double[] row : rows) {
            double predicted = model.predict(row);
            RowExplanation e = shap.explain(row, predicted);
            assertTrue(e.additivityError() < 1e-12, e.additivityError() + " at " + predicted);
            assertEquals(predicted, shap.explain(row).prediction(), 1e-12);
            assertEquals(2 * ((row[0] - mean[0]) - offset[0]), e.phi()[0], 1e-9);
        }
    }

    @Test
    void wrongWidthIsRejected() {
        LinearModel model = new LinearModel(List.of("a"), null, new double[] {1}, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearShap.fit(model, DenseMatrix.of(new double[][] {{1, 2}})));
        assertTrue(e.getMessage().contains("2 features"), e.getMessage());
    }

    /** Over a frame row by row (nothing m x n held), the same bits as over the rows held as an array. */
    @Test
    void aFrameBackgroundGivesTheBitsOfItsRowsAsAnArray() {
        StringBuilder csv = new StringBuilder("a,c,y\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            csv.append(random.nextDouble() * 1e3).append(',').append("k").append(random.nextInt(4)).append(',')
                    .append(random.nextGaussian()).append('\n');
        }
        dev.ridgeline.data.Frame frame = dev.ridgeline.data.FrameReader.forTraining(
                dev.ridgeline.testing.CsvText.table(csv.toString(), ','), "y", java.util.Set.of());
        dev.ridgeline.preprocess.Preprocessing pre = dev.ridgeline.preprocess.PreprocessingFitter.fit(frame,
                java.util.stream.IntStream.range(0, 500).toArray(), dev.ridgeline.preprocess.PreprocessingSpec.defaults());
        double[] p = {0.3, -1.2, 0.7, 2.5, 0.1};
        LinearModel model = LinearModel.of(pre, "y", new Parameters(new double[][] {p}, new double[] {4}), 0,
                dev.ridgeline.model.ModelMetadata.empty());
        double[][] rows = InputSpace.rows(model, frame);
        LinearShap fromArray = LinearShap.fit(model, rows);
        LinearShap fromFrame = LinearShap.fit(model, frame);
        assertArrayEquals(fromArray.means(), fromFrame.means());
        assertEquals(fromArray.base(), fromFrame.base());
        assertArrayEquals(fromArray.meanAbsolutePhi(rows), fromFrame.meanAbsolutePhi(frame));
    }

    /**
     * A frame's rows in the input space are its raw values and 0/1 indicators, the scaling undone; the background
     * means are their column means. a = 1, 2, 3, 6 (mean 3); c = p, q, p, p (p: 3/4, q: 1/4).
     */
    @Test
    void aFrameInTheInputSpaceIsItsRawValues() {
        dev.ridgeline.data.Frame frame = dev.ridgeline.data.FrameReader.forTraining(
                dev.ridgeline.testing.CsvText.table("a,c,y\n1,p,1\n2,q,2\n3,p,0\n6,p,5\n", ','), "y", java.util.Set.of());
        dev.ridgeline.preprocess.Preprocessing pre = dev.ridgeline.preprocess.PreprocessingFitter.fit(frame,
                new int[] {0, 1, 2, 3}, dev.ridgeline.preprocess.PreprocessingSpec.defaults());
        assertEquals(List.of("a", "c=p", "c=q"), pre.featureNames());
        LinearModel model = LinearModel.of(pre, "y", new Parameters(new double[][] {{0.3, -1.2, 0.7}}, new double[] {4}),
                0, dev.ridgeline.model.ModelMetadata.empty());
        double[][] rows = InputSpace.rows(model, frame);
        assertArrayEquals(new double[] {1, 1, 0}, rows[0], 1e-6);
        assertArrayEquals(new double[] {2, 0, 1}, rows[1], 1e-6);
        assertArrayEquals(new double[] {6, 1, 0}, rows[3], 1e-6);
        assertArrayEquals(new double[] {3, 0.75, 0.25}, LinearShap.fit(model, frame).means(), 1e-6);
    }

    /**
     * Exactly the values as read (or the fill) and exactly 0 or 1: the rows had been the scaled features with the
     * scaling undone, which gave one-hot cells of 2.8e-17, -123456.78900000002 for -123456.789 and 0 for 1e-30.
     */
    @Test
    void aFrameInTheInputSpaceIsExactlyItsRawValues() {
        dev.ridgeline.data.Frame frame = dev.ridgeline.data.FrameReader.forTraining(dev.ridgeline.testing.CsvText.table(
                "a,c,y\n-123456.789,blue,1\n1e-30,gold,2\n0.1,blue,0\n,red,5\n0.2,gold,3\n", ','), "y",
                java.util.Set.of());
        dev.ridgeline.preprocess.Preprocessing pre = dev.ridgeline.preprocess.PreprocessingFitter.fit(frame,
                new int[] {0, 1, 2, 3, 4}, new dev.ridgeline.preprocess.PreprocessingSpec(
                        dev.ridgeline.data.MissingPolicy.MEAN, dev.ridgeline.preprocess.ScaleKind.ZSCORE,
                        dev.ridgeline.preprocess.UnseenCategory.ERROR));
        assertEquals(List.of("a", "c=blue", "c=gold", "c=red"), pre.featureNames());
        LinearModel model = LinearModel.of(pre, "y", new Parameters(new double[][] {{0.3, -1.2, 0.7, 0.1}},
                new double[] {4}), 0, dev.ridgeline.model.ModelMetadata.empty());
        double[][] rows = InputSpace.rows(model, frame);
        double fill = pre.inputs().get(0).fillNumber();
        assertArrayEquals(new double[] {-123456.789, 1, 0, 0}, rows[0], 0.0);
        assertArrayEquals(new double[] {1e-30, 0, 1, 0}, rows[1], 0.0);
        assertArrayEquals(new double[] {0.1, 1, 0, 0}, rows[2], 0.0);
        assertArrayEquals(new double[] {fill, 0, 0, 1}, rows[3], 0.0);
        assertArrayEquals(new double[] {0.2, 0, 1, 0}, rows[4], 0.0);
    }

    /**
     * A frame with row weights is the frame with each row written w times: the same means, base and importance
     * (they had been unweighted, so a weighted model's card gave another base than its duplicated data's).
     */
    @Test
    void aWeightedFrameIsItsRowsWrittenWTimes() {
        String[] rows = {"1,p,3", "2,q,1", "7,p,2", "4,r,1"};
        StringBuilder weighted = new StringBuilder("a,c,w,y\n");
        StringBuilder copies = new StringBuilder("a,c,y\n");
        for (int i = 0; i < rows.length; i++) {
            String[] f = rows[i].split(",");
            weighted.append(f[0]).append(',').append(f[1]).append(',').append(f[2]).append(",0\n");
            for (int k = 0; k < Integer.parseInt(f[2]); k++) {
                copies.append(f[0]).append(',').append(f[1]).append(",0\n");
            }
        }
        dev.ridgeline.data.Frame w = dev.ridgeline.data.FrameReader.forTraining(
                dev.ridgeline.testing.CsvText.table(weighted.toString(), ','), "y", "w", java.util.Set.of());
        dev.ridgeline.data.Frame d = dev.ridgeline.data.FrameReader.forTraining(
                dev.ridgeline.testing.CsvText.table(copies.toString(), ','), "y", java.util.Set.of());
        dev.ridgeline.preprocess.Preprocessing pre = dev.ridgeline.preprocess.PreprocessingFitter.fit(d,
                java.util.stream.IntStream.range(0, d.rows()).toArray(), dev.ridgeline.preprocess.PreprocessingSpec.defaults());
        LinearModel model = LinearModel.of(pre, "y", new Parameters(new double[][] {{0.3, -1.2, 0.7, 2}},
                new double[] {4}), 0, dev.ridgeline.model.ModelMetadata.empty());
        LinearShap fromWeights = LinearShap.fit(model, w);
        LinearShap fromCopies = LinearShap.fit(model, d);
        // a: (1 * 3 + 2 + 7 * 2 + 4) / 7 = 23 / 7; c=p: 5 / 7, c=q: 1 / 7, c=r: 1 / 7.
        assertArrayEquals(new double[] {23.0 / 7, 5.0 / 7, 1.0 / 7, 1.0 / 7}, fromWeights.means(), 1e-15);
        assertArrayEquals(fromCopies.means(), fromWeights.means(), 1e-15);
        assertEquals(fromCopies.base(), fromWeights.base(), 1e-12);
        assertArrayEquals(fromCopies.meanAbsolutePhi(d), fromWeights.meanAbsolutePhi(w), 1e-12);
    }

    /**
     * Weighted importance by hand: f(x) = 0.5 + 2 x0 - x1 against means (2, 3), so |phi| of (1, 2), (3, 4), (6, 3)
     * is (2, 1), (2, 1), (8, 0); weights 1, 0, 3 give ((2 + 24) / 4, (1 + 0) / 4) = (6.5, 0.25), the row of weight
     * 0 counting nothing. The frame's rows summed a chunk at a time and divided by the weights' sum are the frame's
     * mean, bit for bit.
     */
    /**
     * The summed importance of a file's chunks adds each row's |phi_j|, by hand: theta (2, -1) in raw units, the
     * background's means (2, 3); rows (1, 2), (3, 4), (6, 3) have phi (-2, 1), (2, -1), (8, 0), so the sums of
     * |phi| are (12, 2) over two chunks (signed sums would be (8, 0): opposite contributions cancel, and a feature
     * that moves every prediction would read as unimportant).
     */
    @Test
    void chunkSumsOfAbsolutePhiAreTheRowsMagnitudesByHand() {
        LinearModel model = new LinearModel(List.of("a", "b"), null, new double[] {2, -1}, 0.5);
        LinearShap shap = LinearShap.fit(model, DenseMatrix.of(new double[][] {{1, 2}, {3, 4}}));
        dev.ridgeline.data.Frame frame = dev.ridgeline.data.FrameReader.forTraining(dev.ridgeline.testing.CsvText.table(
                "a,b,y\n1,2,0\n3,4,0\n6,3,0\n", ','), "y", java.util.Set.of());
        double[] sums = new double[2];
        shap.addAbsolutePhi(frame.selectRows(new int[] {0, 1}), sums);
        shap.addAbsolutePhi(frame.selectRows(new int[] {2}), sums);
        assertArrayEquals(new double[] {12, 2}, sums, 1e-12);
    }

    @Test
    void importanceWeighsRowsByTheirWeights() {
        LinearModel model = new LinearModel(List.of("a", "b"), null, new double[] {2, -1}, 0.5);
        LinearShap shap = LinearShap.fit(model, DenseMatrix.of(new double[][] {{1, 2}, {3, 4}}));
        double[][] rows = {{1, 2}, {3, 4}, {6, 3}};
        assertArrayEquals(new double[] {6.5, 0.25}, shap.meanAbsolutePhi(rows, new double[] {1, 0, 3}), 1e-15);
        assertArrayEquals(shap.meanAbsolutePhi(rows), shap.meanAbsolutePhi(rows, new double[] {1, 1, 1}));
        assertEquals("row 1: weight -1.0 is not a finite number >= 0", assertThrows(IllegalArgumentException.class,
                () -> shap.meanAbsolutePhi(rows, new double[] {1, -1, 3})).getMessage());
        assertEquals("row 2: weight NaN is not a finite number >= 0", assertThrows(IllegalArgumentException.class,
                () -> shap.meanAbsolutePhi(rows, new double[] {1, 0, Double.NaN})).getMessage());
        assertEquals("the rows' weights sum to 0.0: no mean to take", assertThrows(IllegalArgumentException.class,
                () -> shap.meanAbsolutePhi(rows, new double[] {0, 0, 0})).getMessage());
        assertEquals("2 weights for 3 rows", assertThrows(IllegalArgumentException.class,
                () -> shap.meanAbsolutePhi(rows, new double[] {1, 1})).getMessage());

        dev.ridgeline.data.Frame frame = dev.ridgeline.data.FrameReader.forTraining(dev.ridgeline.testing.CsvText.table(
                "a,b,w,y\n1,2,1,0\n3,4,0,0\n6,3,3,0\n", ','), "y", "w", java.util.Set.of());
        dev.ridgeline.preprocess.Preprocessing pre = dev.ridgeline.preprocess.PreprocessingFitter.fit(frame,
                new int[] {0, 1, 2}, dev.ridgeline.preprocess.PreprocessingSpec.defaults());
        LinearModel fromFrame = LinearModel.of(pre, "y", new Parameters(new double[][] {{0.3, -1.2}},
                new double[] {4}), 0, dev.ridgeline.model.ModelMetadata.empty());
        LinearShap weighted = LinearShap.fit(fromFrame, frame);
        double[] sums = new double[2];
        weighted.addWeightedAbsolutePhi(frame.selectRows(new int[] {0, 1}), sums);
        weighted.addWeightedAbsolutePhi(frame.selectRows(new int[] {2}), sums);
        double total = 0;
        for (int i = 0; i < frame.rows(); i++) {
            total += frame.weight(i);
        }
        assertEquals(4.0, total);
        assertArrayEquals(weighted.meanAbsolutePhi(frame), new double[] {sums[0] / total, sums[1] / total});
    }

    /** The additivity error is |base + sum phi - prediction|: |0.5 + 1 + 2 - 4| = 0.5. */
    @Test
    void additivityErrorByHand() {
        RowExplanation e = new RowExplanation(List.of("a", "b"), new double[] {0, 0}, new double[] {1, 2}, 0.5, 4);
        assertEquals(0.5, e.additivityError(), 1e-15);
    }
}
