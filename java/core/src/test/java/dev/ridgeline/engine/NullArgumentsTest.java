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

    /** The parts of a pipeline built in code: each null failed with the JDK's text or "null" alone. */
    @Test
    void pipelinePartsNameTheirNullArgument() {
        assertNamed("categories (List.of() for a numeric column)", () -> new dev.ridgeline.preprocess.InputColumn(
                "a", dev.ridgeline.data.ColumnKind.NUMERIC, 0, null, null));
        assertNamed("name", () -> new dev.ridgeline.preprocess.EncodedFeature(null, 0, null, 0, 1));
        dev.ridgeline.preprocess.InputColumn a = dev.ridgeline.preprocess.InputColumn.numeric("a", 0);
        dev.ridgeline.preprocess.EncodedFeature fa = new dev.ridgeline.preprocess.EncodedFeature("a", 0, null, 0, 1);
        assertNamed("inputs: element 1 is null", () -> new dev.ridgeline.preprocess.Preprocessing(
                java.util.Arrays.asList(a, null), List.of(fa), dev.ridgeline.preprocess.ScaleKind.NONE,
                dev.ridgeline.preprocess.UnseenCategory.ERROR, List.of()));
        assertNamed("features: element 0 is null", () -> new dev.ridgeline.preprocess.Preprocessing(
                List.of(a), java.util.Arrays.asList((dev.ridgeline.preprocess.EncodedFeature) null),
                dev.ridgeline.preprocess.ScaleKind.NONE, dev.ridgeline.preprocess.UnseenCategory.ERROR, List.of()));
    }

    /** Shapes a caller can get wrong: each used to fail with an index out of bounds from inside. */
    @Test
    void wrongShapesAreRefusedNamingBoth() {
        dev.ridgeline.preprocess.Preprocessing pre = dev.ridgeline.preprocess.Preprocessing.of(List.of("a", "b"), null);
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class,
                () -> pre.encode(new double[2], new double[1]));
        assertEquals("the output array has 1 places, the model has 2 features", z.getMessage());
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> new Gradient(new double[1], new double[][] {{1}}, new double[0]));
        assertEquals("gradient of 1 models has 1 theta rows and 0 biases", g.getMessage());
    }
}
