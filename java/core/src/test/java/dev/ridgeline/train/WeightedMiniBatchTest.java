package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.java.VectorBackend;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.Test;

/**
 * Mini-batch gradients are unbiased whatever the row weights. Scaling a batch by its own weight W_B made
 * every batch without a heavy row an unweighted mean: one row of weight 1e6 among 59 of weight 1 left SGD
 * at 1,018x the minimum loss (409x the loss it started from), reported as a plateau.
 */
class WeightedMiniBatchTest {
    private static Problem heavyRowProblem() {
        DenseMatrix x = RandomProblems.features(60, 3, 11);
        float[] y = RandomProblems.target(x, 11, 0.5);
        float[] w = new float[60];
        java.util.Arrays.fill(w, 1f);
        w[5] = 1e6f;
        return Problem.builder(x).model(y, w, 1.0).build();
    }

    /** Shapes: the batch's factor m / (b W); 1 / b bit for bit with unit weights. */
    @Test
    void theScaleIsUnbiasedAndExactlyOneOverBWithUnitWeights() {
        int[] order = new int[100];
        for (int b = 1; b <= 100; b++) {
            RowBatch batch = new RowBatch(order, 0, b);
            assertEquals(1.0 / b, batch.dataScale(100, 100.0), 0.0, "b = " + b);
            assertEquals(100 / (b * 250.0), batch.dataScale(100, 250.0), 0.0);
        }
        assertEquals(0.0, new RowBatch(order, 3, 3).dataScale(100, 100.0), 0.0, "an empty batch adds nothing");
    }

    /**
     * One epoch's batches partition the rows, so (b / m) times the sum of their gradients is the full gradient
     * when each batch estimate is unbiased. Each batch gradient is read from a plain step of rate 1 taken from
     * the same parameters.
     */
    @Test
    void anEpochOfBatchGradientsAveragesToTheFullGradientOnEveryJavaBackend() {
        Problem problem = heavyRowProblem();
        int m = problem.rows();
        int b = 12;
        int[] order = new int[m];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        for (int i = 0; i < m; i++) {
            int j = rng.nextInt(i + 1);
            order[i] = order[j];
            order[j] = i;
        }
        Parameters start = new Parameters(new double[][] {{0.3, -0.2, 0.5}}, new double[] {0.1});
        for (Backend backend : backends()) {
            try (BoundProblem bound = backend.bind(problem)) {
                bound.setParameters(start);
                Gradient full = bound.lossAndGradient();
                double[] sum = new double[4];
                for (int from = 0; from < m; from += b) {
                    bound.setParameters(start);
                    bound.step(StepRule.plain(1, 1.0), new RowBatch(order, from, from + b));
                    Parameters after = bound.parameters();
                    for (int j = 0; j < 3; j++) {
                        sum[j] += (start.theta(0, j) - after.theta(0, j)) * b / m;
                    }
                    sum[3] += (start.bias(0) - after.bias(0)) * b / m;
                }
                for (int j = 0; j < 3; j++) {
                    assertEquals(full.theta()[0][j], sum[j], 1e-5 * Math.abs(full.theta()[0][j]) + 1e-9,
                            backend.name() + " theta " + j);
                }
                assertEquals(full.bias()[0], sum[3], 1e-5 * Math.abs(full.bias()[0]) + 1e-9, backend.name() + " bias");
            }
        }
    }

    /**
     * The command's case: targets centred as the command fits them, the plateau schedule on. With W_B scaling
     * SGD ended 424x above the minimum here (the command's file: 1,018x); now 7x, after 10,000 epochs.
     */
    @Test
    void sgdWithAHeavyRowEndsNearTheExactLoss() {
        Problem raw = heavyRowProblem();
        double[] y = new double[raw.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = raw.target(0)[i];
        }
        TargetShift shift = TargetShift.meanOf(y, raw.weights(0));
        Problem problem = Problem.builder(raw.x()).model(shift.apply(y), raw.weights(0), 1.0).build();
        double exactLoss;
        try (BoundProblem bound = new ScalarBackend().bind(problem)) {
            bound.setParameters(ExactSolver.solve(problem));
            exactLoss = bound.loss()[0];
        }
        TrainerConfig sgd = TrainerConfig.builder().solver(Solver.SGD).batchSize(32).plateauReads(10).seed(3).build();
        for (Backend backend : backends()) {
            try (BoundProblem bound = backend.bind(problem)) {
                TrainingResult r = new Trainer(sgd).train(bound);
                double ratio = r.finalLoss(0) / exactLoss;
                assertTrue(ratio < 10, backend.name() + ": " + ratio + "x the exact loss");
            }
        }
    }

    private static Backend[] backends() {
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return vector ? new Backend[] {new ScalarBackend(), new VectorBackend(1)} : new Backend[] {new ScalarBackend()};
    }
}
