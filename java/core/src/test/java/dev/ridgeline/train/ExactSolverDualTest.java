package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.testing.WarningLog;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

/**
 * The dual form of the exact solve (an (r, r) system over the rows, {@link CentredKernel}) against the primal
 * (the (n, n) normal equations) on the same problems: the same parameters, as the push-through identity says,
 * for wide and tall data, weights with zeros, with and without an intercept, several models of two weight
 * columns at once. The primal is itself held to a direct solve of the objective by
 * {@link ExactSolverPropertyTest}, which now meets the dual on its wide shapes.
 */
class ExactSolverDualTest {
    @Property(tries = 120, seed = "2612")
    void theDualGivesThePrimalsParameters(@ForAll @IntRange(min = 2, max = 30) int rows,
            @ForAll @IntRange(min = 1, max = 70) int cols, @ForAll @Scale(4) @DoubleRange(min = 0.001, max = 100) double lambda,
            @ForAll boolean intercept, @ForAll long seed) {
        DenseMatrix x = RandomProblems.features(rows, cols, seed);
        float[] w = RandomProblems.weights(rows, seed);
        float[] w2 = RandomProblems.weights(rows, seed + 1);
        Problem p = Problem.builder(x).model(RandomProblems.target(x, seed, 0.5), null, lambda)
                .model(RandomProblems.target(x, seed + 2, 0.5), w, lambda * 10)
                .model(RandomProblems.target(x, seed + 3, 0.5), w, lambda / 10)
                .model(RandomProblems.target(x, seed + 4, 0.5), w2, lambda).fitIntercept(intercept).build();
        Parameters primal = ExactSolver.solve(p, null, null, ExactSolver.Form.PRIMAL);
        Parameters dual = ExactSolver.solve(p, null, null, ExactSolver.Form.DUAL);
        for (int model = 0; model < p.models(); model++) {
            double scale = 1;
            for (int j = 0; j < cols; j++) {
                scale = Math.max(scale, Math.abs(primal.theta(model, j)));
            }
            for (int j = 0; j < cols; j++) {
                assertEquals(primal.theta(model, j), dual.theta(model, j), 1e-8 * scale, "model " + model + " theta " + j);
            }
            assertEquals(primal.bias(model), dual.bias(model), 1e-8 * Math.max(scale, Math.abs(primal.bias(model))),
                    "model " + model + " bias");
        }
    }

    @Test
    void theDualIsChosenWhenTheRowsOfWeightAboveZeroAreFewerThanTheFeatures() {
        DenseMatrix x = RandomProblems.features(10, 12, 7);
        float[] y = RandomProblems.target(x, 7, 0.5);
        Problem p = Problem.builder(x).model(y, null, 1.0).model(y, null, 0.0).build();
        assertEquals(ExactSolver.Form.DUAL, ExactSolver.cheaperForm(p, 0));
        assertEquals(ExactSolver.Form.PRIMAL, ExactSolver.cheaperForm(p, 1), "lambda 0: singular in either form");
        DenseMatrix tall = RandomProblems.features(13, 12, 7);
        Problem t = Problem.builder(tall).model(RandomProblems.target(tall, 7, 0.5), null, 1.0)
                .model(RandomProblems.target(tall, 7, 0.5), new float[] {0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1}, 1.0)
                .build();
        assertEquals(ExactSolver.Form.PRIMAL, ExactSolver.cheaperForm(t, 0), "13 rows of 12 features");
        assertEquals(ExactSolver.Form.DUAL, ExactSolver.cheaperForm(t, 1), "11 rows of weight above 0");
    }

    /** 1,000 rows of 20,000 features: 0.4 GB in the dual form where the normal equations need 6 GB. */
    @Test
    void wideDataFitsWhereTheNormalEquationsWouldNot() {
        ExactSolver.requireRoom(20_000, 0, new int[] {1_000}, 200L << 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExactSolver.requireRoom(20_000, 0, new int[] {1_000}, 100L << 20));
        assertEquals("the exact solve of 20,000 features on 1,000 rows needs the rows and their 1,000 x 1,000 kernel"
                + " in double (167 MiB), more than the 100 MiB heap: gradient descent (--solver gd or sgd) needs"
                + " neither", e.getMessage());
    }

    /** With lambda 0 too few rows are singular in any form: said before any matrix is built or its room checked. */
    @Test
    void lambdaZeroOnWideDataIsSingularBeforeAnyWork() {
        DenseMatrix x = RandomProblems.features(10, 20_000, 3);
        Problem p = Problem.builder(x).model(RandomProblems.target(x, 3, 0.5), null, 0.0).build();
        SingularSystemException e = assertThrows(SingularSystemException.class, () -> ExactSolver.solve(p));
        assertTrue(e.getMessage().contains("20000 features and 10 training rows"), e.getMessage());
    }

    /** Wide data with an intercept and an ordinary lambda draw no warning (the centring's own dependency aside). */
    @Test
    void theCentredRowsDependencyDrawsNoWarningButNearlyEqualRowsDo() {
        try (WarningLog log = WarningLog.of(ExactSolver.class)) {
            DenseMatrix x = RandomProblems.features(20, 2_000, 5);
            ExactSolver.solve(Problem.builder(x).model(RandomProblems.target(x, 5, 0.5), null, 1e-5).build());
            assertEquals(List.of(), log.messages());
            float[][] rows = new float[20][];
            for (int i = 0; i < 20; i++) {
                rows[i] = new float[2_000];
                for (int j = 0; j < 2_000; j++) {
                    // rows 2i and 2i + 1 differ by one part in 10^5
                    rows[i][j] = (float) (Math.sin((i / 2) * 31 + j * 0.7) * (1 + (i % 2) * 1e-5));
                }
            }
            DenseMatrix twins = DenseMatrix.of(rows);
            ExactSolver.solve(Problem.builder(twins).model(RandomProblems.target(twins, 5, 0.5), null, 1e-6).build());
            assertEquals(1, log.messages().size(), log.messages().toString());
            assertTrue(log.messages().get(0).startsWith("with lambda = 1.0E-6, 2,000 features on 20 rows of weight"
                    + " above 0 span at most 19 dimensions (the intercept takes one), and the rest of the coefficients are set"
                    + " by lambda alone"), log.messages().get(0));
        }
    }
}
