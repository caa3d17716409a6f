package dev.ridgeline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.java.VectorBackend;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.model.ModelMetadata;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.testing.RandomProblems;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ragged theta is refused when the parameters are made: java-vector used to read the first n coefficients
 * of every model and java-scalar to fail deep inside a pass. Rows of the wrong length for a bound problem
 * are refused by setParameters with both shapes.
 */
class ParametersTest {
    /**
     * requireFinite names the first value that is not finite; a bound problem takes such values as they are,
     * so that a diverged model's state read back can be set again.
     */
    @Test
    void requireFiniteNamesTheValueAndABoundProblemTakesItAsGiven() {
        assertEquals("model 1: coefficient 2 is NaN; parameters to train from must be finite",
                assertThrows(IllegalArgumentException.class, () -> new Parameters(
                        new double[][] {{0, 0, 0}, {1, 2, Double.NaN}}, new double[2]).requireFinite()).getMessage());
        assertEquals("model 0: the bias is -Infinity; parameters to train from must be finite",
                assertThrows(IllegalArgumentException.class, () -> new Parameters(
                        new double[][] {{0, 0, 0}}, new double[] {Double.NEGATIVE_INFINITY}).requireFinite())
                        .getMessage());
        new Parameters(new double[][] {{1e300, -3}}, new double[] {Double.MIN_VALUE}).requireFinite();
        Parameters diverged = new Parameters(new double[][] {{Double.NaN, 0}, {0.5, 1}}, new double[] {0, 2});
        try (BoundProblem b = new ScalarBackend().bind(RandomProblems.batch(10, 2, 2, 1))) {
            b.setParameters(diverged);
            assertEquals(diverged, b.parameters());
            assertEquals(Double.NaN, b.loss()[0]);
            assertEquals(true, Double.isFinite(b.loss()[1]));
        }
    }

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
    void aModelIndexOutOfRangeIsRefusedWithTheNumberOfModels() {
        Parameters one = Parameters.zeros(1, 3);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> LinearModel.of(
                Preprocessing.of(List.of("a", "b", "c"), null), "y", one, 1, ModelMetadata.empty()));
        assertEquals("model 1 of parameters for 1 model", e.getMessage());
        assertEquals("model -1 of parameters for 2 models", assertThrows(IndexOutOfBoundsException.class,
                () -> Parameters.zeros(2, 3).bias(-1)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Parameters.zeros(2, 3).theta(2, 0));
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

    /** A negative size is named (it had surfaced as a bare NegativeArraySizeException: -1). */
    @Test
    void aNegativeSizeIsNamed() {
        assertEquals("models must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> Parameters.zeros(-1, 3)).getMessage());
        assertEquals("features must be >= 0, got -3",
                assertThrows(IllegalArgumentException.class, () -> Parameters.zeros(2, -3)).getMessage());
        assertEquals("models must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> StepRule.plain(-1, 0.1)).getMessage());
        assertEquals("features must be >= 0, got -2", assertThrows(IllegalArgumentException.class,
                () -> dev.ridgeline.train.Initialization.zeros().create(1, -2)).getMessage());
    }
}
