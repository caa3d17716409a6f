package dev.ridgeline.cli;

import dev.ridgeline.data.DataException;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BackendChoice;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.privacy.DeltaAdvice;
import dev.ridgeline.privacy.DpSgdConfig;
import dev.ridgeline.privacy.DpSgdResult;
import dev.ridgeline.privacy.DpSgdTrainer;
import dev.ridgeline.privacy.NoiseSolver;
import dev.ridgeline.privacy.RdpAccountant;
import dev.ridgeline.privacy.RdpConversion;
import dev.ridgeline.train.DivergenceException;
import dev.ridgeline.train.History;
import dev.ridgeline.train.StopReason;
import dev.ridgeline.train.TrainingListener;
import dev.ridgeline.train.TrainingResult;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code train --dp}: the pipeline's fit step replaced by DP-SGD on the same preprocessed training rows, on the
 * backend that {@code --backend} chooses (java-scalar, java-vector and cuda all clip per example). After
 * {@link #fit} the DP settings and the accountant's result are kept for the report and the model card.
 */
final class DpFit implements FitStep {
    private final ResponsibleOptions options;
    private final long seed;
    private DpSgdConfig config;
    private DpSgdResult result;
    private int rows;
    /** The warning when the run ended above its starting loss, else null (after {@link #fit}). */
    private String lossRose;

    DpFit(ResponsibleOptions options, long seed) {
        this.options = options;
        this.seed = seed;
    }

    @Override
    public Fitted fit(TrainingRows rows) {
        ResponsibleOptions o = options;
        int m = rows.rows();
        this.rows = m;
        if (o.dpBatch < 1 || o.dpBatch > m) {
            boolean byDefault = o.dpBatch == ResponsibleOptions.DEFAULT_DP_BATCH;
            throw new DataException("--dp-batch must be in [1, " + m + "] (the training rows), got " + o.dpBatch
                    + (byDefault ? " (the default): give --dp-batch " + Math.max(1, m / 10) + ", or another size in range"
                    : ""));
        }
        double q = DpSgdConfig.rateFor(o.dpBatch, m);
        double steps = o.dpEpochs / q;
        if (!(steps <= RdpAccountant.MAX_STEPS)) {
            // Checked here to name the options: the library's check says "DP epochs ... at sampling rate q".
            throw new DataException(String.format(java.util.Locale.ROOT, "--dp-epochs %s with --dp-batch %d of %d "
                    + "training rows (sampling rate %.4g) are %.3g steps, more than the accountant counts (2^53): give"
                    + " fewer --dp-epochs or a larger --dp-batch", o.dpEpochs, o.dpBatch, m, q, steps));
        }
        double sigma = o.dpEpsilon != null
                ? NoiseSolver.noiseFor(o.dpEpsilon, m, o.dpBatch, o.dpEpochs, o.dpDelta, RdpConversion.IMPROVED)
                : (o.dpNoise != null ? o.dpNoise : 1.0);
        config = new DpSgdConfig(q, sigma, o.dpClip, o.dpEpochs, o.dpLr, o.dpDelta, seed, o.dpSecure(),
                RdpConversion.IMPROVED);
        Problem problem = rows.problem(null);
        // Every backend implements the per-example clipped sum, so auto chooses as for plain training.
        BackendChoice choice = Backends.select(rows.backend());
        Backend chosen = choice.backend();
        String reason = choice.reason();
        result = new DpSgdTrainer(config).train(chosen, problem, epochsOf(config, rows.config().listener()));
        requireFinite(result, config);
        double loss;
        double start;
        try (BoundProblem bound = new ScalarBackend().bind(problem)) {
            bound.setParameters(result.parameters());
            loss = bound.loss()[0];
            if (!Double.isFinite(loss)) {
                // Parameters finite but so large that their predictions overflow: no model either.
                throw diverged(result, config, "the training loss overflowed");
            }
            bound.setParameters(Parameters.zeros(1, problem.features()));
            start = bound.loss()[0];
        }
        // The starting loss is half the training targets' mean square, a statistic of the private rows beyond the
        // training loss the docs list as not covered: compared, not quoted.
        // A step's noise (std sigma C) against the most its clipped sum can hold (B C): from sigma = B on, the noise
        // outweighs every gradient, and a smaller rate or clip scales both alike.
        double noiseShare = config.noiseMultiplier() / o.dpBatch;
        lossRose = loss > start ? String.format(Locale.ROOT, "DP-SGD ended at a training loss of %.6g, above that of"
                + " its starting point (all parameters 0): the model is worse than predicting 0; try a smaller --dp-lr"
                + " or --dp-clip%s", loss, noiseShare < 1 ? "" : String.format(Locale.ROOT, "; the noise of a step "
                + "(std %.3g x the clipping norm) outweighs the sum of its clipped gradients (at most the batch, %d, "
                + "x the clipping norm): lower --dp-noise (a larger epsilon) or raise --dp-batch",
                config.noiseMultiplier(), o.dpBatch)) : null;
        TrainingResult training = new TrainingResult(result.parameters(), new int[] {(int) Math.ceil(o.dpEpochs)},
                List.of(StopReason.MAX_EPOCHS), new double[] {loss}, new double[] {Double.NaN}, new double[] {Double.NaN},
                new double[] {o.dpLr}, new History());
        return new Fitted(training, chosen.name(), reason);
    }

    /**
     * The listener told of the epochs done (steps x the sampling rate) when that whole count moves, so that a DP
     * run, which may take hours, shows its progress as plain training does; with no loss (none is computed).
     */
    private static java.util.function.LongConsumer epochsOf(DpSgdConfig c, TrainingListener listener) {
        int epochs = (int) Math.min(Integer.MAX_VALUE, Math.ceil(c.epochs()));
        long steps = c.steps();
        long[] shown = {0};
        return done -> {
            long epoch = done == steps ? epochs : (long) Math.min(epochs, done * c.samplingRate());
            if (epoch != shown[0]) {
                shown[0] = epoch;
                listener.onProgress((int) epoch, epochs, new double[] {Double.NaN});
            }
        };
    }

    /**
     * DP-SGD has no loss to watch while it runs, so a step too large shows only at the end, as parameters that
     * overflowed: that is a diverged run (exit code 4), not a model to refuse later as invalid.
     */
    private static void requireFinite(DpSgdResult result, DpSgdConfig c) {
        Parameters p = result.parameters();
        if (!Double.isFinite(p.bias(0)) || !Arrays.stream(p.theta(0)).allMatch(Double::isFinite)) {
            throw diverged(result, c, "the parameters overflowed (NaN or infinite)");
        }
    }

    /**
     * The step moves by the learning rate times the clipped sum plus noise of std sigma x C: a huge noise overflows
     * whatever the rate, and "the rate is too large" alone sent users after the wrong setting.
     */
    private static DivergenceException diverged(DpSgdResult result, DpSgdConfig c, String what) {
        double noiseStd = c.noiseMultiplier() * c.clipNorm();
        return new DivergenceException(String.format(Locale.ROOT, "DP-SGD diverged: after %d steps %s; the step, "
                + "--dp-lr %.4g times the clipped gradient sum and its noise (std --dp-noise x --dp-clip = %.4g), is "
                + "too large: try a smaller --dp-lr%s", result.steps(), what, c.learningRate(), noiseStd,
                noiseStd > 1e6 ? ", or far less noise" : ""));
    }

    @Override
    public String method() {
        return "dp-sgd";
    }

    /** The settings of the run (after {@link #fit}). */
    DpSgdConfig config() {
        return config;
    }

    /**
     * A warning when the trained model's loss is above that of its starting point (after {@link #fit}), else
     * null. DP-SGD watches no loss while it runs, so a step too large shows only here, unless the parameters
     * overflowed (exit code 4); a loss of 5.6e12 had ended with exit 0 and no word.
     */
    String lossRoseWarning() {
        return lossRose;
    }

    /** A warning when --dp-delta is not below 1 / training rows, else null (after {@link #fit}). */
    String deltaWarning() {
        return DeltaAdvice.warning("--dp-delta", config.delta(), rows, "training rows");
    }

    /**
     * A warning when the noise gives no finite epsilon, else null (after {@link #fit}): --dp-noise 0, where the run
     * clips and samples as DP-SGD does but adds no noise, or a multiplier so small (1e-200) that the accountant's
     * bound overflows at every order. Either way there is no privacy guarantee (the report and card say so as
     * well); a user who gave --dp is told on the spot rather than in a field of the report.
     */
    String noNoiseWarning() {
        if (config.noiseMultiplier() == 0) {
            return "--dp-noise 0: DP-SGD without noise gives no formal privacy guarantee (no finite epsilon); the rows"
                    + " are only clipped and sampled. Give --dp-noise above 0, or --dp-epsilon, for a guarantee";
        }
        if (result.hasFiniteEpsilon()) {
            return null;
        }
        return "--dp-noise " + TrainPipeline.plain(config.noiseMultiplier()) + ": too little noise for a finite"
                + " epsilon (the accountant's bound overflows at every order), so no formal privacy guarantee. Give a"
                + " larger --dp-noise, or --dp-epsilon, for a guarantee";
    }

    /** A clipped share at or above this says the clipping norm, not the data, sets the steps. */
    static final double MOSTLY_CLIPPED = 0.99;

    /**
     * A warning when nearly every example gradient was clipped, else null (after {@link #fit}). Then each step
     * moves the model by about --dp-lr x C at most, so with the defaults (C = 1, targets of order 100) the
     * fit ends far from any fit (diabetes: R2 -3.95). The share is printed in the report anyway, so this
     * reveals nothing more.
     */
    String clippingWarning() {
        if (!(result.clippedFraction() >= MOSTLY_CLIPPED)) {
            return null;
        }
        return String.format(Locale.ROOT, "%.1f%% of example gradients were clipped at --dp-clip %s: each step then "
                + "moves the model by at most about --dp-lr x C, so it may end far from a fit; raise --dp-clip towards "
                + "a typical example gradient's norm (docs/responsible.md)", 100 * result.clippedFraction(),
                TrainPipeline.plain(config.clipNorm()));
    }

    /** The accountant's outcome (after {@link #fit}). */
    DpSgdResult result() {
        return result;
    }
}
