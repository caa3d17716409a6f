package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.fairness.FairnessAnalyzer;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.train.RidgeFitter;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.tune.Tuner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A null where the main entry points need a value is named at the call, not found deep inside it. */
class NullArgumentsTest {
    private static final LinearModel MODEL = new LinearModel(List.of("a", "b"), null, new double[] {1, 2}, 0);

    private static void assertNamed(String name, Executable call) {
        assertEquals(name, assertThrows(NullPointerException.class, call).getMessage());
    }

    @Test
    void eachNullArgumentIsNamed() {
        Frame frame = Frame.of("s", List.of("a", "y"), new double[][] {{1, 2}, {2, 3}, {3, 5}}, null, null);
        TrainerConfig exact = TrainerConfig.builder().solver(Solver.EXACT).build();
        assertNamed("file", () -> LinearModel.load(null));
        assertNamed("file", () -> MODEL.save((Path) null));
        assertNamed("row", () -> MODEL.predict((double[]) null));
        assertNamed("frame", () -> MODEL.predict((Frame) null));
        assertNamed("spec", () -> new RidgeFitter(1.0, exact, "java-scalar").fit(frame, null));
        assertNamed("raw", () -> new RidgeFitter(1.0, exact, "java-scalar").fit(null, PreprocessingSpec.defaults()));
        assertNamed("folds", () -> new Tuner(new ScalarBackend(), exact).tune(DenseMatrix.zeros(3, 1), new float[3],
                null, null, new double[] {1}, new double[] {Double.NaN}, false));
        assertNamed("bootstrap", () -> FairnessAnalyzer.analyze("g", new double[1], new double[1], new String[] {"a"},
                null));
    }
}
