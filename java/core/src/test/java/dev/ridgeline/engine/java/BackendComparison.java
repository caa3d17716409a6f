package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.PassStats;

/**
 * Compares a fast backend with the scalar reference. The stated tolerance: every value agrees with the
 * reference to {@code tol} times the largest magnitude among the values compared with it (the vector,
 * or the K losses), plus 1e-12 absolute so that exact zeros compare. The fast path rounds theta to
 * float32 and sums in float32 over short runs, so its error scales with the vector, not with each entry.
 */
final class BackendComparison {
    private final double tol;

    BackendComparison(double tol) {
        this.tol = tol;
    }

    void parameters(BoundProblem reference, BoundProblem fast, String what) {
        Parameters e = reference.parameters();
        Parameters a = fast.parameters();
        assertEquals(e.models(), a.models());
        for (int k = 0; k < e.models(); k++) {
            vector(e.theta(k), a.theta(k), what + ", theta of model " + k);
            vector(new double[] {e.bias(k)}, new double[] {a.bias(k)}, what + ", bias of model " + k);
        }
    }

    void gradient(Gradient e, Gradient a, String what) {
        vector(e.loss(), a.loss(), what + ", loss");
        vector(e.bias(), a.bias(), what + ", bias gradient");
        for (int k = 0; k < e.loss().length; k++) {
            vector(e.theta()[k], a.theta()[k], what + ", theta gradient of model " + k);
        }
    }

    void lastPass(PassStats e, PassStats a, String what) {
        vector(e.loss(), a.loss(), what + ", last-pass loss");
        vector(e.gradientNorm(), a.gradientNorm(), what + ", last-pass gradient norm");
    }

    void predictions(double[][] e, double[][] a, String what) {
        for (int k = 0; k < e.length; k++) {
            vector(e[k], a[k], what + ", predictions of model " + k);
        }
    }

    void vector(double[] e, double[] a, String what) {
        assertEquals(e.length, a.length, what + ": length");
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double allowed = tol * scale + 1e-12;
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - a[i]) <= allowed)) {
                fail(what + " [" + i + "]: expected " + e[i] + ", got " + a[i] + " (allowed difference "
                        + allowed + ")");
            }
        }
    }
}
