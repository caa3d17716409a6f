package dev.ridgeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.data.Shuffles;
import dev.ridgeline.testing.CsvText;
import dev.ridgeline.testing.MixedRowsCsv;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The block encoder ({@link Preprocessing#encodeRows}, a feature at a time) against the row encoder
 * ({@link Preprocessing#encode}): the same bits for every row, on numeric and categorical inputs, imputed
 * values, unseen categories encoded as zeros, views of shuffled rows and blocks of any length; and the same
 * error, the first in row order, where a block holds values the model refuses.
 */
class EncodeRowsTest {
    /** Rows of two numeric columns (some missing), one categorical (some missing), one constant, and y. */
    private static Frame frame(int rows, long seed) {
        return FrameReader.forTraining(CsvText.table(MixedRowsCsv.text(rows, seed), ','), "y", Set.of());
    }

    /** Rows whose colour is not grey, so that grey is unseen in training. */
    private static int[] withoutGrey(Frame frame) {
        int colour = frame.indexOf("colour");
        return IntStream.range(0, frame.rows()).filter(i -> !"grey".equals(frame.label(colour, i))).toArray();
    }

    @Test
    void blocksGiveTheRowEncodersBitsForEveryScalingAndImputation() {
        Frame frame = frame(1_000, 3);
        for (ScaleKind scale : ScaleKind.values()) {
            for (MissingPolicy missing : new MissingPolicy[] {MissingPolicy.MEAN, MissingPolicy.MEDIAN}) {
                Preprocessing pre = PreprocessingFitter.fit(frame, withoutGrey(frame),
                        new PreprocessingSpec(missing, scale, UnseenCategory.ZEROS));
                assertSameAsRows(pre, frame, 256);
                assertSameAsRows(pre, frame, 7);
                assertSameAsRows(pre, frame, 1);
                assertSameAsRows(pre, frame.viewRows(shuffled(frame.rows())), 256);
            }
        }
    }

    @Test
    void aBlockWithAMissingValueAndNoFillReportsTheFirstInRowOrder() {
        // Row 2 misses 'colour' (a later feature), row 4 misses 'a' (the first): the row encoder reports row 2.
        Frame frame = FrameReader.forTraining(CsvText.table(
                "a,colour,y\n1,red,1\n2,blue,2\n3,,3\n,red,4\n5,blue,5\n", ','), "y", Set.of());
        Preprocessing pre = PreprocessingFitter.fit(frame, new int[] {0, 1},
                new PreprocessingSpec(MissingPolicy.FAIL, ScaleKind.NONE, UnseenCategory.ERROR));
        assertSameError(pre, frame);
    }

    @Test
    void aBlockWithAnUnseenCategoryReportsTheFirstInRowOrder() {
        Frame frame = frame(600, 5);
        Preprocessing pre = PreprocessingFitter.fit(frame, withoutGrey(frame),
                new PreprocessingSpec(MissingPolicy.MEAN, ScaleKind.ZSCORE, UnseenCategory.ERROR));
        assertSameError(pre, frame);
    }

    @Test
    void aBlockOutsideTheFrameOrLargerThanItsArrayIsNamedBeforeAnyWrite() {
        Frame frame = frame(10, 7);
        Preprocessing pre = PreprocessingFitter.fit(frame, IntStream.range(0, 10).toArray(),
                new PreprocessingSpec(MissingPolicy.MEAN, ScaleKind.ZSCORE, UnseenCategory.ZEROS));
        int n = pre.features().size();
        int[] cols = pre.bind(frame);
        double[] z = new double[4 * n];
        java.util.Arrays.fill(z, -7.0);
        assertThrows(IndexOutOfBoundsException.class, () -> pre.encodeRows(frame, cols, 8, 12, z));
        assertThrows(IndexOutOfBoundsException.class, () -> pre.encodeRows(frame, cols, 3, 2, z));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> pre.encodeRows(frame, cols, 0, 5, z));
        assertEquals("z holds " + 4 * n + " values, rows 0 to 5 of " + n + " features need " + 5 * n,
                small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pre.encodeRows(frame, new int[] {0}, 0, 4, z));
        for (double v : z) {
            assertEquals(-7.0, v);  // nothing written by a refused call
        }
    }

    private static int[] shuffled(int rows) {
        int[] order = IntStream.range(0, rows).toArray();
        Shuffles.shuffle(order, new SplittableRandom(9));
        return order;
    }

    private static void assertSameAsRows(Preprocessing pre, Frame frame, int block) {
        int n = pre.features().size();
        int[] cols = pre.bind(frame);
        double[] z = new double[block * n];
        double[] row = new double[n];
        for (int from = 0; from < frame.rows(); from += block) {
            int to = Math.min(frame.rows(), from + block);
            pre.encodeRows(frame, cols, from, to, z);
            for (int i = from; i < to; i++) {
                pre.encode(frame, cols, i, row);
                for (int f = 0; f < n; f++) {
                    assertEquals(Double.doubleToRawLongBits(row[f]), Double.doubleToRawLongBits(z[(i - from) * n + f]),
                            "row " + i + ", feature " + pre.featureNames().get(f) + ", block " + block);
                }
            }
        }
    }

    private static void assertSameError(Preprocessing pre, Frame frame) {
        int n = pre.features().size();
        int[] cols = pre.bind(frame);
        DataException byRows = assertThrows(DataException.class, () -> {
            double[] row = new double[n];
            for (int i = 0; i < frame.rows(); i++) {
                pre.encode(frame, cols, i, row);
            }
        });
        DataException byBlock = assertThrows(DataException.class,
                () -> pre.encodeRows(frame, cols, 0, frame.rows(), new double[frame.rows() * n]));
        assertEquals(byRows.getMessage(), byBlock.getMessage());
        DataException byTransform = assertThrows(DataException.class, () -> pre.transform(frame));
        assertEquals(byRows.getMessage(), byTransform.getMessage());
    }
}
