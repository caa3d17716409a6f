package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An independent oracle for weights and an unscaled, ill-conditioned fit: scikit-learn 1.2.1's
 * {@code Ridge(alpha=1.0, solver='cholesky').fit(X, y, sample_weight=w)} on the embedded diabetes data as
 * Ridgeline stores it (X and y rounded to float32, then taken as float64), w_i = 1 + (i mod 3), no scaling.
 * Its minimiser is that of J with these weights (README, "The objective"); solver='svd' agreed with
 * 'cholesky' to 8e-14. The raw features are collinear (s1 and s2), so this also checks the exact solve
 * where the normal equations are far from the identity.
 */
class ScikitLearnWeightedReferenceTest {
    private static final double INTERCEPT = -330.46459854362615;
    private static final List<Double> COEFFICIENTS = List.of(-0.07718027212024675, -19.423299461291055,
            5.54062514221266, 1.022380684627271, -1.1553554817647969, 0.8166192316164829, 0.4694542680712504,
            7.5216376052023515, 67.76246263764475, 0.30950976090638876);
    /**
     * Relative, per coefficient: both sides solve in double from the same float32 data (they agreed to about
     * 1e-14 when this was written; the margin is for another platform's rounding, not for a different answer).
     */
    private static final double TOLERANCE = 1e-9;

    @Test
    void theWeightedExactSolveMatchesScikitLearnsRidge() {
        Dataset d = EmbeddedData.diabetes();
        float[] w = new float[d.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + i % 3;
        }
        Parameters p = ExactSolver.solve(Problem.builder(d.x()).model(d.target(), w, 1.0).build());
        assertEquals(List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"), d.featureNames());
        for (int j = 0; j < COEFFICIENTS.size(); j++) {
            double expected = COEFFICIENTS.get(j);
            assertEquals(expected, p.theta(0, j), TOLERANCE * Math.abs(expected), d.featureNames().get(j));
        }
        assertEquals(INTERCEPT, p.bias(0), TOLERANCE * Math.abs(INTERCEPT), "intercept");
    }
}
