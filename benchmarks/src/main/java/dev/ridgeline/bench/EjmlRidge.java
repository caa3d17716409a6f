package dev.ridgeline.bench;

import dev.ridgeline.data.DenseMatrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ridge by the normal equations with EJML, in double: A = [X 1] (m, n + 1), solve
 * (A^T A + lambda I') p = A^T y with I' the identity without the bias entry. The peer that reaches the
 * exact minimum; its cost is forming A^T A, O(m n^2).
 */
public final class EjmlRidge {
    private final DMatrixRMaj a;
    private final DMatrixRMaj y;
    private final double lambda;

    /** Copies X and y into EJML's row-major double matrices (done once, outside the timing). */
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

    /** The solution [theta; b] (n + 1). */
    public double[] solve() {
        int p = a.numCols;
        DMatrixRMaj normal = new DMatrixRMaj(p, p);
        CommonOps_DDRM.multInner(a, normal);
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
