package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Settings that used to be accepted and then misbehaved: a null solver ran SGD, a null listener failed after
 * the first epoch, a NaN divergence factor switched divergence detection off, a negative monitorEvery.
 */
class TrainerConfigValidationTest {
    private static void assertRefused(String message, Executable build) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    /** autoLearningRate() restores the automatic rate, clearing a fixed rate or per-model rates set before. */
    @Test
    void autoLearningRateClearsFixedRates() {
        TrainerConfig fixed = TrainerConfig.builder().learningRate(0.1).build();
        assertEquals(false, fixed.autoLearningRate());
        assertEquals(true, fixed.toBuilder().autoLearningRate().build().autoLearningRate());
        TrainerConfig perModel = TrainerConfig.builder().learningRates(0.1, 0.2).build();
        TrainerConfig auto = perModel.toBuilder().autoLearningRate().build();
        assertEquals(true, auto.autoLearningRate());
        assertEquals(null, auto.perModelLearningRates());
        assertEquals(true, TrainerConfig.builder().build().autoLearningRate(), "the default");
    }

    /** learningRate(...) after learningRates(...) decides, NaN as autoLearningRate() (it had left them set). */
    @Test
    void theLastRateCallDecides() {
        TrainerConfig nan = TrainerConfig.builder().learningRates(0.1, 0.2).learningRate(Double.NaN).build();
        assertEquals(true, nan.autoLearningRate());
        assertEquals(null, nan.perModelLearningRates());
        TrainerConfig one = TrainerConfig.builder().learningRates(0.1, 0.2).learningRate(0.3).build();
        assertEquals(null, one.perModelLearningRates());
        assertEquals(0.3, one.learningRate());
        TrainerConfig perModel = TrainerConfig.builder().learningRate(0.3).learningRates(0.1, 0.2).build();
        assertEquals(0.2, perModel.perModelLearningRates()[1]);
    }

    @Test
    void anEmptyListOfLearningRatesIsRefusedWhenBuilt() {
        assertRefused("learning rates: give one per model, or autoLearningRate(), got none",
                () -> TrainerConfig.builder().learningRates().build());
    }

    @Test
    void aNullSolverIsRefused() {
        assertRefused("solver must be gd, sgd or exact, got null", () -> TrainerConfig.builder().solver(null).build());
    }

    @Test
    void aNullListenerIsRefused() {
        assertRefused("listener must be given (TrainingListener.NONE for none), got null",
                () -> TrainerConfig.builder().listener(null).build());
    }

    /** A null config used to fail only at train(), with an anonymous NullPointerException. */
    @Test
    void aTrainerWithoutConfigIsRefusedByName() {
        assertEquals("config", assertThrows(NullPointerException.class, () -> new Trainer(null)).getMessage());
    }

    @Test
    void aNullInitializationIsRefused() {
        assertRefused("initialization must be given, got null",
                () -> TrainerConfig.builder().initialization(null).build());
    }

    /** A bad scale used to be accepted, and training then failed blaming the learning rate. */
    @Test
    void aRandomInitializationScaleThatIsNaNInfiniteOrNegativeIsRefused() {
        for (double scale : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.01}) {
            assertRefused("initialization scale must be a finite number >= 0, got " + scale,
                    () -> Initialization.random(scale, 1));
        }
        assertEquals(0.0, Initialization.random(0, 1).scale());
    }

    @Test
    void aNegativeMonitorIntervalIsRefusedAndZeroStillMeansTheBackendChooses() {
        assertRefused("monitorEvery must be >= 0 (0 lets the backend choose), got -5",
                () -> TrainerConfig.builder().monitorEvery(-5).build());
        assertEquals(0, TrainerConfig.builder().monitorEvery(0).build().monitorEvery());
    }

    @Test
    void aDivergenceFactorThatIsNaNOrBelowOneIsRefused() {
        for (double f : new double[] {Double.NaN, 0.5, 0, -1, Double.NEGATIVE_INFINITY}) {
            assertRefused("divergence factor must be >= 1 (a loss above this multiple of the starting loss counts "
                    + "as divergence), got " + f, () -> TrainerConfig.builder().divergenceFactor(f).build());
        }
        assertEquals(1.0, TrainerConfig.builder().divergenceFactor(1).build().divergenceFactor());
        assertEquals(Double.POSITIVE_INFINITY,
                TrainerConfig.builder().divergenceFactor(Double.POSITIVE_INFINITY).build().divergenceFactor());
    }

    /** The Java API accepted a time limit for the exact solver and ignored it (the command line refuses it). */
    @Test
    void theExactSolverRefusesATimeLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder()
                .solver(Solver.EXACT).timeLimit(java.time.Duration.ofMillis(1)).build());
        assertEquals("the exact solver takes no time limit (it has no partial result to keep); interrupt its thread "
                + "to stop it", e.getMessage());
        assertEquals(Solver.EXACT, TrainerConfig.builder().solver(Solver.EXACT).build().solver());
    }

    /** Early stopping with the exact solver was accepted and ignored, as the time limit had been. */
    @Test
    void theExactSolverRefusesEarlyStopping() {
        dev.ridgeline.engine.Problem validation = dev.ridgeline.engine.Problem.builder(
                dev.ridgeline.data.DenseMatrix.zeros(2, 1)).model(new float[2], null, 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder()
                .solver(Solver.EXACT).earlyStopping(validation, 3).build());
        assertEquals("the exact solver takes no early stopping (it has no epochs to stop between); drop earlyStopping"
                + " or choose a gradient solver", e.getMessage());
        assertEquals(3, TrainerConfig.builder().earlyStopping(validation, 3).build().patience());
    }

    /** Validation rows with patience 0 had been accepted and dropped, early stopping silently off. */
    @Test
    void validationRowsWithPatienceZeroAreRefused() {
        dev.ridgeline.engine.Problem validation = dev.ridgeline.engine.Problem.builder(
                dev.ridgeline.data.DenseMatrix.zeros(2, 1)).model(new float[2], null, 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.builder().earlyStopping(validation, 0).build());
        assertEquals("validation rows with patience 0, which turns early stopping off: give a patience of 1 or more,"
                + " or no validation rows", e.getMessage());
        assertEquals(0, TrainerConfig.builder().earlyStopping(null, 0).build().patience());
    }
}
