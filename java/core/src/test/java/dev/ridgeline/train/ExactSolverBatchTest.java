package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.Test;

/**
 * Models of one batch that share a weight column share one Gram matrix: each model must still get exactly
 * the answer of solving it alone (bit for bit), whatever the others' weights, targets and lambdas.
 */
class ExactSolverBatchTest {
    @Test
    void eachModelOfABatchIsBitwiseItsOwnSolve() {
        DenseMatrix x = RandomProblems.features(300, 12, 7);
        float[] fold = new float[300];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = i % 5 == 0 ? 0 : 1;
        }
        float[] sameContent = fold.clone();
        float[] other = RandomProblems.weights(300, 8);
        float[][] weights = {null, fold, other, fold, null, sameContent, other};
        for (boolean intercept : new boolean[] {true, false}) {
            Problem.Builder batch = Problem.builder(x).fitIntercept(intercept);
            float[][] targets = new float[weights.length][];
            for (int k = 0; k < weights.length; k++) {
                targets[k] = RandomProblems.target(x, 100 + k, 0.3);
                batch.model(targets[k], weights[k], 0.05 * (k + 1));
            }
            Parameters together = ExactSolver.solve(batch.build());
            for (int k = 0; k < weights.length; k++) {
                Problem alone = Problem.builder(x).fitIntercept(intercept).model(targets[k], weights[k], 0.05 * (k + 1))
                        .build();
                Parameters own = ExactSolver.solve(alone);
                assertArrayEquals(own.theta(0), together.theta(k), "theta of model " + k);
                assertEquals(own.bias(0), together.bias(k), "bias of model " + k);
            }
        }
    }
}
