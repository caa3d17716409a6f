package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.testing.RandomProblems;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A step rule needs one learning rate per model on every backend: java-scalar ignored extra rates, and with
 * too few updated the first models before failing on an array index; java-vector refused both.
 */
class StepRuleModelCountTest {
    @Test
    void everyJavaBackendRefusesTheWrongNumberOfRatesAndLeavesTheParameters() {
        for (Backend backend : List.of(new ScalarBackend(), new VectorBackend(2))) {
            try (BoundProblem bound = backend.bind(RandomProblems.batch(200, 5, 2, 9))) {
                Parameters before = bound.parameters();
                assertRefused(bound, 3, backend.name());
                assertRefused(bound, 1, backend.name());
                for (int k = 0; k < 2; k++) {
                    assertArrayEquals(before.theta(k), bound.parameters().theta(k), backend.name() + " model " + k);
                }
            }
        }
    }

    @Test
    void everyJavaBackendRefusesANegativeCountOfSteps() {
        for (Backend backend : List.of(new ScalarBackend(), new VectorBackend(2))) {
            try (BoundProblem bound = backend.bind(RandomProblems.batch(200, 5, 2, 9))) {
                Parameters before = bound.parameters();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> bound.steps(StepRule.plain(2, 0.1), -1), backend.name());
                assertEquals("the count of steps must be at least 0, got -1", e.getMessage());
                assertArrayEquals(before.theta(0), bound.parameters().theta(0), backend.name());
            }
        }
    }

    private static void assertRefused(BoundProblem bound, int rates, String backend) {
        String expected = "step rule has " + rates + " learning rates, the problem has 2 models";
        StepRule rule = StepRule.plain(rates, 0.1);
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> bound.step(rule, null),
                backend).getMessage());
        RowBatch batch = new RowBatch(new int[] {0, 1, 2}, 0, 3);
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> bound.step(rule, batch),
                backend).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> bound.steps(rule, 4),
                backend).getMessage());
    }
}
