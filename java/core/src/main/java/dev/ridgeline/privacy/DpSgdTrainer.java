package dev.ridgeline.privacy;

import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.ClippedGradientStep;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;
import java.util.random.RandomGenerator;

/**
 * DP-SGD for one ridge model (Abadi et al. 2016). Per step: Poisson-sample rows with rate q; sum the
 * example data gradients w_i r_i [x_i, 1], each clipped to norm C (on the backend, through
 * {@link ClippedGradientStep}); add N(0, sigma^2 C^2) noise to each of the n + 1 sums; divide by the
 * expected batch weight q W; add the L2 term lambda/W theta (data-independent, no noise); take a plain
 * gradient step. Privacy is accounted with the RDP accountant over ceil(epochs / q) steps.
 *
 * <p>Only single-model problems are accepted: K models trained on the same rows would each spend the
 * privacy budget, and the report would understate the total.
 *
 * <p>Row weights: each example's weighted gradient is still clipped to C, but every step divides by q W,
 * and the accounting takes W, the total weight, as public, as it takes the row count N (W = N without
 * weights). With weights W is a figure of the data that the guarantee does not cover; {@code ridgeline train}
 * therefore refuses {@code --weights} with {@code --dp}. Pass weights here only when their total is public.
 */
public final class DpSgdTrainer {
    private final DpSgdConfig config;

    /**
     * A trainer with {@code config}'s settings.
     *
     * @throws NullPointerException when config is null
     */
    public DpSgdTrainer(DpSgdConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Binds {@code problem} on {@code backend}, trains from zero, releases the binding.
     *
     * @throws NullPointerException when backend or problem is null
     * @throws IllegalArgumentException when the problem has more than one model
     * @throws UnsupportedOperationException when the backend's bound problem lacks per-example clipping
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (checked before each
     *     step); its interrupt status stays set
     */
    public DpSgdResult train(Backend backend, Problem problem) {
        return train(backend, problem, done -> { });
    }

    /**
     * {@link #train(Backend, Problem)}, telling {@code stepsDone} the count of steps taken after each step (a
     * progress display; it sees no value of the private rows, only the count the configuration fixes).
     *
     * @throws NullPointerException when backend, problem or stepsDone is null
     * @throws IllegalArgumentException as {@link #train(Backend, Problem)}
     * @throws UnsupportedOperationException as {@link #train(Backend, Problem)}
     * @throws java.util.concurrent.CancellationException as {@link #train(Backend, Problem)}
     */
    public DpSgdResult train(Backend backend, Problem problem, LongConsumer stepsDone) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(stepsDone, "stepsDone");
        Objects.requireNonNull(problem, "problem");
        if (problem.models() != 1) {
            throw new IllegalArgumentException("DP-SGD trains one model at a time, the problem has " + problem.models());
        }
        try (BoundProblem bound = backend.bind(problem)) {
            if (!(bound instanceof ClippedGradientStep clipped)) {
                throw new UnsupportedOperationException("backend " + backend.name() + " does not support DP-SGD"
                        + " (it lacks per-example clipping); use --backend java-scalar");
            }
            return run(bound, clipped, stepsDone);
        }
    }

    /**
     * The DP-SGD steps on model 0 of the bound problem (m rows, n features). Per step: a Poisson batch, its
     * clipped sums g (n + 1: the n coefficients' sums, then the intercept's), Gaussian noise of standard
     * deviation noise multiplier x C added to each sum used (the intercept's only when it is fitted), divided by
     * the expected batch weight, and the L2 term lambda / W on theta (n); theta and the bias are held in double
     * here and uploaded after each step.
     */
    private DpSgdResult run(BoundProblem bound, ClippedGradientStep clipped, LongConsumer stepsDone) {
        Problem problem = bound.problem();
        int n = problem.features();
        RandomGenerator random = config.secureRandom() ? new SecureRandom() : new SplittableRandom(config.seed());
        PoissonSampler sampler = new PoissonSampler(problem.rows(), config.samplingRate(), random);
        double expectedWeight = config.samplingRate() * problem.totalWeight(0);
        double noiseStd = config.noiseMultiplier() * config.clipNorm();
        double[] theta = new double[n];
        double bias = 0;
        long steps = config.steps();
        long rowsSeen = 0;
        long rowsClipped = 0;
        bound.setParameters(Parameters.zeros(1, n));
        for (long s = 0; s < steps; s++) {
            if (Thread.currentThread().isInterrupted()) {
                // No partial model: one that stopped early would carry less privacy cost than the run asked
                // for, and a caller that cancelled wants no result. The status stays set for the caller.
                throw new CancellationException("DP-SGD was interrupted after " + s + " of " + steps + " steps");
            }
            RowBatch batch = sampler.next();
            ClippedGradientStep.ClippedSum sum = clipped.clippedGradientSum(batch, config.clipNorm());
            double[] g = sum.sums()[0];
            rowsSeen += batch.size();
            rowsClipped += sum.clippedRows()[0];
            double l2 = problem.lambda(0) / problem.totalWeight(0);
            for (int j = 0; j < n; j++) {
                double noisy = g[j] + noiseStd * random.nextGaussian();
                theta[j] -= config.learningRate() * (noisy / expectedWeight + l2 * theta[j]);
            }
            if (problem.fitIntercept()) {
                bias -= config.learningRate() * (g[n] + noiseStd * random.nextGaussian()) / expectedWeight;
            }
            bound.setParameters(new Parameters(new double[][] {theta}, new double[] {bias}));
            stepsDone.accept(s + 1);
        }
        double meanBatch = steps == 0 ? 0 : (double) rowsSeen / steps;
        double clippedFraction = rowsSeen == 0 ? 0 : (double) rowsClipped / rowsSeen;
        return new DpSgdResult(bound.parameters(), privacySpent(steps), steps, meanBatch, clippedFraction);
    }

    /**
     * (epsilon, delta) of the configured run; epsilon is infinite without noise.
     *
     * @throws IllegalArgumentException when steps is negative and the noise multiplier is not 0
     */
    public PrivacySpent privacySpent(long steps) {
        if (config.noiseMultiplier() == 0) {
            return new PrivacySpent(Double.POSITIVE_INFINITY, config.delta(), Double.NaN);
        }
        return new RdpAccountant(RdpAccountant.defaultOrders(), config.conversion())
                .step(config.samplingRate(), config.noiseMultiplier(), steps)
                .spent(config.delta());
    }
}
