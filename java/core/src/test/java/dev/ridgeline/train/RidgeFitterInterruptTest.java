package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.testing.CsvText;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fit cancelled before training stops within a column of the preprocessing's fit or a block of its
 * encoding (on 60,000 x 300 those took 2.4-3.5 s and 0.6-1 s, and ran to the end before), with
 * CancellationException and the interrupt status kept, as the exact solver does.
 */
class RidgeFitterInterruptTest {
    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static Frame frame() {
        StringBuilder csv = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < 600; i++) {
            csv.append(i % 13).append(',').append(i % 7 == 0 ? "red" : "blue").append(',').append(i * 0.5).append(',')
                    .append(i % 5).append('\n');
        }
        return FrameReader.forTraining(CsvText.table(csv.toString(), ','), "y", Set.of());
    }

    @Test
    void anInterruptedFitStopsInThePreprocessing() {
        Frame frame = frame();
        RidgeFitter ridge = new RidgeFitter(1.0, TrainerConfig.builder().build(), "java-scalar");
        Thread.currentThread().interrupt();
        CancellationException e = assertThrows(CancellationException.class,
                () -> ridge.fit(frame, PreprocessingSpec.defaults()));
        assertEquals("fitting the preprocessing was interrupted", e.getMessage());
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status must stay set");
    }

    @Test
    void anInterruptedEncodingStopsWithinABlock() {
        Frame frame = frame();
        Preprocessing pre = PreprocessingFitter.fit(frame, IntStream.range(0, frame.rows()).toArray(),
                PreprocessingSpec.defaults());
        Thread.currentThread().interrupt();
        CancellationException e = assertThrows(CancellationException.class, () -> pre.transform(frame));
        assertEquals("encoding the rows was interrupted", e.getMessage());
        assertTrue(Thread.currentThread().isInterrupted());
        Thread.interrupted();
        assertEquals(600, pre.transform(frame).rows());
    }

    /** fit(Dataset) looks while it scales the features, as fit(Frame) does while it encodes them. */
    @Test
    void anInterruptedDatasetFitStopsInTheScaling() {
        dev.ridgeline.data.DenseMatrix x = dev.ridgeline.data.DenseMatrix.zeros(600, 3);
        float[] y = new float[600];
        for (int i = 0; i < 600; i++) {
            x.setRow(i, new float[] {i % 13, i % 7, i * 0.5f});
            y[i] = i % 5;
        }
        RidgeFitter ridge = new RidgeFitter(1.0, TrainerConfig.builder().build(), "java-scalar", true);
        Thread.currentThread().interrupt();
        CancellationException e = assertThrows(CancellationException.class,
                () -> ridge.fit(dev.ridgeline.data.Dataset.of(x, y)));
        assertEquals("scaling the features was interrupted", e.getMessage());
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status must stay set");
    }
}
