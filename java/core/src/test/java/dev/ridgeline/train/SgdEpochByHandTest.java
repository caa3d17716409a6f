package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.java.VectorBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One SGD epoch over three equal rows (x = 1, y = 2, lambda 0, intercept) at batch size 2 and a given rate of 0.1,
 * worked by hand. Every row is the same, so every batch has the same gradient whatever the shuffle: with unit
 * weights the batch's data scale is 1 / b, and at theta = b0 = p the residual is 2p - 2, so the gradient is
 * (2p - 2) for theta and for the bias alike, and both stay equal to p.
 *
 * <pre>
 *   plain steps: batch of 2 at the rate:          p = 0 - 0.1 (-2)           = 0.2
 *                the row left over at 0.1 x 1/2:  p = 0.2 - 0.05 (0.4 - 2)   = 0.28
 *   momentum 0.5: the row left over joins the last batch, one step of 3 rows: v = -2, p = 0.2
 * </pre>
 *
 * An epoch that skipped the row left over ends at 0.2; one that gave it a whole step at 0.36; with momentum, a
 * separate short step ends at 0.2 + 0.05 (0.5 x 2 + 1.6) = 0.33.
 */
class SgdEpochByHandTest {
    private static Problem threeEqualRows() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1}, {1}, {1}});
        return Problem.builder(x).model(new float[] {2, 2, 2}, null, 0.0).build();
    }

    private static Parameters oneEpoch(Backend backend, double momentum) {
        return oneEpoch(backend, momentum, 2);
    }

    private static Parameters oneEpoch(Backend backend, double momentum, int batchSize) {
        TrainerConfig config = TrainerConfig.builder().solver(Solver.SGD).batchSize(batchSize).learningRate(0.1)
                .momentum(momentum).maxEpochs(1).tolerance(0).plateauReads(0).build();
        try (BoundProblem bound = backend.bind(threeEqualRows())) {
            return new Trainer(config).train(bound).parameters();
        }
    }

    @Test
    void theRowLeftOverTakesItsShareOfAStep() {
        for (Backend backend : List.of(new ScalarBackend(), new VectorBackend(2))) {
            Parameters p = oneEpoch(backend, 0);
            assertEquals(0.28, p.theta(0, 0), 1e-6, backend.name());
            assertEquals(0.28, p.bias(0), 1e-6, backend.name());
        }
    }

    @Test
    void withMomentumTheRowLeftOverJoinsTheLastBatch() {
        for (Backend backend : List.of(new ScalarBackend(), new VectorBackend(2))) {
            Parameters p = oneEpoch(backend, 0.5);
            assertEquals(0.2, p.theta(0, 0), 1e-6, backend.name());
            assertEquals(0.2, p.bias(0), 1e-6, backend.name());
        }
    }

    /**
     * A batch size above the row count is one batch of every row, at the whole rate: one step, p = 0.2 (as a
     * fraction 3/5 of a step it would end at 0.12).
     */
    @Test
    void aBatchLargerThanTheRowsTakesAWholeStep() {
        for (Backend backend : List.of(new ScalarBackend(), new VectorBackend(2))) {
            Parameters p = oneEpoch(backend, 0, 5);
            assertEquals(0.2, p.theta(0, 0), 1e-6, backend.name());
            assertEquals(0.2, p.bias(0), 1e-6, backend.name());
        }
    }
}
