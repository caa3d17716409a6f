package dev.ridgeline.train;

import dev.ridgeline.engine.Problem;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Settings for {@link Trainer}. Defaults: full-batch GD, learning rate from the Lipschitz estimate,
 * no momentum, 10,000 epochs at most, stop when {@code |g| <= 1e-7 |g_0|}, zero initialisation, seed 42; SGD cuts
 * its step in half after 10 loss reads without a new best training loss, and stops at the fifth such plateau.
 *
 * @param learningRate the step size, or NaN for automatic (1 / L, L by the Lanczos iteration)
 * @param perModelLearningRates one step size per model of the batch (overrides learningRate), or null
 * @param batchSize rows per mini-batch for SGD (ignored by GD)
 * @param tolerance stop a model when its gradient norm falls to {@code tolerance} times its initial norm
 * @param monitorEvery epochs between loss reads; 0 lets the backend choose
 * @param divergenceFactor a loss above this multiple of the starting loss counts as divergence (>= 1; infinity:
 *     only a NaN or infinite loss does, while training; a run that ends above its starting loss, twice it for
 *     SGD, has diverged whatever the factor)
 * @param listener called at each loss read; {@link TrainingListener#NONE} for none
 * @param validation rows for early stopping (same features, one model per trained model), or null
 * @param patience stop a model after this many loss reads without a new best validation loss; 0 = off
 * @param timeLimit wall-clock budget of one {@link Trainer#train} call, checked at each loss read; null = none
 * @param plateauReads SGD only: loss reads without a new best training loss after which the step is halved
 *     (the fifth such plateau stops the model, {@link StopReason#PLATEAU}); 0 keeps the step constant
 */
public record TrainerConfig(
        Solver solver,
        int maxEpochs,
        double learningRate,
        int batchSize,
        double momentum,
        boolean nesterov,
        double tolerance,
        Initialization initialization,
        long seed,
        int monitorEvery,
        double divergenceFactor,
        boolean continueOnDivergence,
        TrainingListener listener,
        double[] perModelLearningRates,
        Problem validation,
        int patience,
        Duration timeLimit,
        int plateauReads) {

    public TrainerConfig {
        // Settings the trainer reads without checking: null, NaN or negative ones would misbehave silently
        // (null solver ran SGD, NaN divergence factor never fired) or fail mid-run (null listener).
        if (solver == null) {
            throw new IllegalArgumentException("solver must be gd, sgd or exact, got null");
        }
        if (initialization == null) {
            throw new IllegalArgumentException("initialization must be given, got null");
        }
        if (listener == null) {
            throw new IllegalArgumentException("listener must be given (TrainingListener.NONE for none), got null");
        }
        if (monitorEvery < 0) {
            throw new IllegalArgumentException("monitorEvery must be >= 0 (0 lets the backend choose), got "
                    + monitorEvery);
        }
        if (!(divergenceFactor >= 1)) {
            throw new IllegalArgumentException("divergence factor must be >= 1 (a loss above this multiple of the "
                    + "starting loss counts as divergence), got " + divergenceFactor);
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + maxEpochs);
        }
        if (!Double.isNaN(learningRate) && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learning rate must be a positive number or auto, got " + learningRate);
        }
        if (perModelLearningRates != null) {
            if (perModelLearningRates.length == 0) {
                // Refused here, not at train time as "0 learning rates for K models".
                throw new IllegalArgumentException("learning rates: give one per model, or autoLearningRate(), got none");
            }
            perModelLearningRates = perModelLearningRates.clone();
            for (double a : perModelLearningRates) {
                if (!(a > 0 && Double.isFinite(a))) {
                    throw new IllegalArgumentException("learning rate must be a positive number, got " + a);
                }
            }
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            // Relative to the starting gradient norm: at 1 or more the first loss read already "converged".
            throw new IllegalArgumentException("tolerance must be in [0, 1) (a share of the starting gradient norm), got "
                    + tolerance);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        if (patience > 0 && validation == null) {
            throw new IllegalArgumentException("early stopping (patience " + patience + ") needs validation rows");
        }
        if (patience == 0 && validation != null) {
            // The rows had been dropped without a word: patience 0 turns early stopping off.
            throw new IllegalArgumentException("validation rows with patience 0, which turns early stopping off: give a"
                    + " patience of 1 or more, or no validation rows");
        }
        if (plateauReads < 0) {
            throw new IllegalArgumentException("plateau reads must be >= 0 (0 keeps the SGD step constant), got "
                    + plateauReads);
        }
        if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
            throw new IllegalArgumentException("time limit must be positive, got " + timeLimit);
        }
        if (timeLimit != null && solver == Solver.EXACT) {
            // Accepted, it was silently ignored: the solve has no partial result to stop with.
            throw new IllegalArgumentException("the exact solver takes no time limit (it has no partial result to "
                    + "keep); interrupt its thread to stop it");
        }
        if (patience > 0 && solver == Solver.EXACT) {
            // Accepted, it was silently ignored as the time limit was: the solve has no epochs to stop between.
            throw new IllegalArgumentException("the exact solver takes no early stopping (it has no epochs to stop "
                    + "between); drop earlyStopping or choose a gradient solver");
        }
    }

    /** True when training stops each model on its validation loss. */
    public boolean earlyStopping() {
        return patience > 0;
    }

    /** A builder holding these settings, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.solver = solver;
        b.maxEpochs = maxEpochs;
        b.learningRate = learningRate;
        b.batchSize = batchSize;
        b.momentum = momentum;
        b.nesterov = nesterov;
        b.tolerance = tolerance;
        b.initialization = initialization;
        b.seed = seed;
        b.monitorEvery = monitorEvery;
        b.divergenceFactor = divergenceFactor;
        b.continueOnDivergence = continueOnDivergence;
        b.listener = listener;
        b.perModelLearningRates = perModelLearningRates;
        b.validation = validation;
        b.patience = patience;
        b.timeLimit = timeLimit;
        b.plateauReads = plateauReads;
        return b;
    }

    /** A builder with the defaults of the class comment. */
    public static Builder builder() {
        return new Builder();
    }

    /** True when the step size comes from the Lipschitz estimate (no fixed rate, no per-model rates). */
    public boolean autoLearningRate() {
        return perModelLearningRates == null && Double.isNaN(learningRate);
    }

    /** A copy of the per-model step sizes, or null when one rate (or the automatic one) serves every model. */
    @Override
    public double[] perModelLearningRates() {
        return perModelLearningRates == null ? null : perModelLearningRates.clone();
    }

    /**
     * Equal settings, the per-model rates compared by value: a record compares an array by identity, so two
     * configs built alike, or one and its {@code toBuilder().build()}, were unequal.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof TrainerConfig c && solver == c.solver && maxEpochs == c.maxEpochs
                && Double.compare(learningRate, c.learningRate) == 0 && batchSize == c.batchSize
                && Double.compare(momentum, c.momentum) == 0 && nesterov == c.nesterov
                && Double.compare(tolerance, c.tolerance) == 0 && initialization.equals(c.initialization)
                && seed == c.seed && monitorEvery == c.monitorEvery
                && Double.compare(divergenceFactor, c.divergenceFactor) == 0
                && continueOnDivergence == c.continueOnDivergence && listener.equals(c.listener)
                && Arrays.equals(perModelLearningRates, c.perModelLearningRates)
                && Objects.equals(validation, c.validation) && patience == c.patience
                && Objects.equals(timeLimit, c.timeLimit) && plateauReads == c.plateauReads;
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(solver, maxEpochs, learningRate, batchSize, momentum, nesterov, tolerance,
                initialization, seed, monitorEvery, divergenceFactor, continueOnDivergence, listener, validation,
                patience, timeLimit, plateauReads) + Arrays.hashCode(perModelLearningRates);
    }

    /** The settings, the per-model rates by value (a record prints an array's identity). */
    @Override
    public String toString() {
        return "TrainerConfig[solver=" + solver + ", maxEpochs=" + maxEpochs + ", learningRate=" + learningRate
                + ", batchSize=" + batchSize + ", momentum=" + momentum + ", nesterov=" + nesterov + ", tolerance="
                + tolerance + ", initialization=" + initialization + ", seed=" + seed + ", monitorEvery="
                + monitorEvery + ", divergenceFactor=" + divergenceFactor + ", continueOnDivergence="
                + continueOnDivergence + ", listener=" + listener + ", perModelLearningRates="
                + Arrays.toString(perModelLearningRates) + ", validation=" + validation + ", patience=" + patience
                + ", timeLimit=" + timeLimit + ", plateauReads=" + plateauReads + "]";
    }

    /** Fluent construction with the defaults above. */
    public static final class Builder {
        private Solver solver = Solver.GD;
        private int maxEpochs = 10_000;
        private double learningRate = Double.NaN;
        private int batchSize = 32;
        private double momentum;
        private boolean nesterov;
        private double tolerance = 1e-7;
        private Initialization initialization = Initialization.zeros();
        private long seed = 42;
        private int monitorEvery;
        private double divergenceFactor = 1e6;
        private boolean continueOnDivergence;
        private TrainingListener listener = TrainingListener.NONE;
        private double[] perModelLearningRates;
        private Problem validation;
        private int patience;
        private Duration timeLimit;
        private int plateauReads = 10;

        /** Full-batch gradient descent (default), mini-batch SGD, or the exact solve of the normal equations. */
        public Builder solver(Solver s) {
            solver = s;
            return this;
        }

        /** The most epochs (passes over the rows) a model runs, >= 1; default 10,000. */
        public Builder maxEpochs(int e) {
            maxEpochs = e;
            return this;
        }

        /**
         * A fixed step size for every model (NaN means automatic, as {@link #autoLearningRate}); clears per-model
         * rates set before, so that the last call decides (after {@code learningRates}, NaN had left them set).
         */
        public Builder learningRate(double lr) {
            learningRate = lr;
            perModelLearningRates = null;
            return this;
        }

        /**
         * The automatic step size, the default: 1 / L per model, L the largest curvature of its objective by the
         * Lanczos iteration; for sgd, 1 / (2 L_b) for its batch size ({@code MiniBatchRates}), times 1 - momentum.
         * Clears a fixed rate or per-model rates set before.
         * The rates used are in {@link TrainingResult#learningRates()}.
         */
        public Builder autoLearningRate() {
            learningRate = Double.NaN;
            perModelLearningRates = null;
            return this;
        }

        /** One fixed step size per model of the batch (model k uses rates[k]). */
        public Builder learningRates(double... rates) {
            perModelLearningRates = rates;
            return this;
        }

        /** Rows per mini-batch for {@link Solver#SGD}, >= 1; default 32. Full-batch solvers ignore it. */
        public Builder batchSize(int b) {
            batchSize = b;
            return this;
        }

        /** Momentum mu in [0, 1), default 0 ({@link dev.ridgeline.engine.StepRule}: v = mu v + g). */
        public Builder momentum(double mu) {
            momentum = mu;
            return this;
        }

        /** Nesterov's form of momentum; with momentum 0 it changes nothing. */
        public Builder nesterov(boolean on) {
            nesterov = on;
            return this;
        }

        /** Stop a model once its gradient norm is at most {@code tol} times its initial one; default 1e-7. */
        public Builder tolerance(double tol) {
            tolerance = tol;
            return this;
        }

        /** The parameters training starts from: zeros (default) or small seeded random values. */
        public Builder initialization(Initialization init) {
            initialization = init;
            return this;
        }

        /**
         * Seed of SGD's shuffles and of the step size's estimate (its start vector); default 42. Same seed,
         * same result. A random initialisation has its own seed ({@link Initialization#random}).
         */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /** Epochs between loss reads, >= 0; 0 (the default) lets the backend choose. */
        public Builder monitorEvery(int epochs) {
            monitorEvery = epochs;
            return this;
        }

        /** A loss above {@code f} (>= 1, default 1e6) times the starting loss counts as divergence. */
        public Builder divergenceFactor(double f) {
            divergenceFactor = f;
            return this;
        }

        /** Freeze a diverged model and go on with the others instead of throwing (tuning uses this). */
        public Builder continueOnDivergence(boolean on) {
            continueOnDivergence = on;
            return this;
        }

        /** Told of the epoch and losses at every loss read (progress bars, logs); default none. */
        public Builder listener(TrainingListener l) {
            listener = l;
            return this;
        }

        /**
         * Early stopping: after each loss read, the validation loss (data term only, no penalty) of every model
         * is computed; a model stops after {@code patience} reads without a new best, and its parameters are
         * reset to the best ones seen. The validation problem has one model per trained model, usually its
         * target with weights null and the same lambda (the lambda is not used).
         */
        public Builder earlyStopping(Problem validationRows, int patienceReads) {
            validation = validationRows;
            patience = patienceReads;
            return this;
        }

        /**
         * Stop every model still training once this much wall-clock time has passed since
         * {@link Trainer#train} began (stop reason TIME_LIMIT, parameters as of the last loss read). It is
         * checked at each loss read, so full-batch GD can overshoot by one monitoring interval ({@link
         * #monitorEvery}); SGD also checks after every mini-batch and then reads the loss at once, so it
         * overshoots by one mini-batch and one loss read.
         * A limit of 100 years or more ({@code ChronoUnit.FOREVER.getDuration()}) is no limit, as null is.
         */
        public Builder timeLimit(Duration limit) {
            timeLimit = limit;
            return this;
        }

        /**
         * SGD's step schedule: after {@code reads} loss reads without a new best training loss (by 1e-5 of it)
         * the step is halved, and the fifth such plateau stops the model ({@link StopReason#PLATEAU});
         * 0 keeps the step constant, so that SGD stops only on the gradient norm, early stopping, or the epoch
         * limit. Default 10. Full-batch GD, whose loss falls at every step, ignores it.
         */
        public Builder plateauReads(int reads) {
            plateauReads = reads;
            return this;
        }

        /** The settings; checks them all ({@link IllegalArgumentException} naming the first bad one). */
        public TrainerConfig build() {
            return new TrainerConfig(solver, maxEpochs, learningRate, batchSize, momentum, nesterov, tolerance,
                    initialization, seed, monitorEvery, divergenceFactor, continueOnDivergence, listener,
                    perModelLearningRates, validation, patience, timeLimit, plateauReads);
        }
    }
}
