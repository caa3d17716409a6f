package dev.ridgeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.MissingPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scaling is fitted on the training rows, so a row outside them can scale beyond float32 though its raw value is a
 * fine float32: 1e10 in a column the training rows spread over 1e-30. Such a row is refused naming its file, line,
 * column and value; its infinity had been refused later as "row 0, column 0: value Infinity is not a finite number".
 */
class ScaledBeyondFloatTest {
    @Test
    void aHeldOutRowThatScalesBeyondFloat32IsNamed() {
        double[][] rows = new double[10][];
        double[] y = new double[10];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i * 1e-31, i};
            y[i] = i;
        }
        rows[9][0] = 1e10;
        Frame frame = Frame.of("tiny.csv", List.of("tiny", "x"), rows, y, "y");
        int[] training = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        Preprocessing p = PreprocessingFitter.fit(frame, training, new PreprocessingSpec(MissingPolicy.FAIL,
                ScaleKind.ZSCORE, UnseenCategory.ERROR));
        assertEquals(9, p.transform(frame.viewRows(training)).rows(), "the training rows themselves scale within range");
        DataException e = assertThrows(DataException.class, () -> p.transform(frame));
        assertEquals("tiny.csv, line 11, column 'tiny': value 1.0E10 scales to 3.87e+40, (value - 4.00000e-31) /"
                + " 2.58199e-31 as fitted on the training rows, beyond float32's range (about 3.4e38) in which rows are"
                + " trained: check the value, train without scaling (--scale none), or leave the column out (--ignore)", e.getMessage());
        Preprocessing unscaled = PreprocessingFitter.fit(frame, training, new PreprocessingSpec(MissingPolicy.FAIL,
                ScaleKind.NONE, UnseenCategory.ERROR));
        assertEquals(1e10f, unscaled.transform(frame).get(9, 0), "unscaled, the value is a float32 like any other");
    }
}
