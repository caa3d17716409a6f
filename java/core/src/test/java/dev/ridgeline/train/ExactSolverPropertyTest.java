package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.RandomProblems;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/**
 * ExactSolver (weighted centring, Jacobi-scaled Cholesky) against a solve written here from the objective
 * alone: the gradient of J set to zero is the (n + 1) system [X 1]^T W [X 1] (theta, b) + lambda (theta, 0) =
 * [X 1]^T W y (without an intercept, the n system without the column of ones), solved by Gaussian
 * elimination with partial pivoting. Small problems (up to 40 x 8, more columns than rows too), lambda from
 * 0.01 to 100, with and without weights (some zero).
 */
class ExactSolverPropertyTest {
    @Property(tries = 150, seed = "2004")
    void matchesTheNormalEquationsSolvedDirectly(@ForAll @IntRange(min = 1, max = 40) int rows,
            @ForAll @IntRange(min = 1, max = 8) int cols, @ForAll @Scale(4) @DoubleRange(min = 0.01, max = 100) double lambda,
            @ForAll boolean weighted, @ForAll boolean intercept, @ForAll long seed) {
        DenseMatrix x = RandomProblems.features(rows, cols, seed);
        float[] y = RandomProblems.target(x, seed, 0.5);
        float[] w = weighted ? RandomProblems.weights(rows, seed) : null;
        Problem p = Problem.builder(x).model(y, w, lambda).fitIntercept(intercept).build();
        Parameters solved = ExactSolver.solve(p);
        double[] direct = direct(x, y, w, lambda, intercept);
        double scale = 1;
        for (double v : direct) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < cols; j++) {
            assertEquals(direct[j], solved.theta(0, j), 1e-9 * scale, "theta " + j);
        }
        assertEquals(intercept ? direct[cols] : 0, solved.bias(0), 1e-9 * scale, "bias");
    }

    /** (theta, b) from the uncentred normal equations, Gaussian elimination with partial pivoting. */
    private static double[] direct(DenseMatrix x, float[] y, float[] w, double lambda, boolean intercept) {
        int n = x.cols();
        int size = intercept ? n + 1 : n;
        double[][] a = new double[size][size + 1];
        double[] z = new double[size];
        for (int i = 0; i < x.rows(); i++) {
            double wi = w == null ? 1 : w[i];
            for (int j = 0; j < n; j++) {
                z[j] = x.get(i, j);
            }
            if (intercept) {
                z[n] = 1;
            }
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    a[r][c] += wi * z[r] * z[c];
                }
                a[r][size] += wi * z[r] * y[i];
            }
        }
        for (int j = 0; j < n; j++) {
            a[j][j] += lambda;
        }
        for (int col = 0; col < size; col++) {
            int pivot = col;
            for (int r = col + 1; r < size; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = col + 1; r < size; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c <= size; c++) {
                    a[r][c] -= f * a[col][c];
                }
            }
        }
        double[] out = new double[size];
        for (int r = size - 1; r >= 0; r--) {
            double s = a[r][size];
            for (int c = r + 1; c < size; c++) {
                s -= a[r][c] * out[c];
            }
            out[r] = s / a[r][r];
        }
        return out;
    }
}
