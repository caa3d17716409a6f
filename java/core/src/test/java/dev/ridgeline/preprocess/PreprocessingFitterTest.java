package dev.ridgeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.testing.CsvText;
import dev.ridgeline.data.MissingPolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreprocessingFitterTest {
    private static final String CSV = "a,const,c,y\n1,5,red,1\n2,5,blue,2\n,5,red,3\n3,5,green,4\n100,5,blue,5\n";

    private static Frame frame() {
        return FrameReader.forTraining(CsvText.table(CSV, ','), "y", Set.of());
    }

    /** Many constant columns share one warning line (429 of them had printed 429 lines). */
    @Test
    void manyConstantColumnsAreDroppedWithOneWarningNamingTheFirstTen() {
        StringBuilder csv = new StringBuilder("x");
        for (int c = 0; c < 12; c++) {
            csv.append(",k").append(c);
        }
        csv.append(",y\n");
        for (int r = 0; r < 4; r++) {
            csv.append(r);
            for (int c = 0; c < 12; c++) {
                csv.append(',').append(c);
            }
            csv.append(',').append(r * 2).append('\n');
        }
        Frame f = FrameReader.forTraining(CsvText.table(csv.toString(), ','), "y", Set.of());
        Preprocessing p = PreprocessingFitter.fit(f, new int[] {0, 1, 2, 3}, PreprocessingSpec.defaults());
        assertEquals(List.of("x"), p.featureNames());
        assertEquals(List.of("12 features are constant on the training rows and were dropped: k0 (0.0), k1 (1.0), "
                + "k2 (2.0), k3 (3.0), k4 (4.0), k5 (5.0), k6 (6.0), k7 (7.0), k8 (8.0), k9 (9.0), and 2 more"),
                p.warnings());
    }

    /** Numbers written with commas read as text: a column of nothing else is named. */
    @Test
    void aColumnOfDecimalCommaNumbersIsNamed() {
        Frame f = FrameReader.forTraining(CsvText.table("g;h;y\n12,78;a;1\n15,84;b;2\n1.234,5;c;2\n12,78;a;3\n",
                ';'), "y", Set.of());
        Preprocessing p = PreprocessingFitter.fit(f, new int[] {0, 1, 2, 3}, PreprocessingSpec.defaults());
        assertEquals(List.of("column 'g' holds numbers written with decimal commas or thousands separators"
                + " ('1.234,5'), read as 3 categories (if they are categories, ignore this): numbers are read with neither"
                + " decimal commas nor thousands separators: write 1234.5, not 1234,5, 1,234.5 or 1 234.5"), p.warnings());
        Frame thousands = FrameReader.forTraining(CsvText.table("g;y\n1,000;1\n12,345.5;2\n2,500;3\n", ';'), "y",
                Set.of());
        assertEquals(List.of("column 'g' holds numbers written with decimal commas or thousands separators"
                + " ('1,000'), read as 3 categories (if they are categories, ignore this): numbers are read with neither"
                + " decimal commas nor thousands separators: write 1234.5, not 1234,5, 1,234.5 or 1 234.5"),
                PreprocessingFitter.fit(thousands, new int[] {0, 1, 2}, PreprocessingSpec.defaults()).warnings());
        // French exports group thousands by a narrow no-break space, Swiss ones by an apostrophe; plain spaces too.
        for (String sep : new String[] {"\u202f", "\u00a0", " ", "'"}) {
            Frame grouped = FrameReader.forTraining(CsvText.table("g;y\n1" + sep + "234,5;1\n2" + sep + "500,25;2\n"
                    + "3" + sep + "000;3\n", ';'), "y", Set.of());
            List<String> warnings = PreprocessingFitter.fit(grouped, new int[] {0, 1, 2}, PreprocessingSpec.defaults())
                    .warnings();
            assertEquals(1, warnings.size(), sep + ": " + warnings);
            assertTrue(warnings.get(0).startsWith("column 'g' holds numbers written with decimal commas or thousands"
                    + " separators ('1" + sep + "234,5')"), warnings.get(0));
        }
        Frame mixed = FrameReader.forTraining(CsvText.table("g;y\n12,78;1\nred;2\n", ';'), "y", Set.of());
        assertEquals(List.of(), PreprocessingFitter.fit(mixed, new int[] {0, 1}, PreprocessingSpec.defaults())
                .warnings());
    }

    /** Numbers with currency or percent signs read as text too: a column of them (commas or not) is named. */
    @Test
    void aColumnOfNumbersWithSignsIsNamed() {
        Frame f = FrameReader.forTraining(CsvText.table("p;s;y\n$3,118.28;45%;1\n12.5 \u20ac;0.5%;2\n1,000;12%;3\n",
                ';'), "y", Set.of());
        assertEquals(List.of("column 'p' holds numbers written with signs ('$3,118.28'), read as 3 categories (if they"
                + " are categories, ignore this): numbers are read plain: write 3118.28 or 0.45, without currency or"
                + " percent signs or thousands separators", "column 's' holds numbers written with signs ('0.5%'), read"
                + " as 3 categories (if they are categories, ignore this): numbers are read plain: write 3118.28 or"
                + " 0.45, without currency or percent signs or thousands separators"),
                PreprocessingFitter.fit(f, new int[] {0, 1, 2}, PreprocessingSpec.defaults()).warnings());
        Frame words = FrameReader.forTraining(CsvText.table("p;y\n$3;1\n$ off;2\n", ';'), "y", Set.of());
        assertEquals(List.of(), PreprocessingFitter.fit(words, new int[] {0, 1}, PreprocessingSpec.defaults())
                .warnings());
    }

    /** A declared categorical column with no value adds no feature: a warning says so. */
    @Test
    void anEmptyCategoricalColumnIsNamed() {
        Frame f = FrameReader.forTraining(CsvText.table("a,e,y\n1,,1\n2,,2\n3,,4\n", ','), "y", Set.of("e"));
        Preprocessing p = PreprocessingFitter.fit(f, new int[] {0, 1, 2},
                new PreprocessingSpec(MissingPolicy.MEAN, ScaleKind.ZSCORE, UnseenCategory.ERROR));
        assertEquals(List.of("a"), p.featureNames());
        assertTrue(p.warnings().contains("categorical column 'e' has no value on the training rows: it adds no"
                + " feature, and a value in it at prediction is an unseen category"), p.warnings().toString());
    }

    /** "?" or "null" for a gap in a text column is a category to the reader: a warning names it. */
    @Test
    void categoriesThatReadLikeMissingValuesAreNamed() {
        Frame f = FrameReader.forTraining(CsvText.table("x,c,d,y\n1,red,?,1\n2,null,a,2\n3,blue,na,2\n4,red,a,5\n",
                ','), "y", Set.of());
        Preprocessing p = PreprocessingFitter.fit(f, new int[] {0, 1, 2, 3}, PreprocessingSpec.defaults());
        assertEquals(List.of("column 'c' has the category 'null', which reads like a missing value but is a category"
                + " here (only an empty field or NA is missing): write it as NA to have it treated as missing",
                "column 'd' has the categories '?', 'na', which read like a missing value but are each a category here"
                + " (only an empty field or NA is missing): write them as NA to have them treated as missing"),
                p.warnings());
        Frame plain = FrameReader.forTraining(CsvText.table("c,y\nred,1\nNA,2\nblue,3\n", ','), "y", Set.of());
        assertEquals(List.of(), PreprocessingFitter.fit(plain, new int[] {0, 2},
                PreprocessingSpec.defaults()).warnings());
    }

    /** Values apart by rounding only (0.1 + 0.2 against 0.3) are a constant, not a feature scaled by 9e-18. */
    @Test
    void aColumnVaryingByRoundingOnlyIsConstant() {
        Frame f = FrameReader.forTraining(CsvText.table("x,rate,big,y\n1,0.3,1e9,1\n2,0.30000000000000004,1e9,2\n"
                + "3,0.3,1000000000.0000001,2\n4,0.3,1e9,5\n", ','), "y", Set.of());
        Preprocessing p = PreprocessingFitter.fit(f, new int[] {0, 1, 2, 3}, PreprocessingSpec.defaults());
        assertEquals(List.of("x"), p.featureNames());
        assertEquals(List.of("feature 'rate' is constant (0.3 to 0.30000000000000004, a spread of rounding) on the"
                + " training rows and was dropped", "feature 'big' is constant (1.0E9 to 1.0000000000000001E9, a"
                + " spread of rounding) on the training rows and was dropped"), p.warnings());
        // A real spread, however small against the magnitude, is kept: timestamps 0.1 s apart near 1.7e9.
        Frame stamps = FrameReader.forTraining(CsvText.table("t,y\n1700000000.0,1\n1700000000.1,2\n", ','), "y",
                Set.of());
        assertEquals(List.of("t"), PreprocessingFitter.fit(stamps, new int[] {0, 1}, PreprocessingSpec.defaults())
                .featureNames());
    }

    @Test
    void fitsOnTrainingRowsOnlyAndDropsConstantColumnsWithAWarning() {
        Frame f = frame();
        Preprocessing p = PreprocessingFitter.fit(f, new int[] {0, 1, 2, 3},
                new PreprocessingSpec(MissingPolicy.MEDIAN, ScaleKind.MINMAX, UnseenCategory.ERROR));
        // Row 4 (a = 100, held out) must not influence the fit: median of {1, 2, 3} = 2, min 1, max 3.
        assertEquals(2.0, p.inputs().get(0).fillNumber());
        assertEquals(List.of("a", "c=blue", "c=green", "c=red"), p.featureNames());
        assertEquals(1.0, p.features().get(0).shift());
        assertEquals(2.0, p.features().get(0).scale());
        assertEquals(List.of("feature 'const' is constant (5.0) on the training rows and was dropped"), p.warnings());
        DenseMatrix z = p.transform(f);
        assertEquals(0.5f, z.get(2, 0)); // imputed 2 -> (2 - 1) / 2
        assertEquals(49.5f, z.get(4, 0)); // held-out row scaled by the training range
        assertEquals(1f, z.get(0, 3));
        assertEquals(0f, z.get(0, 1));
    }

    /** Without imputation a missing training value is refused by the fit, not later by transform. */
    @Test
    void aMissingTrainingValueIsRefusedWhenThePolicyImputesNone() {
        for (MissingPolicy policy : new MissingPolicy[] {MissingPolicy.FAIL, MissingPolicy.DROP}) {
            DataException e = assertThrows(DataException.class, () -> PreprocessingFitter.fit(frame(),
                    new int[] {0, 1, 2, 3}, new PreprocessingSpec(policy, ScaleKind.ZSCORE, UnseenCategory.ERROR)));
            assertEquals("t.csv, line 4, column 'a': missing value in a training row, and MissingPolicy." + policy
                    + " imputes none: remove such rows first (MissingValues.apply with MissingPolicy.DROP) or fit with"
                    + " MissingPolicy.MEAN or MEDIAN", e.getMessage());
        }
    }

    @Test
    void zscoreUsesPopulationStatisticsOfTrainingRows() {
        Preprocessing p = PreprocessingFitter.fit(frame(), new int[] {0, 1, 3},
                new PreprocessingSpec(MissingPolicy.FAIL, ScaleKind.ZSCORE, UnseenCategory.ERROR));
        assertEquals(2.0, p.features().get(0).shift(), 1e-15);
        assertEquals(Math.sqrt(2.0 / 3), p.features().get(0).scale(), 1e-15);
    }

    @Test
    void unseenCategoryIsAnErrorByDefaultOrAllZerosWhenAsked() {
        Frame f = frame();
        int[] train = {0, 1, 2};
        Preprocessing strict = PreprocessingFitter.fit(f, train,
                new PreprocessingSpec(MissingPolicy.MEAN, ScaleKind.NONE, UnseenCategory.ERROR));
        DataException e = assertThrows(DataException.class, () -> strict.transform(f));
        assertEquals("t.csv, line 5, column 'c': category 'green' was not seen in training; known: [blue, red] "
                + "(train with --unseen zeros to encode it as all zeros)", e.getMessage());
        Preprocessing zeros = PreprocessingFitter.fit(f, train,
                new PreprocessingSpec(MissingPolicy.MEAN, ScaleKind.NONE, UnseenCategory.ZEROS));
        DenseMatrix z = zeros.transform(f);
        assertEquals(List.of("a", "c=blue", "c=red"), zeros.featureNames());
        assertEquals(0f, z.get(3, 1));
        assertEquals(0f, z.get(3, 2));
    }

    @Test
    void unseenCategoryIsAnErrorEvenInAColumnThatFeedsNoFeature() {
        // Both training rows are 'red': the one-hot column is constant there and dropped, yet 'blue' in the
        // third row is a new category, which --unseen error must report.
        Frame f = FrameReader.forTraining(CsvText.table("a,c,y\n1,red,1\n2,red,2\n3,blue,3\n", ','), "y", Set.of());
        Preprocessing strict = PreprocessingFitter.fit(f, new int[] {0, 1},
                new PreprocessingSpec(MissingPolicy.FAIL, ScaleKind.NONE, UnseenCategory.ERROR));
        assertEquals(List.of("a"), strict.featureNames());
        DataException e = assertThrows(DataException.class, () -> strict.transform(f));
        assertEquals("t.csv, line 4, column 'c': category 'blue' was not seen in training; known: [red] "
                + "(train with --unseen zeros to encode it as all zeros)", e.getMessage());
        Preprocessing zeros = PreprocessingFitter.fit(f, new int[] {0, 1},
                new PreprocessingSpec(MissingPolicy.FAIL, ScaleKind.NONE, UnseenCategory.ZEROS));
        assertEquals(3f, zeros.transform(f).get(2, 0));
    }

    @Test
    void missingValueWithoutImputationIsRefusedAtTransform() {
        Frame f = frame();
        Preprocessing p = PreprocessingFitter.fit(f, new int[] {0, 1},
                new PreprocessingSpec(MissingPolicy.FAIL, ScaleKind.NONE, UnseenCategory.ZEROS));
        DataException e = assertThrows(DataException.class, () -> p.transform(f));
        assertTrue(e.getMessage().startsWith("t.csv, line 4, column 'a': missing value"), e.getMessage());
    }

    @Test
    void aColumnNamedLikeAOneHotFeatureIsRefusedNamingBothSources() {
        Frame f = FrameReader.forTraining(CsvText.table(
                "color,color=red,y\nred,0.5,1\nblue,1.5,2\nred,-1,3\nblue,2,4\n", ','), "y", Set.of());
        DataException e = assertThrows(DataException.class, () -> PreprocessingFitter.fit(f, new int[] {0, 1, 2, 3},
                PreprocessingSpec.defaults()));
        assertEquals("t.csv: two features would be named 'color=red': category 'red' of column 'color' and "
                + "column 'color=red'; rename the column 'color=red'", e.getMessage());
    }

    @Test
    void twoOneHotFeaturesWithTheSameNameAreRefused() {
        Frame f = FrameReader.forTraining(CsvText.table(
                "a=b,a,y\nc,b=c,1\nd,x,2\nc,b=c,3\nd,x,4\n", ','), "y", Set.of());
        DataException e = assertThrows(DataException.class, () -> PreprocessingFitter.fit(f, new int[] {0, 1, 2, 3},
                PreprocessingSpec.defaults()));
        assertEquals("t.csv: two features would be named 'a=b=c': category 'c' of column 'a=b' and "
                + "category 'b=c' of column 'a'; rename the column 'a=b'", e.getMessage());
    }

    @Test
    void unscaledValuesThatFloat32CannotTellApartAreWarnedAbout() {
        // 1.7e9 +- 1: float32 steps there are 128, so all three values become one float and the model would
        // silently give the feature coefficient 0. Scaled in double first, the same column is fine.
        String csv = "big,year,y\n1700000000,2019,1\n1700000001,2020,2\n1699999999,2021,3\n";
        Frame f = FrameReader.forTraining(CsvText.table(csv, ','), "y", Set.of());
        int[] rows = {0, 1, 2};
        Preprocessing none = PreprocessingFitter.fit(f, rows,
                new PreprocessingSpec(MissingPolicy.FAIL, ScaleKind.NONE, UnseenCategory.ERROR));
        assertEquals(1, none.warnings().size(), none.warnings().toString());
        String w = none.warnings().get(0);
        assertTrue(w.startsWith("feature 'big' varies by a standard deviation of 0.816 around 1.700e+09"), w);
        assertTrue(w.contains("steps of 128"), w);
        assertEquals(none.transform(f).get(0, 0), none.transform(f).get(1, 0)); // what the warning is about
        for (ScaleKind scaled : new ScaleKind[] {ScaleKind.ZSCORE, ScaleKind.MINMAX}) {
            Preprocessing p = PreprocessingFitter.fit(f, rows,
                    new PreprocessingSpec(MissingPolicy.FAIL, scaled, UnseenCategory.ERROR));
            assertEquals(List.of(), p.warnings(), scaled.label());
        }
    }

    /** Bad arguments are named: a row past the frame, a null target (both failed deep inside, naming nothing). */
    @Test
    void aTrainingRowPastTheFrameAndANullTargetAreNamed() {
        PreprocessingSpec spec = new PreprocessingSpec(MissingPolicy.MEAN, ScaleKind.ZSCORE, UnseenCategory.ERROR);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> PreprocessingFitter.fit(frame(), new int[] {0, 9999}, spec));
        assertEquals("training row trainRows[1] = 9999 is outside the frame's rows 0..4", e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> FrameReader.forTraining(CsvText.table(CSV, ','), null, Set.of()));
        assertEquals("target: the name of the target column", npe.getMessage());
    }

    /** Median and mean fills differ on a skewed column: each policy imputes its own statistic. */
    @Test
    void medianAndMeanImputationGiveTheirOwnStatistic() {
        Frame f = FrameReader.forTraining(CsvText.table("a,y\n1,1\n2,2\n9,3\n,4\n", ','), "y", Set.of());
        int[] rows = {0, 1, 2, 3};
        // present values {1, 2, 9}: median 2, mean 12 / 3 = 4
        assertEquals(2.0, PreprocessingFitter.fit(f, rows,
                new PreprocessingSpec(MissingPolicy.MEDIAN, ScaleKind.NONE, UnseenCategory.ERROR)).inputs().get(0)
                .fillNumber(), 0);
        assertEquals(4.0, PreprocessingFitter.fit(f, rows,
                new PreprocessingSpec(MissingPolicy.MEAN, ScaleKind.NONE, UnseenCategory.ERROR)).inputs().get(0)
                .fillNumber(), 1e-15);
    }

    /** A tie for the most frequent category goes to the first in sorted order, as documented. */
    @Test
    void aTieForTheMostFrequentCategoryFillsWithTheFirstInSortedOrder() {
        Frame f = FrameReader.forTraining(CsvText.table("c,y\nred,1\nblue,2\nred,3\nblue,4\n,5\n", ','), "y",
                Set.of());
        Preprocessing p = PreprocessingFitter.fit(f, new int[] {0, 1, 2, 3, 4},
                new PreprocessingSpec(MissingPolicy.MEAN, ScaleKind.NONE, UnseenCategory.ERROR));
        assertEquals("blue", p.inputs().get(0).fillLabel()); // blue 2, red 2: 'blue' sorts first
    }

    /** With a weight column, a row of weight w counts as w copies in the scaling statistics. */
    @Test
    void zscoreStatisticsAreWeightedByTheRowWeights() {
        Frame f = FrameReader.forTraining(CsvText.table("a,w,y\n1,3,1\n3,1,2\n", ','), "y", "w", Set.of());
        Preprocessing p = PreprocessingFitter.fit(f, new int[] {0, 1},
                new PreprocessingSpec(MissingPolicy.FAIL, ScaleKind.ZSCORE, UnseenCategory.ERROR));
        assertEquals(List.of("a"), p.featureNames());
        // values {1, 1, 1, 3}: mean 6 / 4 = 1.5, population sd sqrt((3 * 0.25 + 2.25) / 4) = sqrt(0.75)
        assertEquals(1.5, p.features().get(0).shift(), 1e-15);
        assertEquals(Math.sqrt(0.75), p.features().get(0).scale(), 1e-15);
    }

    /**
     * The warning's threshold is a step above a HUNDREDTH of the standard deviation: 1.7e9 and 1.7e9 + 2000 have
     * sd 1000 and float32 steps of 128 there, 12.8% of it, so it is warned about (though the values stay apart).
     */
    @Test
    void aFloat32StepOfAFewPercentOfTheSpreadIsWarnedAbout() {
        Frame f = FrameReader.forTraining(CsvText.table("big,y\n1700000000,1\n1700002000,2\n", ','), "y", Set.of());
        Preprocessing none = PreprocessingFitter.fit(f, new int[] {0, 1},
                new PreprocessingSpec(MissingPolicy.FAIL, ScaleKind.NONE, UnseenCategory.ERROR));
        assertEquals(1, none.warnings().size(), none.warnings().toString());
        assertTrue(none.warnings().get(0).contains("steps of 128"), none.warnings().get(0));
    }

    /** More rows than one encoding block (256): every block lands on its own rows. */
    @Test
    void aFrameOfSeveralBlocksIsEncodedRowByRow() {
        StringBuilder csv = new StringBuilder("a,y\n");
        for (int i = 0; i < 600; i++) {
            csv.append(i).append(',').append(i % 3).append('\n');
        }
        Frame f = FrameReader.forTraining(CsvText.table(csv.toString(), ','), "y", Set.of());
        Preprocessing p = PreprocessingFitter.fit(f, java.util.stream.IntStream.range(0, 600).toArray(),
                new PreprocessingSpec(MissingPolicy.FAIL, ScaleKind.NONE, UnseenCategory.ERROR));
        DenseMatrix z = p.transform(f);
        assertEquals(255f, z.get(255, 0)); // unscaled: the value itself
        assertEquals(256f, z.get(256, 0));
        assertEquals(599f, z.get(599, 0));
    }
}
