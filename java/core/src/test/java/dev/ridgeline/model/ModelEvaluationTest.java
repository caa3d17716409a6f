package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.testing.CsvText;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A model scored on labelled rows through the library: the metrics of predict and RegressionMetrics together, and
 * each problem of the rows a DataException naming the file and line, as {@code ridgeline evaluate} names it.
 */
class ModelEvaluationTest {
    /** y = 2 a + 1, fitted on rows a = 1..4. */
    private static LinearModel model(double coefficient) {
        Frame train = FrameReader.forTraining(CsvText.table("a,y\n1,3\n2,5\n3,7\n4,9\n", ','), "y", Set.of());
        Preprocessing pre = PreprocessingFitter.fit(train, new int[] {0, 1, 2, 3}, PreprocessingSpec.defaults());
        // z = (a - 2.5) / sd: theta in the scaled space gives coefficient in original units.
        double sd = pre.features().get(0).scale();
        return new LinearModel(pre, "y", new double[] {coefficient * sd}, 6.0, ModelMetadata.empty());
    }

    private static Frame labelled(String csv) {
        LinearModel m = model(2);
        return FrameReader.forModel(CsvText.table(csv, ','), m.preprocessing().inputSchema(), "y", "w", Set.of());
    }

    @Test
    void theMetricsAreThoseOfThePredictions() {
        LinearModel m = model(2);
        Frame rows = labelled("a,y\n1,3\n2,6\n5,11\n");
        RegressionMetrics got = ModelEvaluation.of(m, rows);
        RegressionMetrics want = RegressionMetrics.of(rows.targetValues(), m.predict(rows), null);
        assertEquals(want.mse(), got.mse());
        assertEquals(1.0 / 3, got.mse(), 1e-12);
        Frame weighted = labelled("a,w,y\n1,1,3\n2,3,6\n");
        assertEquals(3.0 / 4, ModelEvaluation.of(m, weighted).mse(), 1e-12);
    }

    @Test
    void aMissingTargetIsNamedByLine() {
        DataException e = assertThrows(DataException.class,
                () -> ModelEvaluation.of(model(2), labelled("a,y\n1,3\n2,\n")));
        assertEquals("<text>, line 3: the target 'y' is missing", e.getMessage().replaceFirst("^[^,]*,", "<text>,"));
    }

    @Test
    void allWeightsZeroIsNamed() {
        DataException e = assertThrows(DataException.class,
                () -> ModelEvaluation.of(model(2), labelled("a,w,y\n1,0,3\n2,0,5\n")));
        assertEquals("every one of the 2 rows has weight 0 in 'w'; the weighted metrics are undefined",
                e.getMessage().replaceFirst("^[^:]*: ", ""));
    }

    @Test
    void anOverflowingPredictionIsNamedByLine() {
        LinearModel huge = model(1e300);
        Frame rows = labelled("a,y\n1,3\n3e10,5\n");
        DataException e = assertThrows(DataException.class, () -> ModelEvaluation.of(huge, rows));
        assertEquals(List.of(", line 3: the model predicts Infinity for this row, not a finite number"),
                List.of(e.getMessage().substring(e.getMessage().indexOf(", line"), e.getMessage().indexOf(": its"))));
    }
}
