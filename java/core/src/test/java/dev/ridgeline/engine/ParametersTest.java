package dev.ridgeline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.java.VectorBackend;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.Test;

/**
 * A ragged theta is refused when the parameters are made: java-vector used to read the first n coefficients
 * of every model and java-scalar to fail deep inside a pass. Rows of the wrong length for a bound problem
 * are refused by setParameters with both shapes.
 */
class ParametersTest {
    @Test
    void raggedRowsAreRefusedNamingTheModelAndBothLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Parameters(new double[][] {new double[4], new double[4], new double[3]}, new double[3]));
        assertEquals("model 2 has 3 coefficients, model 0 has 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Parameters(new double[][] {new double[4], new double[5]}, new double[2]));
        assertEquals("model 1 has 5 coefficients, model 0 has 4", e.getMessage());
    }

    @Test
    void rowsTooShortOrTooLongForTheBoundProblemAreRefused() {
        Problem p = RandomProblems.batch(50, 4, 2, 5);
        for (Backend backend : new Backend[] {new ScalarBackend(), new VectorBackend(1)}) {
            try (BoundProblem bound = backend.bind(p)) {
                IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
                        () -> bound.setParameters(Parameters.zeros(2, 3)), backend.name());
                assertEquals("parameters are 2 x 3, the problem has 2 models of 4 features", shorter.getMessage());
                IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
                        () -> bound.setParameters(Parameters.zeros(2, 5)), backend.name());
                assertEquals("parameters are 2 x 5, the problem has 2 models of 4 features", longer.getMessage());
            }
        }
    }
}
