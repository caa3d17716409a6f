package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Configs compare by their settings, the per-model learning rates by value, as a record's other components do. */
class TrainerConfigEqualityTest {

    @Test
    void configsBuiltAlikeAreEqualAndHashAlike() {
        TrainerConfig a = TrainerConfig.builder().solver(Solver.SGD).learningRates(0.1, 0.2).build();
        TrainerConfig b = TrainerConfig.builder().solver(Solver.SGD).learningRates(0.1, 0.2).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a, a.toBuilder().build());
        assertEquals(TrainerConfig.builder().build(), TrainerConfig.builder().build());
    }

    @Test
    void differentRatesOrSettingsAreNotEqual() {
        TrainerConfig a = TrainerConfig.builder().learningRates(0.1, 0.2).build();
        assertNotEquals(a, TrainerConfig.builder().learningRates(0.1, 0.3).build());
        assertNotEquals(a, TrainerConfig.builder().learningRate(0.1).build());
        assertNotEquals(a, a.toBuilder().maxEpochs(7).build());
        assertNotEquals(TrainerConfig.builder().build(), TrainerConfig.builder().seed(43).build());
    }

    @Test
    void theRatesArePrintedByValue() {
        String text = TrainerConfig.builder().learningRates(0.25, 0.5).build().toString();
        assertTrue(text.contains("perModelLearningRates=[0.25, 0.5]"), text);
        assertTrue(text.startsWith("TrainerConfig[solver=GD, maxEpochs=10000"), text);
    }
}
