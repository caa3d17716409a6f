package dev.ridgeline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.model.LinearModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A null argument fails at once with a NullPointerException that names it, not an anonymous one later. */
class NullArgumentsTest {
    private static void assertNamed(String name, Executable call) {
        assertEquals(name, assertThrows(NullPointerException.class, call).getMessage());
    }

    @Test
    void nullArgumentsAreNamed() {
        assertNamed("data", () -> DenseMatrix.of((float[][]) null));
        assertNamed("data", () -> DenseMatrix.of((double[][]) null));
        assertNamed("row 0", () -> DenseMatrix.of(new float[][] {null, {1}}));
        assertNamed("row 1", () -> DenseMatrix.of(new double[][] {{1}, null}));
        assertNamed("theta", () -> new Parameters(null, new double[1]));
        assertNamed("bias", () -> new Parameters(new double[1][1], null));
        assertNamed("theta of model 1", () -> new Parameters(new double[][] {{1}, null}, new double[2]));
        assertNamed("learningRates", () -> new StepRule(null, 0, false));
        assertNamed("order", () -> new RowBatch(null, 0, 0));
        assertNamed("theta", () -> new LinearModel(List.of("a"), null, null, 0));
        assertNamed("featureNames", () -> new LinearModel(null, null, new double[1], 0));
    }
}
