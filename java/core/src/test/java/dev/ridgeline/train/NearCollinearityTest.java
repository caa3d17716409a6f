package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.WarningLog;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact solve warns, once, when its pivots say a column is collinear with the earlier ones to float32 precision. */
class NearCollinearityTest {
    private WarningLog log;

    @BeforeEach
    void listen() {
        log = WarningLog.of(ExactSolver.class);
    }

    @AfterEach
    void stopListening() {
        log.close();
    }

    /** Column b is a plus +-0.001; column c is unrelated to both. */
    private static DenseMatrix nearlyCollinear(int rows) {
        float[][] x = new float[rows][];
        for (int i = 0; i < rows; i++) {
            float a = i;
            x[i] = new float[] {a, a + (i % 2 == 0 ? 0.001f : -0.001f), (float) Math.sin(i * 1.7)};
        }
        return DenseMatrix.of(x);
    }

    private static float[] target(DenseMatrix x) {
        float[] y = new float[x.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = 2 * x.get(i, 0) - x.get(i, 2) + (float) Math.cos(i);
        }
        return y;
    }

    /** 1 - r^2 of columns 0 and 1, centred, in double from the float data: the pivot of column 1 with lambda 0. */
    private static double oneMinusRSquared(DenseMatrix x) {
        int m = x.rows();
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < m; i++) {
            ma += x.get(i, 0);
            mb += x.get(i, 1);
        }
        ma /= m;
        mb /= m;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int i = 0; i < m; i++) {
            double a = x.get(i, 0) - ma;
            double b = x.get(i, 1) - mb;
            saa += a * a;
            sbb += b * b;
            sab += a * b;
        }
        return 1 - sab * sab / (saa * sbb);
    }

    @Test
    void aColumnCollinearToFloat32PrecisionIsNamedWithItsPartner() {
        DenseMatrix x = nearlyCollinear(200);
        Problem p = Problem.builder(x).model(target(x), null, 0.0).build();
        ExactSolver.solve(p, List.of("a", "b", "c"));
        assertEquals(1, log.messages().size(), log.messages().toString());
        String w = log.messages().get(0);
        double expected = oneMinusRSquared(x);
        assertTrue(expected < NearCollinearity.THRESHOLD, "the data are not collinear enough for this test: " + expected);
        assertTrue(w.startsWith("with lambda = 0.0, column 'b' is almost a linear combination of the columns before it "
                + "(1 - R^2 = "), w);
        assertTrue(w.contains("correlation 0.9999999") && w.contains("with 'a')"), w);
        // The pivot printed is the one computed independently here, to its two digits.
        String printed = w.substring(w.indexOf("1 - R^2 = ") + 10, w.indexOf(" against them"));
        assertEquals(expected, Double.parseDouble(printed), expected * 0.01, w);
    }

    @Test
    void aLambdaThatMakesTheSystemWellDeterminedSilencesIt() {
        DenseMatrix x = nearlyCollinear(200);
        // The columns' centred sums of squares are about 6.7e5: lambda 100 lifts the pivot to about 3e-4.
        Problem p = Problem.builder(x).model(target(x), null, 100.0).build();
        ExactSolver.solve(p, List.of("a", "b", "c"));
        assertEquals(List.of(), log.messages());
    }

    @Test
    void independentColumnsGiveNoWarning() {
        float[][] rows = new float[100][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[] {(float) Math.sin(i), (float) Math.cos(3 * i), i % 7};
        }
        DenseMatrix x = DenseMatrix.of(rows);
        ExactSolver.solve(Problem.builder(x).model(target(x), null, 0.0).build());
        assertEquals(List.of(), log.messages());
    }

    @Test
    void aBatchWarnsOnceForItsWorstModel() {
        DenseMatrix x = nearlyCollinear(200);
        float[] y = target(x);
        Problem p = Problem.builder(x).model(y, null, 100.0).model(y, null, 1e-9).model(y, null, 0.0).build();
        ExactSolver.solve(p, null);
        assertEquals(1, log.messages().size(), log.messages().toString());
        assertTrue(log.messages().get(0).startsWith("with lambda = 0.0, column 'x1'"), log.messages().get(0));
    }

    /**
     * For a fit that did not solve the system (gradient steps): the same column and pivot as the solve's, without
     * a warning logged; and a column equal to an earlier one, which the solve refuses at lambda 0, with its pivot (0 within rounding).
     */
    @Test
    void theColumnIsFoundWithoutSolving() {
        DenseMatrix x = nearlyCollinear(400);
        NearCollinearity found = ExactSolver.nearCollinearity(Problem.builder(x).model(target(x), null, 0.0).build(), 0);
        assertEquals(1, found.column());
        assertEquals(0, found.partner());
        assertEquals(oneMinusRSquared(x), found.pivot(), 1e-3 * oneMinusRSquared(x));
        assertTrue(log.messages().isEmpty(), log.messages().toString());

        float[][] twice = new float[50][];
        for (int i = 0; i < twice.length; i++) {
            twice[i] = new float[] {(float) Math.sin(i), (float) Math.sin(i), (float) Math.cos(3 * i)};
        }
        DenseMatrix d = DenseMatrix.of(twice);
        NearCollinearity same = ExactSolver.nearCollinearity(Problem.builder(d).model(target(d), null, 0.0).build(), 0);
        assertEquals(1, same.column());
        assertTrue(same.pivot() >= 0 && same.pivot() < 1e-12, "pivot " + same.pivot());
    }
}
