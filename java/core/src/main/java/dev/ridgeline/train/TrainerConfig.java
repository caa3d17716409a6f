package dev.ridgeline.train;

/**
 * Settings for {@link Trainer}. Defaults: full-batch GD, learning rate from the Lipschitz estimate,
 * no momentum, 10,000 epochs at most, stop when |g| <= 1e-7 |g_0|, zero initialisation, seed 42.
 *
 * @param learningRate the step size, or NaN for automatic (1 / L, L from power iteration)
 * @param perModelLearningRates one step size per model of the batch (overrides learningRate), or null
 * @param batchSize rows per mini-batch for SGD (ignored by GD)
 * @param tolerance stop a model when its gradient norm falls to {@code tolerance} times its initial norm
 * @param monitorEvery epochs between loss reads; 0 lets the backend choose
 * @param divergenceFactor a loss above this multiple of the starting loss counts as divergence
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
        double[] perModelLearningRates) {

    public TrainerConfig {
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + maxEpochs);
        }
        if (!Double.isNaN(learningRate) && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learning rate must be a positive number or auto, got " + learningRate);
        }
        if (perModelLearningRates != null) {
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
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean autoLearningRate() {
        return perModelLearningRates == null && Double.isNaN(learningRate);
    }

    @Override
    public double[] perModelLearningRates() {
        return perModelLearningRates == null ? null : perModelLearningRates.clone();
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

        public Builder solver(Solver s) {
            solver = s;
            return this;
        }

        public Builder maxEpochs(int e) {
            maxEpochs = e;
            return this;
        }

        /** A fixed step size; NaN means automatic. */
        public Builder learningRate(double lr) {
            learningRate = lr;
            return this;
        }

        /** One fixed step size per model of the batch (model k uses rates[k]). */
        public Builder learningRates(double... rates) {
            perModelLearningRates = rates;
            return this;
        }

        public Builder batchSize(int b) {
            batchSize = b;
            return this;
        }

        public Builder momentum(double mu) {
            momentum = mu;
            return this;
        }

        public Builder nesterov(boolean on) {
            nesterov = on;
            return this;
        }

        public Builder tolerance(double tol) {
            tolerance = tol;
            return this;
        }

        public Builder initialization(Initialization init) {
            initialization = init;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder monitorEvery(int epochs) {
            monitorEvery = epochs;
            return this;
        }

        public Builder divergenceFactor(double f) {
            divergenceFactor = f;
            return this;
        }

        /** Freeze a diverged model and go on with the others instead of throwing (tuning uses this). */
        public Builder continueOnDivergence(boolean on) {
            continueOnDivergence = on;
            return this;
        }

        public Builder listener(TrainingListener l) {
            listener = l;
            return this;
        }

        public TrainerConfig build() {
            return new TrainerConfig(solver, maxEpochs, learningRate, batchSize, momentum, nesterov, tolerance,
                    initialization, seed, monitorEvery, divergenceFactor, continueOnDivergence, listener,
                    perModelLearningRates);
        }
    }
}
