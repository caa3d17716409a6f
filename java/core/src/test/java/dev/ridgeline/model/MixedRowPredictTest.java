package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.explain.InputSpace;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.UnseenCategory;
import dev.ridgeline.testing.CsvText;
import dev.ridgeline.testing.MixedRowsCsv;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link LinearModel#predict(double[], String[])}, a row of numbers and labels, against {@link LinearModel#predict(
 * Frame)} on the same rows read from CSV text: the same bits on every row (imputed values, unseen categories as
 * zeros, labels with spaces around them, every scaling), and the file's errors where the file would fail; and
 * {@link InputSpace#row(LinearModel, double[], String[])} against {@link InputSpace#rows} likewise.
 */
class MixedRowPredictTest {
    /** A model of the preprocessing fitted on the rows without grey, so that grey is unseen; coefficients 1..n. */
    private static LinearModel model(Frame frame, ScaleKind scale, UnseenCategory unseen) {
        int colour = frame.indexOf("colour");
        int[] rows = IntStream.range(0, frame.rows())
                .filter(i -> colour < 0 || !"grey".equals(frame.label(colour, i))).toArray();
        Preprocessing pre = PreprocessingFitter.fit(frame, rows, new PreprocessingSpec(MissingPolicy.MEAN, scale,
                unseen));
        double[] theta = IntStream.rangeClosed(1, pre.features().size()).mapToDouble(f -> f * 0.37).toArray();
        return new LinearModel(pre, "y", theta, 2.5, ModelMetadata.empty());
    }

    /** Row i of the CSV text's fields as the arrays take them: numbers (NaN for missing) and the raw labels. */
    private static List<Object[]> arrays(String csv, Map<String, ColumnKind> schema) {
        List<String> names = new ArrayList<>(schema.keySet());
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<Object[]> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            double[] numbers = new double[names.size()];
            String[] labels = new String[names.size()];
            for (int i = 0; i < names.size(); i++) {
                String field = fields[header.indexOf(names.get(i))];
                if (schema.get(names.get(i)) == ColumnKind.NUMERIC) {
                    numbers[i] = field.isEmpty() || field.equals("NA") ? Double.NaN : Double.parseDouble(field);
                } else {
                    labels[i] = field;
                }
            }
            out.add(new Object[] {numbers, labels});
        }
        return out;
    }

    @Test
    void aRowOfNumbersAndLabelsPredictsTheFramesBitsOnEveryRow() {
        String text = MixedRowsCsv.text(500, 11);
        Frame frame = FrameReader.forTraining(CsvText.table(text, ','), "y", Set.of());
        for (ScaleKind scale : ScaleKind.values()) {
            LinearModel model = model(frame, scale, UnseenCategory.ZEROS);
            double[] byFrame = model.predict(frame);
            List<Object[]> rows = arrays(text, model.preprocessing().inputSchema());
            double[][] inputSpace = InputSpace.rows(model, frame);
            for (int i = 0; i < rows.size(); i++) {
                double[] numbers = (double[]) rows.get(i)[0];
                String[] labels = (String[]) rows.get(i)[1];
                double byRow = model.predict(numbers, labels);
                assertEquals(Double.doubleToRawLongBits(byFrame[i]), Double.doubleToRawLongBits(byRow),
                        scale + ", row " + i + ": " + byFrame[i] + " against " + byRow);
                // The unscaled row, as explanations take it, is the frame's too.
                assertArrayEquals(inputSpace[i], InputSpace.row(model, numbers, labels), scale + ", row " + i);
            }
        }
    }

    /**
     * A categorical input of one training category feeds no feature: a missing label there needs no fill, as in a
     * file's row (the arrays had refused it without imputation), while an unseen one is still refused.
     */
    @Test
    void anInputOfOneTrainingCategoryNeedsNoFill() {
        Frame train = FrameReader.forTraining(CsvText.table("a,one,y\n1,k,1\n2,k,2\n3,k,4\n", ','), "y", Set.of());
        Preprocessing pre = PreprocessingFitter.fit(train, new int[] {0, 1, 2}, new PreprocessingSpec(
                MissingPolicy.FAIL, ScaleKind.ZSCORE, UnseenCategory.ERROR));
        LinearModel model = new LinearModel(pre, "y", new double[] {1.5}, 2.5, ModelMetadata.empty());
        Frame missing = FrameReader.forModelInputs(CsvText.table("a,one\n2,\n", ','), pre.inputSchema(), Set.of());
        assertEquals(model.predict(missing)[0], model.predict(new double[] {2, Double.NaN}, new String[] {null, null}));
        assertEquals(model.predict(missing)[0], model.predict(new double[] {2, Double.NaN}, new String[] {null, "NA"}));
        assertEquals("input 1 ('one'): category 'q' was not seen in training; known: [k] (train with --unseen zeros to"
                        + " encode it as all zeros)", assertThrows(DataException.class,
                () -> model.predict(new double[] {2, Double.NaN}, new String[] {null, "q"})).getMessage());
    }

    /** A row with several problems is refused for the first in feature order, the one a file's row is refused for. */
    @Test
    void theFirstProblemInFeatureOrderIsNamed() {
        Frame train = FrameReader.forTraining(CsvText.table("colour,a,y\nred,1,1\nblue,2,2\nred,3,4\n", ','), "y",
                Set.of());
        Preprocessing pre = PreprocessingFitter.fit(train, new int[] {0, 1, 2}, new PreprocessingSpec(
                MissingPolicy.FAIL, ScaleKind.ZSCORE, UnseenCategory.ERROR));
        LinearModel model = new LinearModel(pre, "y", new double[pre.features().size()], 2.5, ModelMetadata.empty());
        DataException byFile = assertThrows(DataException.class, () -> model.predict(FrameReader.forModelInputs(
                CsvText.table("colour,a\ngrey,\n", ','), pre.inputSchema(), Set.of())));
        DataException byRow = assertThrows(DataException.class,
                () -> model.predict(new double[] {Double.NaN, Double.NaN}, new String[] {"grey", null}));
        assertEquals(byFile.getMessage().substring(byFile.getMessage().indexOf(": category")),
                byRow.getMessage().substring(byRow.getMessage().indexOf(": category")));
    }

    @Test
    void aNumericModelTakesNullLabelsAndTheNumberArraysBits() {
        String text = "a,b,y\n1,2,3\n4,,6\n7,8,9\n2,3,1\n";
        Frame frame = FrameReader.forTraining(CsvText.table(text, ','), "y", Set.of());
        LinearModel model = model(frame, ScaleKind.ZSCORE, UnseenCategory.ERROR);
        double[] row = {4, Double.NaN};
        assertEquals(Double.doubleToRawLongBits(model.predict(row)),
                Double.doubleToRawLongBits(model.predict(row, null)));
        assertEquals(Double.doubleToRawLongBits(model.predict(frame)[1]),
                Double.doubleToRawLongBits(model.predict(row, null)));
    }

    @Test
    void whatAFileWouldFailOnIsNamedByInput() {
        String text = MixedRowsCsv.text(200, 4);
        Frame frame = FrameReader.forTraining(CsvText.table(text, ','), "y", Set.of());
        LinearModel model = model(frame, ScaleKind.ZSCORE, UnseenCategory.ERROR);
        // Inputs in schema order: a, b, colour (const feeds no feature).
        assertEquals(List.of("a", "b", "colour", "const"), List.copyOf(model.preprocessing().inputSchema().keySet()));
        double[] numbers = {1, 2, Double.NaN, 5};
        assertEquals("input 2 ('colour'): category 'grey' was not seen in training; known: [blue, green, red] (train"
                        + " with --unseen zeros to encode it as all zeros)",
                assertThrows(DataException.class, () -> model.predict(numbers, new String[] {null, null, "grey", null}))
                        .getMessage());
        assertEquals("input 0 ('a'): value Infinity is not a finite float32 number",
                assertThrows(DataException.class, () -> model.predict(new double[] {Double.POSITIVE_INFINITY, 2,
                        Double.NaN, 5}, new String[4])).getMessage());
        assertEquals("the model has categorical inputs [colour]; labels must not be null",
                assertThrows(IllegalArgumentException.class, () -> model.predict(numbers, null)).getMessage());
        assertEquals("the model has categorical inputs [colour]; give their labels too (a model's predict(numbers,"
                        + " labels), or encode(numbers, labels, z) of its preprocessing), or predict from a Frame",
                assertThrows(IllegalArgumentException.class, () -> model.predict(numbers)).getMessage());
        assertEquals("row has 3 labels, the model expects 4 [a, b, colour, const]",
                assertThrows(IllegalArgumentException.class, () -> model.predict(numbers, new String[3])).getMessage());
        // A missing label takes the fill (the most frequent training category) as an empty field does in a file.
        Frame missing = FrameReader.forModelInputs(CsvText.table("a,b,colour,const\n1,2,,5\n1,2,NA,5\n", ','),
                model.preprocessing().inputSchema(), Set.of());
        double[] fromFile = model.predict(missing);
        for (String label : new String[] {null, "", "NA", "  "}) {
            assertEquals(fromFile[0], model.predict(numbers, new String[] {"ignored", null, label, null}), label);
        }
        assertEquals(fromFile[0], fromFile[1]);
    }
}
