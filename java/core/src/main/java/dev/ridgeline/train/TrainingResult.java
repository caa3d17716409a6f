package dev.ridgeline.train;

import dev.ridgeline.engine.ModelIndex;
import dev.ridgeline.engine.Parameters;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * What training produced for a batch of K models: parameters, the epochs each model ran, why each stopped,
 * its final loss and gradient norm, its gradient norm before the first step, at zero coefficients for a random start
 * (what {@code --tol} is relative to; the exact solver takes no step, so there it is the final one), the learning rates it started with, how often SGD's plateau schedule
 * halved each ({@link TrainerConfig#plateauReads}; 0 for every other solver) and the loss history.
 *
 * <p>Immutable: the arrays and the list are copied in and out, so that a caller cannot change a result that
 * others read (as {@code finalLoss()[0] = -1} used to change {@code finalLoss(0)}).
 */
public record TrainingResult(
        Parameters parameters,
        int[] epochs,
        List<StopReason> stopReasons,
        double[] finalLoss,
        double[] finalGradientNorm,
        double[] initialGradientNorm,
        double[] learningRates,
        int[] stepHalvings,
        History history,
        double[] ownScaleRelativeNorm) {

    public TrainingResult {
        epochs = epochs.clone();
        stopReasons = List.copyOf(stopReasons);
        finalLoss = finalLoss.clone();
        finalGradientNorm = finalGradientNorm.clone();
        initialGradientNorm = initialGradientNorm.clone();
        learningRates = learningRates.clone();
        stepHalvings = stepHalvings.clone();
        if (stepHalvings.length != epochs.length) {
            throw new IllegalArgumentException(stepHalvings.length + " step halvings for " + epochs.length + " models");
        }
        ownScaleRelativeNorm = ownScaleRelativeNorm.clone();
        if (ownScaleRelativeNorm.length != epochs.length) {
            throw new IllegalArgumentException(ownScaleRelativeNorm.length + " own-scale norms for " + epochs.length
                    + " models");
        }
    }

    /** A result without own-scale convergence figures (NaN for each model: the test was not run). */
    public TrainingResult(Parameters parameters, int[] epochs, List<StopReason> stopReasons, double[] finalLoss,
            double[] finalGradientNorm, double[] initialGradientNorm, double[] learningRates, int[] stepHalvings,
            History history) {
        this(parameters, epochs, stopReasons, finalLoss, finalGradientNorm, initialGradientNorm, learningRates,
                stepHalvings, history, nans(epochs.length));
    }

    private static double[] nans(int k) {
        double[] out = new double[k];
        Arrays.fill(out, Double.NaN);
        return out;
    }

    /**
     * Model k's last gradient in its coordinates' own scales over the start's (OwnScaleGradient, the step
     * solvers' second convergence test where the curvatures along the features span more than 100), read when
     * the plain relative norm met the tolerance; NaN where that test never ran. Above 10 x the tolerance with a
     * plain norm within it, it is what kept the model from converging.
     */
    public double ownScaleRelativeNorm(int k) {
        return ownScaleRelativeNorm[model(k)];
    }

    @Override
    public double[] ownScaleRelativeNorm() {
        return ownScaleRelativeNorm.clone();
    }

    /** A result whose steps were never halved (full-batch GD, the exact solver, a constant step). */
    public TrainingResult(Parameters parameters, int[] epochs, List<StopReason> stopReasons, double[] finalLoss,
            double[] finalGradientNorm, double[] initialGradientNorm, double[] learningRates, History history) {
        this(parameters, epochs, stopReasons, finalLoss, finalGradientNorm, initialGradientNorm, learningRates,
                new int[epochs.length], history);
    }

    /** How many times model k's step was halved on a loss plateau. */
    public int stepHalvings(int k) {
        return stepHalvings[model(k)];
    }

    @Override
    public int[] stepHalvings() {
        return stepHalvings.clone();
    }

    /** The epochs model k ran (full passes over X; 0 for the exact solver). */
    public int epochs(int k) {
        return epochs[model(k)];
    }

    /** Why model k stopped (converged, the epoch budget, divergence, an interrupt or the time limit, ...). */
    public StopReason stopReason(int k) {
        return stopReasons.get(model(k));
    }

    /**
     * Model k's objective at its final parameters, in the units of the targets it was trained on ({@link
     * TargetShift#restore(TrainingResult)} gives it in those before the shift's scale).
     */
    public double finalLoss(int k) {
        return finalLoss[model(k)];
    }

    @Override
    public int[] epochs() {
        return epochs.clone();
    }

    /** Unmodifiable. */
    @Override
    public List<StopReason> stopReasons() {
        return stopReasons;
    }

    @Override
    public double[] finalLoss() {
        return finalLoss.clone();
    }

    @Override
    public double[] finalGradientNorm() {
        return finalGradientNorm.clone();
    }

    @Override
    public double[] initialGradientNorm() {
        return initialGradientNorm.clone();
    }

    /** Model k's final gradient norm over its initial one, the figure {@code tolerance} bounds. */
    public double relativeGradientNorm(int k) {
        return finalGradientNorm[model(k)] / initialGradientNorm[k];
    }

    /**
     * k itself when this result has model k; else an IndexOutOfBoundsException saying how many it has (the JDK's
     * "Index 5 out of bounds for length 1", or "Index: 5 Size: 1", had named neither).
     */
    private int model(int k) {
        return ModelIndex.checked(k, epochs.length, "of a training result of");
    }

    @Override
    public double[] learningRates() {
        return learningRates.clone();
    }

    /** Equal when every part is: the arrays by their values (as {@link Double#equals}), not their identities. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingResult r && parameters.equals(r.parameters) && Arrays.equals(epochs, r.epochs)
                && stopReasons.equals(r.stopReasons) && Arrays.equals(finalLoss, r.finalLoss)
                && Arrays.equals(finalGradientNorm, r.finalGradientNorm)
                && Arrays.equals(initialGradientNorm, r.initialGradientNorm)
                && Arrays.equals(learningRates, r.learningRates) && Arrays.equals(stepHalvings, r.stepHalvings)
                && history.equals(r.history) && Arrays.equals(ownScaleRelativeNorm, r.ownScaleRelativeNorm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parameters, Arrays.hashCode(epochs), stopReasons, Arrays.hashCode(finalLoss),
                Arrays.hashCode(finalGradientNorm), Arrays.hashCode(initialGradientNorm),
                Arrays.hashCode(learningRates), Arrays.hashCode(stepHalvings), history,
                Arrays.hashCode(ownScaleRelativeNorm));
    }

    /** The per-model figures (the arrays' values, not their identities) and the shape of the parameters. */
    @Override
    public String toString() {
        double[] relative = IntStream.range(0, epochs.length).mapToDouble(this::relativeGradientNorm).toArray();
        return "TrainingResult[" + parameters + ", epochs=" + Arrays.toString(epochs) + ", stopReasons="
                + stopReasons + ", finalLoss=" + Arrays.toString(finalLoss) + ", relativeGradientNorm="
                + Arrays.toString(relative) + ", learningRates=" + Arrays.toString(learningRates)
                + ", stepHalvings=" + Arrays.toString(stepHalvings) + ", history=" + history.size() + " points]";
    }
}
