package dev.ridgeline.bench;

import dev.ridgeline.data.DenseMatrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.dense.row.mult.MatrixMultProduct_MT_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ridge by the normal equations with EJML, in double: A = [X 1] (m, n + 1), solve
 * (A^T A + lambda I') p = A^T y with I' the identity without the bias entry. The peer that reaches the
 * exact minimum; its cost is forming A^T A, O(m n^2). A^T A is formed by EJML's concurrent
 * {@code MatrixMultProduct_MT_DDRM.inner_reorder_upper} (all processors, as Ridgeline's epochs use), its
 * upper triangle then mirrored: {@code CommonOps_DDRM.multInner} takes a strided single-threaded path
 * below {@code EjmlParameters.MULT_INNER_SWITCH} (100) columns, 4-8x slower at 65 columns, which would
 * have handicapped the peer. The sums are the same, so the solution is bit for bit the one multInner gives.
 */
public final class EjmlRidge {
    private final DMatrixRMaj a;
    private final DMatrixRMaj y;
    private final double lambda;

    /**
     * Copies X and y into EJML's row-major double matrices (done once, outside the timing). Shapes: x (m, n),
     * target (m); a (m, n + 1), y (m, 1).
     */
    public EjmlRidge(DenseMatrix x, float[] target, double lambda) {
        int m = x.rows();
        int n = x.cols();
        this.a = new DMatrixRMaj(m, n + 1);
        this.y = new DMatrixRMaj(m, 1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a.unsafe_set(i, j, x.get(i, j));
            }
            a.unsafe_set(i, n, 1.0);
            y.unsafe_set(i, 0, target[i]);
        }
        this.lambda = lambda;
    }

    /** A^T A (p, p), every entry filled: the upper triangle computed, the lower one mirrored from it. */
    static DMatrixRMaj normalMatrix(DMatrixRMaj a) {
        int p = a.numCols;
        DMatrixRMaj normal = new DMatrixRMaj(p, p);
        MatrixMultProduct_MT_DDRM.inner_reorder_upper(a, normal);
        for (int i = 1; i < p; i++) {
            for (int j = 0; j < i; j++) {
                normal.unsafe_set(i, j, normal.unsafe_get(j, i));
            }
        }
        return normal;
    }

    /** A = [X 1] as EJML holds it (for tests). */
    DMatrixRMaj design() {
        return a;
    }

    /** The solution [theta; b] (n + 1). */
    public double[] solve() {
        int p = a.numCols;
        DMatrixRMaj normal = normalMatrix(a);
        for (int j = 0; j < p - 1; j++) {
            normal.add(j, j, lambda);
        }
        DMatrixRMaj rhs = new DMatrixRMaj(p, 1);
        CommonOps_DDRM.multTransA(a, y, rhs);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(p);
        if (!chol.setA(normal)) {
            throw new IllegalStateException("normal equations are not positive definite");
        }
        DMatrixRMaj solution = new DMatrixRMaj(p, 1);
        chol.solve(rhs, solution);
        return solution.data.clone();
    }
}
