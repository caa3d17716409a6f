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

    /**
     * The entry points an embedding service calls: each named its null argument only by the JDK's text ("Cannot
     * invoke ... because \"problem\" is null") from deep inside.
     */
    @Test
    void entryPointsNameTheirNullArgument() {
        for (Backend backend : new Backend[] {new dev.ridgeline.engine.java.ScalarBackend(),
            new dev.ridgeline.engine.java.VectorBackend(1)}) {
            assertNamed("problem", () -> backend.bind(null));
            Problem p = Problem.builder(DenseMatrix.of(new float[][] {{1}, {2}})).model(new float[] {1, 2}, null, 0)
                    .build();
            try (BoundProblem bound = backend.bind(p)) {
                assertNamed("parameters", () -> bound.setParameters(null));
                assertNamed("rule", () -> bound.step(null, null));
                assertNamed("x", () -> bound.predict(null));
                assertNamed("bound", () -> new dev.ridgeline.train.Trainer(
                        dev.ridgeline.train.TrainerConfig.builder().build()).train(null));
            }
        }
        assertNamed("data", () -> Problem.of(null, 1));
        assertNamed("data", () -> new dev.ridgeline.train.RidgeFitter(1, dev.ridgeline.train.TrainerConfig.builder()
                .build(), "java-scalar").fit((dev.ridgeline.data.Dataset) null));
        assertNamed("means", () -> new dev.ridgeline.preprocess.Standardizer(null, new double[1]));
        assertNamed("scales", () -> new dev.ridgeline.preprocess.Standardizer(new double[1], null));
        assertNamed("x", () -> dev.ridgeline.preprocess.Standardizer.fit(null));
        assertNamed("problem", () -> dev.ridgeline.train.ExactSolver.solve(null));
        assertNamed("names[1]", () -> new LinearModel(java.util.Arrays.asList("a", null), null, new double[2], 0));
    }
}
