package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.RandomProblems;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A training result cannot be changed through the arrays and list it was made from or hands out. */
class TrainingResultTest {
    @Test
    void changingWhatTheAccessorsReturnLeavesTheResultAsItWas() {
        TrainingResult r;
        try (BoundProblem bound = new ScalarBackend().bind(RandomProblems.batch(40, 3, 2, 9))) {
            r = new Trainer(TrainerConfig.builder().maxEpochs(5).learningRate(0.01).build()).train(bound);
        }
        double loss = r.finalLoss(0);
        double norm = r.finalGradientNorm()[1];
        double rate = r.learningRates()[0];
        int epochs = r.epochs(1);
        StopReason reason = r.stopReason(0);
        r.finalLoss()[0] = -1;
        r.finalGradientNorm()[1] = -1;
        r.learningRates()[0] = -1;
        r.epochs()[1] = -1;
        assertThrows(UnsupportedOperationException.class, () -> r.stopReasons().set(0, StopReason.DIVERGED));
        assertEquals(loss, r.finalLoss(0));
        assertEquals(loss, r.finalLoss()[0]);
        assertEquals(norm, r.finalGradientNorm()[1]);
        assertEquals(rate, r.learningRates()[0]);
        assertEquals(epochs, r.epochs(1));
        assertEquals(reason, r.stopReason(0));
    }

    /** A value: equal to itself rebuilt from its parts and to the same training run again, not by identity. */
    @Test
    void resultsCompareByTheirValues() {
        TrainerConfig config = TrainerConfig.builder().maxEpochs(5).learningRate(0.01).build();
        TrainingResult r;
        TrainingResult again;
        TrainingResult other;
        try (BoundProblem bound = new ScalarBackend().bind(RandomProblems.batch(40, 3, 2, 9))) {
            r = new Trainer(config).train(bound);
        }
        try (BoundProblem bound = new ScalarBackend().bind(RandomProblems.batch(40, 3, 2, 9))) {
            again = new Trainer(config).train(bound);
        }
        try (BoundProblem bound = new ScalarBackend().bind(RandomProblems.batch(40, 3, 2, 9))) {
            other = new Trainer(TrainerConfig.builder().maxEpochs(6).learningRate(0.01).build()).train(bound);
        }
        TrainingResult rebuilt = new TrainingResult(r.parameters(), r.epochs(), r.stopReasons(), r.finalLoss(),
                r.finalGradientNorm(), r.initialGradientNorm(), r.learningRates(), r.stepHalvings(), r.history());
        assertEquals(r, rebuilt);
        assertEquals(r.hashCode(), rebuilt.hashCode());
        assertEquals(r, again);
        assertEquals(r.hashCode(), again.hashCode());
        assertNotEquals(r, other);
        assertNotEquals(r, new TrainingResult(r.parameters(), r.epochs(), r.stopReasons(), r.finalLoss(),
                r.finalGradientNorm(), r.initialGradientNorm(), new double[] {0.02, 0.01}, r.stepHalvings(),
                r.history()));
    }

    @Test
    void changingTheArraysItWasMadeFromLeavesTheResultAsItWas() {
        int[] epochs = {3};
        List<StopReason> reasons = new ArrayList<>(List.of(StopReason.CONVERGED));
        double[] loss = {0.5};
        double[] norm = {1e-3};
        double[] initial = {4.0};
        double[] rates = {0.1};
        TrainingResult r = new TrainingResult(Parameters.zeros(1, 2), epochs, reasons, loss, norm, initial, rates,
                new History());
        epochs[0] = 99;
        reasons.set(0, StopReason.DIVERGED);
        loss[0] = -1;
        norm[0] = -1;
        initial[0] = -1;
        rates[0] = -1;
        assertEquals(3, r.epochs(0));
        assertEquals(StopReason.CONVERGED, r.stopReason(0));
        assertEquals(0.5, r.finalLoss(0));
        assertEquals(1e-3, r.finalGradientNorm()[0]);
        assertEquals(4.0, r.initialGradientNorm()[0]);
        assertEquals(2.5e-4, r.relativeGradientNorm(0));
        assertEquals(0.1, r.learningRates()[0]);
    }

    @Test
    void stepHalvingsAreCopiedInAndOutAndDefaultToNone() {
        int[] halvings = {2, 4};
        TrainingResult r = new TrainingResult(Parameters.zeros(2, 1), new int[] {5, 6},
                List.of(StopReason.MAX_EPOCHS, StopReason.PLATEAU), new double[2], new double[2], new double[2],
                new double[2], halvings, new History());
        halvings[0] = 99;
        r.stepHalvings()[1] = -1;
        assertEquals(2, r.stepHalvings(0));
        assertEquals(4, r.stepHalvings(1));
        TrainingResult none = new TrainingResult(Parameters.zeros(2, 1), new int[] {5, 6},
                List.of(StopReason.CONVERGED, StopReason.CONVERGED), new double[2], new double[2], new double[2],
                new double[2], new History());
        assertEquals(0, none.stepHalvings(0));
        assertEquals(0, none.stepHalvings(1));
        assertThrows(IllegalArgumentException.class, () -> new TrainingResult(Parameters.zeros(2, 1),
                new int[] {5, 6}, List.of(StopReason.CONVERGED, StopReason.CONVERGED), new double[2], new double[2],
                new double[2], new double[2], new int[1], new History()));
    }

    /** A service logs results: the figures, not array identities such as "[I@726f3b58". */
    @Test
    void toStringShowsTheFiguresForALog() {
        TrainingResult r = new TrainingResult(new Parameters(new double[][] {{1, 2}}, new double[] {0.5}),
                new int[] {12}, List.of(StopReason.CONVERGED), new double[] {0.25}, new double[] {1e-8},
                new double[] {0.1}, new double[] {0.9}, new int[] {0}, new History());
        assertEquals("TrainingResult[Parameters[models=1, features=2, bias=[0.5]], epochs=[12], "
                + "stopReasons=[CONVERGED], finalLoss=[0.25], relativeGradientNorm=[1.0E-7], learningRates=[0.9], "
                + "stepHalvings=[0], history=0 points]", r.toString());
        assertEquals("Parameters[models=9, features=3, bias=9 values]", Parameters.zeros(9, 3).toString());
    }
}
