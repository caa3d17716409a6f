package dev.ridgeline.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.ClippedGradientStep;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/** The contract of a closed {@link BoundProblem}, the same for every backend. */
public final class ClosedBoundProblems {
    private ClosedBoundProblems() {
    }

    /**
     * Binds {@code problem} (two models), runs one full-batch pass, closes it twice and checks that every
     * operation on parameters or data then throws "the NAME bound problem is closed".
     */
    public static void assertEveryOperationRefused(Backend backend, Problem problem) {
        int k = problem.models();
        int n = problem.features();
        BoundProblem bound = backend.bind(problem);
        bound.step(StepRule.plain(k, 0.01), null); // a pass before close, so that threads and copies exist
        bound.close();
        bound.close(); // closing twice stays harmless
        String expected = "the " + backend.name() + " bound problem is closed";
        Map<String, Executable> operations = Map.of(
                "setParameters", () -> bound.setParameters(Parameters.zeros(k, n)),
                "parameters", bound::parameters,
                "loss", bound::loss,
                "lossAndGradient", bound::lossAndGradient,
                "step", () -> bound.step(StepRule.plain(k, 0.01), null),
                "steps", () -> bound.steps(StepRule.plain(k, 0.01), 3),
                "lastPass", bound::lastPass,
                "predict", () -> bound.predict(problem.x()),
                "clippedGradientSum", () -> ((ClippedGradientStep) bound).clippedGradientSum(
                        new RowBatch(new int[] {0, 1, 2, 3}, 0, 4), 1.0),
                "train", () -> new Trainer(TrainerConfig.builder().build()).train(bound));
        operations.forEach((name, op) -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, op, backend.name() + " " + name);
            assertEquals(expected, e.getMessage(), backend.name() + " " + name);
        });
        // Zero steps run no step at all, so a check left to step() would let this one pass.
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> bound.steps(StepRule.plain(k, 0.01), 0), backend.name() + " steps of count 0");
        assertEquals(expected, none.getMessage(), backend.name() + " steps of count 0");
        assertSame(problem, bound.problem());
    }
}
