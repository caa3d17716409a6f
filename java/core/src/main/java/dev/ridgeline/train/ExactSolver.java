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
 * A model with lambda > 0 and fewer rows of weight above 0 (r) than features is solved in the dual form
 * instead ({@link CentredKernel}): an (r, r) system, O(r^2 n) per weight column and O(r^3) per model, the
 * same theta. It is the oracle for gradient descent, and {@code --solver exact} for users.
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

    /** The form of one model's solve: the (n, n) normal equations, or the (r, r) dual system over its rows. */
    enum Form { PRIMAL, DUAL }

    /**
     * The cheaper form for model {@code model}: the dual when lambda > 0 and the model has fewer rows of weight
     * above 0 than features (with lambda = 0 such a system is singular in either form).
     */
    static Form cheaperForm(Problem problem, int model) {
        if (!(problem.lambda(model) > 0)) {
            return Form.PRIMAL;
        }
        return CentredKernel.weightedRows(problem, model).length < problem.features() ? Form.DUAL : Form.PRIMAL;
    }

    /** {@link #requireRoom(int, int, int[], long)} without dual solves. */
    static void requireRoom(int n, int grams, long maxBytes) {
        requireRoom(n, grams, new int[0], maxBytes);
    }

    /**
     * Refuses, before any work, a solve whose matrices in double would not fit in a heap of {@code maxBytes}: one
     * (n, n) Gram matrix per distinct weight column solved in the primal form ({@code grams}) and one Cholesky
     * factor; per weight column solved in the dual form, of {@code dualRows} rows each, its scaled rows (r, n) and
     * kernel (r, r), and one factor of the largest. On 20,000 features the JVM had run out of memory after 25 s,
     * where gradient descent needs no such matrix.
     */
    static void requireRoom(int n, int grams, int[] dualRows, long maxBytes) {
        long dual = 0;
        long largest = 0;
        for (int r : dualRows) {
            dual += 8L * r * ((long) n + r);
            largest = Math.max(largest, r);
        }
        dual += 8L * largest * largest;
        long primal = grams == 0 ? 0 : 8L * n * n * (grams + 1L);
        if (primal == 0 && dual > maxBytes) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the exact solve of %,d features"
                    + " on %,d rows needs the rows and their %,d x %,d kernel in double (%,d MiB), more than the %,d MiB"
                    + " heap: gradient descent (--solver gd or sgd) needs neither", n, largest, largest, largest,
                    dual >> 20, maxBytes >> 20));
        }
        long bytes = primal + dual;
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
        return solve(problem, featureNames, singular, null);
    }

    /**
     * As {@link #solve(Problem, List, SingularSystemException[])}, every model in {@code form} (null: each in its
     * {@link #cheaperForm}); for tests that hold the two forms to each other. Shapes: X (m, n), featureNames (n)
     * or null, singular (K) or null; returns theta (K, n) and bias (K).
     */
    static Parameters solve(Problem problem, List<String> featureNames, SingularSystemException[] singular, Form form) {
        Objects.requireNonNull(problem, "problem");
        int k = problem.models();
        int n = problem.features();
        // Checked up front: a list too short failed with an index out of bounds, and only on a singular system.
        if (featureNames != null && featureNames.size() != n) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + n + " features");
        }
        Form[] forms = new Form[k];
        // With lambda = 0 and fewer rows than dimensions the system is singular in any form: known before any work.
        SingularSystemException[] failed = new SingularSystemException[k];
        Map<float[], Boolean> primalColumns = new IdentityHashMap<>();
        Map<float[], Integer> dualColumns = new IdentityHashMap<>();
        for (int model = 0; model < k; model++) {
            forms[model] = form != null ? form : cheaperForm(problem, model);
            failed[model] = problem.lambda(model) > 0 ? null : tooFewRows(problem, model).orElse(null);
            if (failed[model] != null) {
                continue;
            }
            if (forms[model] == Form.PRIMAL) {
                primalColumns.put(problem.weights(model), Boolean.TRUE);
            } else {
                dualColumns.put(problem.weights(model), CentredKernel.weightedRows(problem, model).length);
            }
        }
        requireRoom(n, primalColumns.size(), dualColumns.values().stream().mapToInt(Integer::intValue).toArray(),
                Runtime.getRuntime().maxMemory());
        double[][] theta = new double[k][];
        double[] bias = new double[k];
        // Models given the same weight column (or none) share one Gram matrix (or kernel): only lambda and y differ.
        Map<float[], CentredGram> grams = new IdentityHashMap<>();
        Map<float[], CentredKernel> kernels = new IdentityHashMap<>();
        NearCollinearity worst = null;
        String wideWarning = null;
        for (int model = 0; model < k; model++) {
            int owner = model;
            double meanY = problem.fitIntercept() ? meanTarget(problem, model) : 0;
            NearCollinearity[] found = new NearCollinearity[1];
            double[] meanX = null;
            if (failed[model] == null) {
                try {
                    if (forms[model] == Form.PRIMAL) {
                        CentredGram gram = grams.computeIfAbsent(problem.weights(model),
                                w -> CentredGram.build(problem, owner));
                        meanX = gram.meanX;
                        theta[model] = choleskySolve(gram.gram, problem.lambda(model), rightHandSide(problem, model,
                                meanX, meanY), problem.fitIntercept(), featureNames, n, found);
                    } else {
                        CentredKernel kernel = kernels.computeIfAbsent(problem.weights(model),
                                w -> CentredKernel.build(problem, owner));
                        meanX = kernel.meanX;
                        // Centred rows sum to 0 (weighted), so the last is a combination of the others whatever
                        // the data: its pivot is lambda's alone and is left out of the warning (the right-hand
                        // side has no part along that combination, so it moves no coefficient).
                        int rows = kernel.rows.length;
                        double[] beta = choleskySolve(kernel.kernel, problem.lambda(model),
                                kernel.rightHandSide(problem.target(model), meanY), problem.fitIntercept(), null,
                                problem.fitIntercept() ? rows - 1 : rows, found);
                        theta[model] = kernel.theta(beta);
                        // The pivots are of rows, not columns: told by their own warning, not NearCollinearity's.
                        if (found[0] != null && found[0].poorlyDetermined() && wideWarning == null) {
                            wideWarning = wideWarning(problem.lambda(model), n, kernel.rows.length,
                                    problem.fitIntercept() ? rows - 1 : rows, found[0].pivot());
                        }
                        found[0] = null;
                    }
                } catch (SingularSystemException thrown) {
                    failed[model] = tooFewRows(problem, model).orElse(thrown);
                }
            }
            if (failed[model] != null) {
                if (singular == null) {
                    throw failed[model];
                }
                singular[model] = failed[model];
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
                    b -= meanX[j] * theta[model][j];
                }
            }
            bias[model] = b;
        }
        // One line per solve, for its worst model: a batch of folds x lambdas would otherwise repeat it.
        if (worst != null && worst.poorlyDetermined()) {
            System.getLogger(ExactSolver.class.getName()).log(System.Logger.Level.WARNING, worst.message(featureNames));
        }
        if (wideWarning != null) {
            System.getLogger(ExactSolver.class.getName()).log(System.Logger.Level.WARNING, wideWarning);
        }
        return new Parameters(theta, bias);
    }

    /** The weighted mean of model k's target. Shapes: y (m), w (m) or null. */
    private static double meanTarget(Problem problem, int model) {
        float[] y = problem.target(model);
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += problem.weight(model, i) * y[i];
        }
        return sum / problem.totalWeight(model);
    }

    /** Xc^T W (y - ybar): (n), rows in order, rows of weight 0 left out. Shapes: X (m, n), y (m), meanX (n). */
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
     * solved by Cholesky and x = D y. The smallest pivot of S among its first {@code watched} columns, and the
     * column it belongs to, go to
     * {@code found[0]} ({@link NearCollinearity}). Shapes: a (n, n), rhs (n), returns x (n), found (1); the factor
     * l (n, n); for the dual system n is r, the rows of weight above 0.
     */
    private static double[] choleskySolve(double[][] a, double lambda, double[] rhs, boolean centred,
            List<String> names, int watched, NearCollinearity[] found) {
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
                // Told to a caller that only looks for the column ({@link #nearCollinearity}); solve() drops it.
                found[0] = j < watched ? nearCollinearity(a, scale, lambda, j, Math.max(d, 0)) : null;
                throw singular(j, a[j][j], centred, lambda, names);
            }
            if (d < smallest && j < watched) {
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

    /**
     * The most nearly collinear column of model {@code model}'s normal equations, as {@link #solve} reads it off
     * their factor, for a fit that did not solve them (gradient steps); a column collinear within rounding
     * comes with pivot 0. Null without features, and with fewer rows of weight above 0 than features (r less than
     * n; with lambda 0, r at most n): there the columns are combinations of each other whatever the data, which
     * solve() does not tell column by column (with lambda > 0 it solves the dual, whose pivots are of rows; with lambda 0 the system
     * is singular, the minimum not unique, which step fits are warned of on their own). On 40 rows of 60 features,
     * lambda 1e-6, a column pivot had named 'x53' "almost a linear combination of the columns before it", where the
     * exact solve says nothing. Cost O(m n^2) for the Gram matrix, O(n^3) for the factor. Shapes: X (m, n).
     */
    public static NearCollinearity nearCollinearity(Problem problem, int model) {
        int n = problem.features();
        if (n == 0) {
            return null;
        }
        int r = CentredKernel.weightedRows(problem, model).length;
        if (r < n || !(problem.lambda(model) > 0) && r <= n) {
            return null;
        }
        CentredGram gram = CentredGram.build(problem, model);
        NearCollinearity[] found = new NearCollinearity[1];
        try {
            choleskySolve(gram.gram, problem.lambda(model), new double[n], problem.fitIntercept(), null, n, found);
        } catch (SingularSystemException singular) {
            // found[0] holds the column whose pivot failed (null for one of no spread at all).
        }
        return found[0];
    }

    /**
     * The warning for a dual solve whose system is nearly singular: on wide data the coefficients along the
     * directions the rows do not span are set by lambda alone, and a lambda this small against the data leaves
     * them poorly determined at float32 precision, as the primal form's {@link NearCollinearity} says by column.
     */
    private static String wideWarning(double lambda, int features, int rows, int dimensions, double pivot) {
        return String.format(Locale.ROOT, "with lambda = %s, %,d features on %,d rows of weight above 0 span at most"
                + " %,d dimensions%s, and the rest of the coefficients are set by lambda alone; this lambda is small"
                + " against the data (smallest pivot %.2g of the row system scaled to a unit diagonal), so at the"
                + " data's float32 precision (about 7 digits) the coefficients are poorly determined, though the"
                + " predictions are not; a larger lambda makes them well determined", lambda, features, rows,
                dimensions, dimensions < rows ? " (the intercept takes one)" : "", pivot);
    }

    /**
     * Column j's smallest pivot with the earlier column of largest |S_ij| (S = D A D, unit diagonal). Shapes: a
     * (n, n), scale (n).
     */
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
     * Shape: w (m) or null.
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
