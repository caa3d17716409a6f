package dev.ridgeline.train;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import java.util.List;
import java.util.Locale;

/**
 * Solves the objective of section 1 exactly: the normal equations by Cholesky, in double.
 *
 * <p>With an intercept, the data are centred by their weighted means first (the bias is unpenalised, so
 * it drops out): (Xc^T W Xc + lambda I) theta = Xc^T W (y - ybar), b = ybar - xbar . theta. Shapes: X (m, n),
 * the system (n, n). Cost O(m n^2 + n^3) per model. It is the oracle for gradient descent, and
 * {@code --solver exact} for users.
 */
public final class ExactSolver {
    /**
     * A pivot below this fraction of its own column's diagonal entry counts as singular (the system is scaled
     * to a unit diagonal first, so the test does not depend on the columns' units).
     */
    private static final double SINGULAR_PIVOT = 1e-12;

    private ExactSolver() {
    }

    public static Parameters solve(Problem problem) {
        return solve(problem, null);
    }

    /**
     * Exact parameters for every model of the problem.
     *
     * @param featureNames names used in the error message for a singular system (null: x0, x1, ...)
     * @throws SingularSystemException when lambda = 0 and a column is constant or collinear
     */
    public static Parameters solve(Problem problem, List<String> featureNames) {
        int k = problem.models();
        int n = problem.features();
        double[][] theta = new double[k][];
        double[] bias = new double[k];
        for (int model = 0; model < k; model++) {
            NormalEquations eq = NormalEquations.build(problem, model);
            theta[model] = choleskySolve(eq.gram, eq.rhs, eq, problem.lambda(model), featureNames);
            double b = 0;
            if (problem.fitIntercept()) {
                b = eq.meanY;
                for (int j = 0; j < n; j++) {
                    b -= eq.meanX[j] * theta[model][j];
                }
            }
            bias[model] = b;
        }
        return new Parameters(theta, bias);
    }

    /**
     * Solves A x = rhs for symmetric positive definite A (n, n). A is first scaled to a unit diagonal,
     * S = D A D with D = diag(A)^(-1/2) (Jacobi scaling: columns in units a million apart, such as an income
     * beside a ratio, otherwise make the pivots of the small ones look like rounding), then S y = D rhs is
     * solved by Cholesky and x = D y.
     */
    private static double[] choleskySolve(double[][] a, double[] rhs, NormalEquations eq, double lambda,
            List<String> names) {
        int n = rhs.length;
        double[] scale = new double[n];
        for (int j = 0; j < n; j++) {
            if (!(a[j][j] > 0)) {
                throw singular(j, eq, lambda, names);
            }
            scale[j] = 1 / Math.sqrt(a[j][j]);
        }
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = a[j][j] * scale[j] * scale[j];
            for (int p = 0; p < j; p++) {
                d -= l[j][p] * l[j][p];
            }
            if (!(d > SINGULAR_PIVOT)) {
                throw singular(j, eq, lambda, names);
            }
            double root = Math.sqrt(d);
            l[j][j] = root;
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j] * scale[i] * scale[j];
                for (int p = 0; p < j; p++) {
                    s -= l[i][p] * l[j][p];
                }
                l[i][j] = s / root;
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = rhs[i] * scale[i];
            for (int p = 0; p < i; p++) {
                s -= l[i][p] * z[p];
            }
            z[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int p = i + 1; p < n; p++) {
                s -= l[p][i] * x[p];
            }
            x[i] = s / l[i][i];
        }
        for (int i = 0; i < n; i++) {
            x[i] *= scale[i];
        }
        return x;
    }

    private static SingularSystemException singular(int column, NormalEquations eq, double lambda,
            List<String> names) {
        String name = names == null ? "x" + column : names.get(column);
        String cause = eq.columnSpread[column] == 0
                ? String.format(Locale.ROOT, "column '%s' is %s", name, eq.centred ? "constant" : "all zero")
                : String.format(Locale.ROOT, "column '%s' is a linear combination of earlier columns", name);
        String remedy = lambda > 0 ? "use a larger lambda" : "use lambda > 0 (for example --lambda 1e-6)";
        return new SingularSystemException(String.format(Locale.ROOT,
                "the normal equations are singular with lambda = %s: %s; %s or remove the column", lambda, cause,
                remedy));
    }

    /** The centred, weighted Gram system of one model, accumulated in double in two passes over X. */
    private static final class NormalEquations {
        double[][] gram;
        double[] rhs;
        double[] meanX;
        double meanY;
        double[] columnSpread;
        boolean centred;

        static NormalEquations build(Problem problem, int model) {
            DenseMatrix x = problem.x();
            int m = x.rows();
            int n = x.cols();
            float[] y = problem.target(model);
            NormalEquations eq = new NormalEquations();
            eq.centred = problem.fitIntercept();
            eq.meanX = new double[n];
            if (eq.centred) {
                double total = problem.totalWeight(model);
                for (int i = 0; i < m; i++) {
                    double w = problem.weight(model, i);
                    float[] a = x.rowArray(i);
                    int off = x.rowOffset(i);
                    for (int j = 0; j < n; j++) {
                        eq.meanX[j] += w * a[off + j];
                    }
                    eq.meanY += w * y[i];
                }
                for (int j = 0; j < n; j++) {
                    eq.meanX[j] /= total;
                }
                eq.meanY /= total;
            }
            eq.gram = new double[n][n];
            eq.rhs = new double[n];
            double[] row = new double[n];
            for (int i = 0; i < m; i++) {
                double w = problem.weight(model, i);
                if (w == 0) {
                    continue;
                }
                float[] a = x.rowArray(i);
                int off = x.rowOffset(i);
                for (int j = 0; j < n; j++) {
                    row[j] = a[off + j] - eq.meanX[j];
                }
                double yc = y[i] - eq.meanY;
                for (int j = 0; j < n; j++) {
                    double wr = w * row[j];
                    eq.rhs[j] += wr * yc;
                    for (int l = 0; l <= j; l++) {
                        eq.gram[j][l] += wr * row[l];
                    }
                }
            }
            eq.columnSpread = new double[n];
            double lambda = problem.lambda(model);
            for (int j = 0; j < n; j++) {
                eq.columnSpread[j] = eq.gram[j][j];
                for (int l = 0; l < j; l++) {
                    eq.gram[l][j] = eq.gram[j][l];
                }
                eq.gram[j][j] += lambda;
            }
            return eq;
        }
    }
}
