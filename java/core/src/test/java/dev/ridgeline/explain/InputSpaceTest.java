package dev.ridgeline.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.UnseenCategory;
import dev.ridgeline.testing.CsvText;
import dev.ridgeline.train.RidgeFitter;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.TrainerConfig;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A raw row in the input space: what a caller of {@code predict(double[])} hands {@link LinearShap}, which had
 * refused the NaN that predict imputes.
 */
class InputSpaceTest {
    /** a and b, with a missing b; c constant (dropped in training); y = 1 + 2a - b (+ a little noise). */
    private static final String CSV = "a,b,c,y\n1,2,7,1.1\n2,,7,3.2\n3,1,7,5.9\n4,5,7,3.8\n5,4,7,6.9\n6,3,7,9.8\n";

    private static LinearModel fit(MissingPolicy missing) {
        Frame frame = FrameReader.forTraining(CsvText.table(CSV, ','), "y", Set.of());
        return new RidgeFitter(0.1, TrainerConfig.builder().solver(Solver.EXACT).build(), "java-scalar")
                .fit(frame, new PreprocessingSpec(missing, ScaleKind.ZSCORE, UnseenCategory.ERROR)).model();
    }

    @Test
    void aRawRowIsImputedAndLosesTheDroppedColumnAsPredictSeesIt() {
        LinearModel model = fit(MissingPolicy.MEDIAN);
        double[] raw = {2.5, Double.NaN, 7};
        double[] x = InputSpace.row(model, raw);
        assertArrayEquals(new double[] {2.5, 3}, x, 0, "b's median over the rows that have it: 3; c dropped");
        Frame frame = FrameReader.forTraining(CsvText.table(CSV, ','), "y", Set.of());
        LinearShap shap = LinearShap.fit(model, frame);
        RowExplanation e = shap.explain(x);
        assertEquals(model.predict(raw), e.prediction(), 1e-12);
        assertEquals(e.prediction(), e.base() + e.phi()[0] + e.phi()[1], 1e-12);
    }

    @Test
    void aMissingValueWithoutImputationIsRefusedAsPredictRefusesIt() {
        LinearModel model = fit(MissingPolicy.DROP);
        double[] raw = {2.5, Double.NaN, 7};
        String expected = assertThrows(DataException.class, () -> model.predict(raw)).getMessage();
        assertEquals(expected, assertThrows(DataException.class, () -> InputSpace.row(model, raw)).getMessage());
        assertEquals("input 1 ('b'): missing value, and the model was trained without imputation (--missing mean or"
                + " median)", expected);
    }
}
