package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.OneThreadAtATime;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.testing.HeldByAnotherThread;
import dev.ridgeline.testing.RandomProblems;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A bound problem refuses a second thread while another is inside it, naming that thread, on both Java
 * backends; one thread after another, and a thread re-entering (steps calls step), are fine.
 */
class OneThreadAtATimeTest {
    @Test
    void theVectorProblemRefusesASecondThread() throws Exception {
        VectorBoundProblem b = (VectorBoundProblem) new VectorBackend(2).bind(RandomProblems.batch(300, 8, 2, 1));
        refusesWhileHeld(b, b.use, "the java-vector bound problem");
    }

    @Test
    void theScalarProblemRefusesASecondThread() throws Exception {
        ScalarBoundProblem b = (ScalarBoundProblem) new ScalarBackend().bind(RandomProblems.batch(300, 8, 2, 1));
        refusesWhileHeld(b, b.use, "the java-scalar bound problem");
    }

    private static void refusesWhileHeld(BoundProblem b, OneThreadAtATime use, String name) throws Exception {
        try (b) {
            double[] before = b.loss();
            try (HeldByAnotherThread held = HeldByAnotherThread.hold(use)) {
                for (Function<BoundProblem, Object> op : java.util.List.<Function<BoundProblem, Object>>of(
                        BoundProblem::loss, BoundProblem::lossAndGradient, BoundProblem::parameters,
                        BoundProblem::lastPass, p -> {
                            p.step(StepRule.plain(2, 0.01), null);
                            return null;
                        })) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> op.apply(b));
                    assertEquals(name + " is in use by thread '" + HeldByAnotherThread.THREAD + "': a bound problem is"
                            + " for one thread at a time; bind the problem once per thread to train in parallel",
                            e.getMessage());
                }
            }
            // Refused calls changed nothing; the problem serves this thread again, and steps re-enters step.
            assertArrayEquals(before, b.loss());
            b.steps(StepRule.plain(2, 0.01), 3);
            assertEquals(2, b.lastPass().loss().length);
        }
    }
}
