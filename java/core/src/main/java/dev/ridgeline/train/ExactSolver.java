package dev.ridgeline.train;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Solves the objective of section 1 exactly: the normal equations by Cholesky, in double.
 *
 * <p>With an intercept, the data are centred by their weighted means first (the bias is unpenalised, so
 * it drops out): (Xc^T W Xc + lambda I) theta = Xc^T W (y - ybar), b = ybar - xbar . theta. Shapes: X (m, n),
 * the system (n, n). Cost O(m n^2) per distinct weight column ({@link CentredGram}) and O(n^3) per model.
 * It is the oracle for gradient descent, and {@code --solver exact} for users.
 *
 * <p>The solve can take minutes (m n^2 / 2 at m = 1,000,000, n = 1,000), so it answers an interrupt: it
 * checks the thread's interrupt status every few rows and columns and throws {@link CancellationException},
 * leaving the status set. It has no partial result to return, unlike gradient descent.
 */
public final class ExactSolver {
    /**
     * A pivot below this fraction of its own column's diagonal entry counts as singular (the system is scaled
     * to a unit diagonal first, so the test does not depend on the columns' units).
     */
    private static final double SINGULAR_PIVOT = 1e-12;

    private ExactSolver() {
    }

    /**
     * Refuses, before any work, a solve whose (n, n) matrices in double would not fit in a heap of
     * {@code maxBytes}: one Gram matrix per distinct weight column ({@code grams}) and one Cholesky factor. On
     * 20,000 features the JVM had run out of memory after 25 s, where gradient descent needs no such matrix.
     */
    static void requireRoom(int n, int grams, long maxBytes) {
        long bytes = 8L * n * n * (grams + 1L);
        if (bytes > maxBytes) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the exact solve of %,d features"
                    + " needs %d matrices of %,d x %,d doubles (%,d MiB), more than the %,d MiB heap: gradient descent"
                    + " (--solver gd or sgd) needs no such matrix, and its cost grows with n, not n^3", n, grams + 1, n,
                    n, bytes >> 20, maxBytes >> 20));
        }
    }

    /** {@link #solve(Problem, List)} with features named x0, x1, ... in a singular system's message. */
    public static Parameters solve(Problem problem) {
        return solve(problem, null);
    }

    /**
     * Exact parameters for every model of the problem.
     *
     * @param featureNames names used in the error message for a singular system, one per feature (null: x0, x1,
     *     ...)
     * @throws SingularSystemException when lambda = 0 and a column is constant or collinear
     * @throws CancellationException when the thread is interrupted (its interrupt status stays set)
     */
    public static Parameters solve(Problem problem, List<String> featureNames) {
        return solve(problem, featureNames, null);
    }

    /**
     * As {@link #solve(Problem, List)}, except that a model whose system is singular does not stop the others
     * when {@code singular} (one entry per model) is given: its entry gets the exception, and its parameters
     * are all 0. For a batch such as cross-validation, where one setting (lambda = 0) may fail alone.
     */
    public static Parameters solve(Problem problem, List<String> featureNames, SingularSystemException[] singular) {
        Objects.requireNonNull(problem, "problem");
        int k = problem.models();
        int n = problem.features();
        // Checked up front: a list too short failed with an index out of bounds, and only on a singular system.
        if (featureNames != null && featureNames.size() != n) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + n + " features");
        }
        Map<float[], Boolean> columns = new IdentityHashMap<>();
        for (int model = 0; model < k; model++) {
            columns.put(problem.weights(model), Boolean.TRUE);
        }
        requireRoom(n, columns.size(), Runtime.getRuntime().maxMemory());
        double[][] theta = new double[k][];
        double[] bias = new double[k];
        // Models given the same weight column (or none) share one Gram matrix: only lambda and y differ.
        Map<float[], CentredGram> grams = new IdentityHashMap<>();
        NearCollinearity worst = null;
        for (int model = 0; model < k; model++) {
            int owner = model;
            CentredGram gram = grams.computeIfAbsent(problem.weights(model), w -> CentredGram.build(problem, owner));
            double meanY = problem.fitIntercept() ? meanTarget(problem, model) : 0;
            double[] rhs = rightHandSide(problem, model, gram.meanX, meanY);
            NearCollinearity[] found = new NearCollinearity[1];
            try {
                theta[model] = choleskySolve(gram, problem.lambda(model), rhs, problem.fitIntercept(), featureNames,
                        found);
            } catch (SingularSystemException thrown) {
                SingularSystemException e = tooFewRows(problem, model).orElse(thrown);
                if (singular == null) {
                    throw e;
                }
                singular[model] = e;
                theta[model] = new double[n];
                continue;
            }
            if (found[0] != null && (worst == null || found[0].pivot() < worst.pivot())) {
                worst = found[0];
            }
            double b = 0;
            if (problem.fitIntercept()) {
                b = meanY;
                for (int j = 0; j < n; j++) {
                    b -= gram.meanX[j] * theta[model][j];
                }
            }
            bias[model] = b;
        }
        if (worst != null && worst.poorlyDetermined()) {
            // One line per solve, for its worst model: a batch of folds x lambdas would otherwise repeat it.
            System.getLogger(ExactSolver.class.getName()).log(System.Logger.Level.WARNING, worst.message(featureNames));
        }
        return new Parameters(theta, bias);
    }

    /** The weighted mean of model k's target. */
    private static double meanTarget(Problem problem, int model) {
        float[] y = problem.target(model);
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += problem.weight(model, i) * y[i];
        }
        return sum / problem.totalWeight(model);
    }

    /** Xc^T W (y - ybar): (n), rows in order, rows of weight 0 left out. */
    private static double[] rightHandSide(Problem problem, int model, double[] meanX, double meanY) {
        DenseMatrix x = problem.x();
        int n = x.cols();
        float[] y = problem.target(model);
        double[] rhs = new double[n];
        for (int i = 0; i < x.rows(); i++) {
            if (i % INTERRUPT_ROWS == 0) {
                checkInterrupt();
            }
            double w = problem.weight(model, i);
            if (w == 0) {
                continue;
            }
            float[] a = x.rowArray(i);
            int off = x.rowOffset(i);
            double yc = y[i] - meanY;
            for (int j = 0; j < n; j++) {
                rhs[j] += w * (a[off + j] - meanX[j]) * yc;
            }
        }
        return rhs;
    }

    /**
     * Solves A x = rhs for symmetric positive definite A (n, n). A is first scaled to a unit diagonal,
     * S = D A D with D = diag(A)^(-1/2) (Jacobi scaling: columns in units a million apart, such as an income
     * beside a ratio, otherwise make the pivots of the small ones look like rounding), then S y = D rhs is
     * solved by Cholesky and x = D y. The smallest pivot of S, and the column it belongs to, go to
     * {@code found[0]} ({@link NearCollinearity}).
     */
    private static double[] choleskySolve(CentredGram gram, double lambda, double[] rhs, boolean centred,
            List<String> names, NearCollinearity[] found) {
        double[][] a = gram.gram;
        int n = rhs.length;
        double[] diagonal = new double[n];
        double[] scale = new double[n];
        for (int j = 0; j < n; j++) {
            diagonal[j] = a[j][j] + lambda;
            if (!(diagonal[j] > 0)) {
                throw singular(j, a[j][j], centred, lambda, names);
            }
            scale[j] = 1 / Math.sqrt(diagonal[j]);
        }
        double[][] l = new double[n][n];
        double smallest = Double.POSITIVE_INFINITY;
        int smallestColumn = -1;
        for (int j = 0; j < n; j++) {
            checkInterrupt();
            double d = diagonal[j] * scale[j] * scale[j];
            for (int p = 0; p < j; p++) {
                d -= l[j][p] * l[j][p];
            }
            if (!(d > SINGULAR_PIVOT)) {
                throw singular(j, a[j][j], centred, lambda, names);
            }
            if (d < smallest) {
                smallest = d;
                smallestColumn = j;
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
        found[0] = nearCollinearity(a, scale, lambda, smallestColumn, smallest);
        return x;
    }

    /** Column j's smallest pivot with the earlier column of largest |S_ij| (S = D A D, unit diagonal). */
    private static NearCollinearity nearCollinearity(double[][] a, double[] scale, double lambda, int column,
            double pivot) {
        if (column < 0) {
            return null;
        }
        int partner = -1;
        double correlation = 0;
        for (int i = 0; i < column; i++) {
            double s = a[column][i] * scale[column] * scale[i];
            if (partner < 0 || Math.abs(s) > Math.abs(correlation)) {
                partner = i;
                correlation = s;
            }
        }
        return new NearCollinearity(column, partner, pivot, correlation, lambda);
    }

    /** Rows between two looks at the interrupt status: a few milliseconds of work at the widest rows. */
    static final int INTERRUPT_ROWS = 1024;

    /** Throws when the thread was interrupted, leaving its status set for the caller. */
    static void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the exact solve was interrupted");
        }
    }

    /**
     * The cause of a singular system when model k has too few rows of weight above 0 for its features (n of
     * them need n + 1 rows with an intercept, which centring takes one of, n without): then no one column is to
     * blame, and naming the first dependent one, as {@link #singular} does, advised removing it, which cannot help.
     */
    private static Optional<SingularSystemException> tooFewRows(Problem problem, int model) {
        int n = problem.features();
        float[] w = problem.weights(model);
        int rows = 0;
        for (int i = 0; i < problem.rows(); i++) {
            rows += w == null || w[i] > 0 ? 1 : 0;
        }
        int dimensions = problem.fitIntercept() ? rows - 1 : rows;
        if (dimensions >= n) {
            return Optional.empty();
        }
        double lambda = problem.lambda(model);
        int span = Math.max(dimensions, 0);
        return Optional.of(new SingularSystemException(String.format(Locale.ROOT, "the normal equations are singular "
                + "with lambda = %s: %d features and %d training rows%s, which span at most %d dimension%s%s; %s, "
                + "or use at least %d feature%s fewer", lambda, n, rows, w == null ? "" : " of weight above 0", span,
                span == 1 ? "" : "s", problem.fitIntercept() ? " (the intercept takes one)" : "",
                lambda > 0 ? "use a larger lambda" : "use lambda > 0 (for example 1e-6)", n - span,
                n - span == 1 ? "" : "s")));
    }

    /** The error for a singular pivot in {@code column}, whose own (centred) sum of squares is {@code spread}. */
    private static SingularSystemException singular(int column, double spread, boolean centred, double lambda,
            List<String> names) {
        String name = names == null ? "x" + column : names.get(column);
        String cause = spread == 0
                ? String.format(Locale.ROOT, "column '%s' is %s", name, centred ? "constant" : "all zero")
                : String.format(Locale.ROOT, "column '%s' is a linear combination of earlier columns", name);
        String remedy = lambda > 0 ? "use a larger lambda" : "use lambda > 0 (for example 1e-6)";
        if (spread != 0 && name.contains("=")) {
            // A one-hot feature ("city=Oslo") is no column of the file to remove: a categorical input's one-hot
            // columns sum to 1 on every row, as the intercept's does.
            return new SingularSystemException(String.format(Locale.ROOT, "the normal equations are singular with "
                    + "lambda = %s: %s; %s (if '%s' is one of a categorical column's one-hot features, which sum to 1 "
                    + "on every row as the intercept does, no lambda of 0 can tell them apart) or leave its column out",
                    lambda, cause, remedy, name));
        }
        return new SingularSystemException(String.format(Locale.ROOT,
                "the normal equations are singular with lambda = %s: %s; %s or remove the column", lambda, cause,
                remedy));
    }
}
