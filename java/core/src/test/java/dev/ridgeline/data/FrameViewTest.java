package dev.ridgeline.data;

import static dev.ridgeline.testing.CsvText.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.UnseenCategory;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Frame#viewRows} shares the frame's columns where {@link Frame#selectRows} copies them: the two must
 * not be told apart by anything but memory, since train and tune take their parts as views.
 */
class FrameViewTest {
    /** Numbers, a categorical column, missing values of both kinds, row weights; lines 2..13. */
    private static final String CSV = "a,c,w,b,y\n"
            + "1.5,u,1,10,3\n2.25,v,0,NA,4\n-3,,2.5,11,5\n4,u,1,12,NA\n0.1,w,3,13,7\n6,v,1,14,8\n"
            + "7,u,0.5,,9\n8.75,w,1,16,10\n9,v,2,17,11\n,u,1,18,12\n11,w,1,19,13\n12,u,4,20,14\n";

    private static Frame frame() {
        return FrameReader.forTraining(table(CSV, ','), "y", "w", Set.of());
    }

    /**
     * A row or column outside the frame is named, a view's rows counted as the view's: the JDK's message had named
     * an inner array ("Index 999 out of bounds for length 10"), and a view's row past its end had read the
     * column arrays' row instead of failing.
     */
    @Test
    void aRowOrColumnOutsideTheFrameIsNamed() {
        Frame f = frame();
        Frame view = f.viewRows(new int[] {3, 1});
        assertEquals("row 2 of a frame of 2 rows",
                assertThrows(IndexOutOfBoundsException.class, () -> view.number(0, 2)).getMessage());
        assertEquals("row -1 of a frame of 12 rows",
                assertThrows(IndexOutOfBoundsException.class, () -> f.target(-1)).getMessage());
        assertEquals("row 12 of a frame of 12 rows",
                assertThrows(IndexOutOfBoundsException.class, () -> f.weight(12)).getMessage());
        assertEquals("column 9 of a frame of 3 columns",
                assertThrows(IndexOutOfBoundsException.class, () -> f.isMissing(9, 0)).getMessage());
        assertEquals("column 9 of a frame of 3 columns",
                assertThrows(IndexOutOfBoundsException.class, () -> f.where(9, 0)).getMessage());
        assertEquals("field 9 of data row 0 (line 2), which has 5 fields",
                assertThrows(IndexOutOfBoundsException.class, () -> table(CSV, ',').field(0, 9)).getMessage());
        assertEquals("data row 99 of a table of 12 rows",
                assertThrows(IndexOutOfBoundsException.class, () -> table(CSV, ',').line(99)).getMessage());
        Frame scoring = FrameReader.forModelInputs(table("a,c,b\n1,u,2\n", ','), java.util.Map.of("a",
                ColumnKind.NUMERIC, "c", ColumnKind.CATEGORICAL, "b", ColumnKind.NUMERIC), Set.of());
        IllegalStateException noTarget = assertThrows(IllegalStateException.class, scoring::targetValues);
        assertEquals("the frame has no target column (it was read without one)",
                noTarget.getMessage().substring(noTarget.getMessage().indexOf(": ") + 2));
    }

    @Test
    void aViewReadsAsTheCopyOfTheSameRows() {
        Frame f = frame();
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int[] rows = random.ints(random.nextInt(0, 20), 0, f.rows()).toArray(); // any order, repeats
            assertSame(f.selectRows(rows), f.viewRows(rows));
        }
    }

    @Test
    void aViewOfAViewReadsAsACopyOfACopy() {
        Frame f = frame();
        int[] outer = {11, 3, 0, 5, 5, 9, 1, 7};
        int[] inner = {6, 0, 2, 2, 7};
        Frame copies = f.selectRows(outer).selectRows(inner);
        assertSame(copies, f.viewRows(outer).viewRows(inner));
        assertSame(copies, f.viewRows(outer).selectRows(inner));
        assertSame(copies, f.selectRows(outer).viewRows(inner));
    }

    @Test
    void changingTheIndexArrayAfterwardsDoesNotChangeTheView() {
        Frame f = frame();
        int[] rows = {4, 2, 0};
        Frame view = f.viewRows(rows);
        rows[0] = 1;
        assertSame(f.selectRows(new int[] {4, 2, 0}), view);
    }

    @Test
    void aRowOutsideTheFrameIsRefusedAtOnce() {
        Frame f = frame();
        assertThrows(IndexOutOfBoundsException.class, () -> f.viewRows(new int[] {0, 12}));
        assertThrows(IndexOutOfBoundsException.class, () -> f.viewRows(new int[] {-1}));
        Frame view = f.viewRows(new int[] {3, 4});
        assertThrows(IndexOutOfBoundsException.class, () -> view.viewRows(new int[] {2}));
        assertThrows(IndexOutOfBoundsException.class, () -> view.selectRows(new int[] {2}));
    }

    @Test
    void droppingRowsWithMissingValuesKeepsTheRestAsACopyWould() {
        assertSame(frame().selectRows(new int[] {0, 4, 5, 7, 8, 10, 11}), MissingValues.apply(frame(), MissingPolicy.DROP));
    }

    /** The matrix training runs on: bitwise the same from a view as from a copy, imputed values included. */
    @Test
    void preprocessingAViewGivesTheMatrixOfTheCopy() {
        Frame f = frame().selectRows(new int[] {0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11}); // every target present
        int[] train = {0, 1, 2, 3, 5, 6, 8, 9};
        for (ScaleKind scale : ScaleKind.values()) {
            Preprocessing pre = PreprocessingFitter.fit(f, train,
                    new PreprocessingSpec(MissingPolicy.MEAN, scale, UnseenCategory.ZEROS));
            DenseMatrix copied = pre.transform(f.selectRows(train));
            DenseMatrix viewed = pre.transform(f.viewRows(train));
            assertEquals(copied.rows(), viewed.rows());
            for (int i = 0; i < copied.rows(); i++) {
                float[] a = new float[copied.cols()];
                float[] b = new float[viewed.cols()];
                copied.copyRow(i, a);
                viewed.copyRow(i, b);
                assertArrayEquals(a, b, scale + " row " + i);
            }
        }
    }

    /** Everything a frame tells about its rows, compared value by value (NaN equal to NaN, doubles bitwise). */
    private static void assertSame(Frame expected, Frame actual) {
        assertEquals(expected.rows(), actual.rows(), "rows");
        assertEquals(expected.names(), actual.names());
        assertEquals(expected.weightName(), actual.weightName());
        assertArrayEquals(expected.targetValues(), actual.targetValues());
        assertArrayEquals(expected.targetFloats(), actual.targetFloats());
        assertArrayEquals(expected.weightFloats(), actual.weightFloats());
        for (int i = 0; i < expected.rows(); i++) {
            assertEquals(expected.line(i), actual.line(i), "line of row " + i);
            assertEquals(expected.target(i), actual.target(i), 0.0, "target of row " + i);
            assertEquals(expected.weight(i), actual.weight(i), 0.0, "weight of row " + i);
            for (int c = 0; c < expected.columns(); c++) {
                assertEquals(expected.isMissing(c, i), actual.isMissing(c, i));
                assertEquals(expected.where(c, i), actual.where(c, i));
                if (expected.kind(c) == ColumnKind.NUMERIC) {
                    assertEquals(Double.doubleToRawLongBits(expected.number(c, i)),
                            Double.doubleToRawLongBits(actual.number(c, i)), expected.where(c, i));
                } else {
                    assertEquals(expected.label(c, i), actual.label(c, i), expected.where(c, i));
                }
            }
        }
    }
}
