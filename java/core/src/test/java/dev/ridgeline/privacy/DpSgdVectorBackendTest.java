package dev.ridgeline.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.java.VectorBackend;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.Test;

/**
 * DP-SGD end to end on the vector backend: with the same seed it draws the same Poisson batches and the
 * same noise as the scalar reference, so it spends the same (epsilon, delta) and, its clipped sums
 * differing only by float32 rounding (VectorClippedSumTest), ends at nearly the same model.
 */
class DpSgdVectorBackendTest {
    @Test
    void sameSeedGivesTheSamePrivacyAndNearlyTheSameModelAsTheScalarBackend() {
        DenseMatrix x = RandomProblems.features(3000, 13, 21);
        Problem p = Problem.builder(x).model(RandomProblems.target(x, 21, 0.3), RandomProblems.weights(3000, 21), 2.0)
                .build();
        DpSgdConfig c = new DpSgdConfig(0.05, 1.1, 1.0, 5, 0.3, 1e-5, 17, false, RdpConversion.IMPROVED);
        DpSgdResult scalar = new DpSgdTrainer(c).train(new ScalarBackend(), p);
        DpSgdResult vector = new DpSgdTrainer(c).train(new VectorBackend(2), p);

        assertEquals(scalar.privacy(), vector.privacy());
        assertEquals(scalar.steps(), vector.steps());
        assertEquals(scalar.meanBatchSize(), vector.meanBatchSize(), 0.0, "the same Poisson batches");
        assertTrue(scalar.clippedFraction() > 0.05 && scalar.clippedFraction() < 0.95,
                "the run must clip some rows and not others: " + scalar.clippedFraction());
        assertEquals(scalar.clippedFraction(), vector.clippedFraction(), 1e-3);
        double scale = 0;
        for (int j = 0; j < p.features(); j++) {
            scale = Math.max(scale, Math.abs(scalar.parameters().theta(0, j)));
        }
        assertTrue(scale > 0.1, "the run must learn something: max |theta| " + scale);
        // Float32 rounding of each step's clipped sum (relative ~1e-6) carried through 100 steps.
        double tolerance = 1e-4 * (1 + scale);
        for (int j = 0; j < p.features(); j++) {
            assertEquals(scalar.parameters().theta(0, j), vector.parameters().theta(0, j), tolerance, "theta " + j);
        }
        assertEquals(scalar.parameters().bias(0), vector.parameters().bias(0), tolerance, "bias");
    }
}
