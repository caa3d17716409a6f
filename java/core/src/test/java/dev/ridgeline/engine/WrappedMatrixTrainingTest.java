package dev.ridgeline.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.java.VectorBackend;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A problem over a caller's array ({@link DenseMatrix#wrap}) trains bit for bit as over a copy of the same
 * rows ({@link DenseMatrix#of(float[][])}), on every CPU backend: the backends read rows through the chunks,
 * whatever made them.
 */
class WrappedMatrixTrainingTest {
    private static final int ROWS = 3_001;
    private static final int COLS = 17;

    @Test
    void aWrappedArrayTrainsAsACopyOfIt() {
        SplittableRandom random = new SplittableRandom(11);
        float[] flat = new float[ROWS * COLS];
        float[][] rows = new float[ROWS][COLS];
        float[] y = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                rows[i][j] = (float) random.nextGaussian();
                flat[i * COLS + j] = rows[i][j];
                y[i] += (j + 1) * 0.1f * rows[i][j];
            }
            y[i] += (float) (0.5 * random.nextGaussian());
        }
        TrainerConfig config = TrainerConfig.builder().maxEpochs(50).tolerance(0).build();
        for (Backend backend : new Backend[] {new ScalarBackend(), new VectorBackend(2), new VectorBackend(2, false)}) {
            TrainingResult wrapped = train(backend, DenseMatrix.wrap(flat, ROWS, COLS), y, config);
            TrainingResult copied = train(backend, DenseMatrix.of(rows), y, config);
            String name = backend.name();
            assertEquals(50, wrapped.epochs(0), name);
            assertArrayEquals(copied.parameters().theta(0), wrapped.parameters().theta(0), name);
            assertEquals(copied.parameters().bias(0), wrapped.parameters().bias(0), name);
        }
    }

    private static TrainingResult train(Backend backend, DenseMatrix x, float[] y, TrainerConfig config) {
        Problem p = Problem.builder(x).model(y, null, 0.1).build();
        try (BoundProblem bound = backend.bind(p)) {
            return new Trainer(config).train(bound);
        }
    }
}
