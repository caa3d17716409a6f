package dev.ridgeline.train;

import dev.ridgeline.engine.Problem;

/** A model's Hessian as a dense matrix, and its largest eigenvalue by a long power iteration: test oracles. */
final class DenseHessian {
    private DenseHessian() {
    }

    /** H = 1/W ([X 1]^T diag(w) [X 1] + lambda I'), (n + 1) x (n + 1), the intercept last and not penalised. */
    static double[][] of(Problem p, int model) {
        int n = p.features();
        double[][] h = new double[n + 1][n + 1];
        double[] row = new double[n + 1];
        for (int i = 0; i < p.rows(); i++) {
            for (int j = 0; j < n; j++) {
                row[j] = p.x().get(i, j);
            }
            row[n] = 1;
            double w = p.weight(model, i);
            for (int a = 0; a <= n; a++) {
                for (int c = 0; c <= n; c++) {
                    h[a][c] += w * row[a] * row[c] / p.totalWeight(model);
                }
            }
        }
        for (int j = 0; j < n; j++) {
            h[j][j] += p.lambda(model) / p.totalWeight(model);
        }
        return h;
    }

    static double largestEigenvalue(double[][] h) {
        double[] v = new double[h.length];
        java.util.Arrays.fill(v, 1);
        double lambda = 0;
        for (int it = 0; it < 5000; it++) {
            double[] hv = new double[v.length];
            for (int a = 0; a < v.length; a++) {
                for (int c = 0; c < v.length; c++) {
                    hv[a] += h[a][c] * v[c];
                }
            }
            double norm = 0;
            for (double x : hv) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int a = 0; a < v.length; a++) {
                v[a] = hv[a] / norm;
            }
            lambda = norm;
        }
        return lambda;
    }
}
