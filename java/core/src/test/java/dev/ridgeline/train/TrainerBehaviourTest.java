package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.RandomProblems;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerBehaviourTest {
    private static TrainingResult train(Problem p, TrainerConfig c) {
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            return new Trainer(c).train(bound);
        }
    }

    @Test
    void sgdIsDeterministicForASeedAndChangesWithIt() {
        Problem p = RandomProblems.batch(300, 5, 1, 9);
        TrainerConfig.Builder b = TrainerConfig.builder().solver(Solver.SGD).batchSize(20).maxEpochs(5).learningRate(0.05);
        TrainingResult a1 = train(p, b.seed(1).build());
        TrainingResult a2 = train(p, b.seed(1).build());
        TrainingResult other = train(p, b.seed(2).build());
        assertArrayEquals(a1.parameters().theta(0), a2.parameters().theta(0));
        assertFalse(java.util.Arrays.equals(a1.parameters().theta(0), other.parameters().theta(0)));
    }

    @Test
    void lipschitzEstimateMatchesTheLargestHessianEigenvalue() {
        Problem p = RandomProblems.batch(200, 4, 1, 5);
        double estimate;
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            estimate = LipschitzEstimator.estimate(bound, 3)[0];
        }
        assertEquals(DenseHessian.largestEigenvalue(DenseHessian.of(p, 0)), estimate, 1e-3 * estimate);
    }

    @Test
    void historyIsRecordedAndLossDecreasesUnderGradientDescent() {
        Problem p = RandomProblems.batch(100, 3, 1, 4);
        List<Integer> seen = new ArrayList<>();
        TrainerConfig c = TrainerConfig.builder().maxEpochs(50).tolerance(0)
                .listener((epoch, max, loss) -> seen.add(epoch)).build();
        TrainingResult r = train(p, c);
        assertEquals(50, r.epochs(0));
        assertEquals(StopReason.MAX_EPOCHS, r.stopReason(0));
        assertEquals(50, r.history().size());
        assertEquals(0, r.history().epoch(0));
        for (int i = 1; i < r.history().size(); i++) {
            assertTrue(r.history().loss(i, 0) <= r.history().loss(i - 1, 0), "epoch " + i);
        }
        assertEquals(50, seen.get(seen.size() - 1));
    }

    @Test
    void randomInitialisationIsSeeded() {
        var a = Initialization.random(0.01, 5).create(2, 3);
        var b = Initialization.random(0.01, 5).create(2, 3);
        assertArrayEquals(a.theta(1), b.theta(1));
        assertTrue(Math.abs(a.theta(0, 0)) > 0 && Math.abs(a.theta(0, 0)) < 0.1);
        assertEquals(0.0, Initialization.zeros().create(1, 2).theta(0, 1));
    }

    /** H = 1/W [X 1]^T diag(w) [X 1] + lambda/W diag(1,..,1,0), built densely in double. */
}
