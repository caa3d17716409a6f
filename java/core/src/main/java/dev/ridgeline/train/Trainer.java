package dev.ridgeline.train;

import dev.ridgeline.data.Shuffles;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.PassStats;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.engine.java.ScalarBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Trains a batch of K models on a bound problem: full-batch gradient descent, mini-batch SGD with
 * seeded shuffling, or the exact solver; momentum and Nesterov; stops each model on its own when its
 * gradient norm falls to tolerance x its initial norm (SGD also when its loss stops falling at a step it
 * has halved four times: {@link PlateauSchedule}), and freezes it (learning rate 0) so that the models
 * still training go on as if alone.
 *
 * <p>A batch of K models gives bitwise the same result as K separate runs, each started from the parameters it
 * has in the batch ({@link Initialization} starts every model of a batch where it would start alone, from
 * zeros or from the same seeded draws), where the backend sums each model in the same order whatever K is: on java-scalar, and on java-vector without its panel copy of X
 * ({@code new VectorBackend(threads, false)}). With the copy (the default where the heap has room) its
 * full-batch passes, which also give SGD its automatic learning rate and its loss reads, may sum in another
 * order for K >= 2, and cuda runs other kernels for K >= 2: there each model agrees with its separate run
 * to rounding only (relative differences near 1e-7), and may stop at a neighbouring loss read.
 *
 * <p>For services: at each loss read the trainer also stops every model still training when the thread
 * has been interrupted (stop reason INTERRUPTED; the interrupt status stays set) or the configured time
 * limit has passed (TIME_LIMIT). SGD also looks after every mini-batch: a budget spent mid-epoch ends that
 * epoch there, and the loss read that follows counts it as run. Either way {@code train} returns normally
 * with the parameters so far: with early stopping, its best validation read so far, as at any other end of a
 * run that did not diverge ({@link History#keptEpoch} names the epoch).
 */
public final class Trainer {
    /** An SGD run ending above this multiple of its starting loss has diverged: noise does not double a loss. */
    static final double SGD_END_FACTOR = 2;
    /**
     * A full-batch run ending above its starting loss by more than this fraction of it has diverged. Less is
     * rounding: a run that barely moves (lambda 1e12 on reweighted rows, rate 3.5e-10) had ended 3.7e-10 above
     * its start on java-vector and been reported as diverged; a rate just above 2 / L grows the loss by per cents
     * an epoch.
     */
    static final double END_ROUNDING = 1e-6;
    /**
     * lambda / W at or above which a curvature that could not be estimated is put down to the penalty: float32
     * gradients hold products up to about 3.4e38, and the probe vectors of the estimate are scaled up.
     */
    public static final double HUGE_PENALTY = 1e30;

    private final TrainerConfig config;
    /**
     * What the losses of the problem as trained are multiplied by in what the trainer says (its listener's
     * figures, a divergence's message): 1 / f^2 for targets a {@link TargetShift} scaled by f, so that those
     * read in the targets' own units.
     */
    private final double lossUnit;
    /** The centring of the shift this trainer reports for (0: none), which a problem without intercept refuses. */
    private final double shiftValue;

    /**
     * A trainer with {@code config}'s solver, step rule, stopping and initialisation; it holds no data.
     *
     * @throws NullPointerException when config is null
     */
    public Trainer(TrainerConfig config) {
        this(config, 1, 0);
    }

    private Trainer(TrainerConfig config, double lossUnit, double shiftValue) {
        this.config = Objects.requireNonNull(config, "config");
        this.lossUnit = lossUnit;
        this.shiftValue = shiftValue;
    }

    /**
     * This trainer for targets that {@code shift} made: its listener and its messages give losses in the units
     * of the targets before the shift's scale (the result still needs {@link TargetShift#restore}). A shift that
     * centres the targets (c != 0) is refused at {@code train} for a problem without intercept, whose fit of
     * y - c is another model: {@link TargetShift#scaleOnly()} is the shift for it.
     *
     * @throws NullPointerException when shift is null
     */
    public Trainer reportingFor(TargetShift shift) {
        Objects.requireNonNull(shift, "shift");
        return new Trainer(config, 1 / (shift.factor() * shift.factor()), shift.value());
    }

    public TrainerConfig config() {
        return config;
    }

    /**
     * Trains from the configured initialisation; the trained parameters stay resident in {@code bound}.
     *
     * @throws NullPointerException when bound is null
     * @throws IllegalStateException when bound is closed
     * @throws IllegalArgumentException when the config's per-model learning rates are not one per model, or a centring
     *     {@link #reportingFor shift} meets a problem without intercept
     * @throws DivergenceException when gradient steps diverge (unless the config continues on divergence, which stops
     *     that model as {@code DIVERGED})
     * @throws SingularSystemException when the exact solver meets singular normal equations (unless the config
     *     continues on divergence, which stops that model as {@code SINGULAR})
     * @throws java.util.concurrent.CancellationException when the thread is interrupted during the exact solve (the
     *     interrupt status stays set); an interrupt during gradient training ends it with {@code
     *     StopReason.INTERRUPTED} instead
     */
    public TrainingResult train(BoundProblem bound) {
        return train(bound, null);
    }

    /**
     * As {@link #train(BoundProblem)}; {@code featureNames} (or null) name the offending column when the
     * exact solver meets a singular system.
     *
     * @throws IllegalArgumentException when featureNames is not one name per feature, or as {@link
     *     #train(BoundProblem)}
     * @throws NullPointerException as {@link #train(BoundProblem)}
     * @throws IllegalStateException as {@link #train(BoundProblem)}
     * @throws DivergenceException as {@link #train(BoundProblem)}
     * @throws SingularSystemException as {@link #train(BoundProblem)}, naming the column by {@code featureNames}
     * @throws java.util.concurrent.CancellationException as {@link #train(BoundProblem)}
     */
    public TrainingResult train(BoundProblem bound, List<String> featureNames) {
        return train(bound, featureNames, System.nanoTime());
    }

    /**
     * As {@link #train(BoundProblem, List)}, the time limit counted from {@code start} (System.nanoTime()):
     * {@link RidgeFitter} starts it when its fit starts, so that the preprocessing before training counts too.
     */
    TrainingResult train(BoundProblem bound, List<String> featureNames, long start) {
        Objects.requireNonNull(bound, "bound");
        Problem problem = bound.problem();
        // Every solver, not only the exact one that reads them: the names also go into the step solvers' messages.
        if (featureNames != null && featureNames.size() != problem.features()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + problem.features()
                    + " features");
        }
        if (shiftValue != 0 && !problem.fitIntercept()) {
            throw new IllegalArgumentException("targets centred by " + shiftValue + " (TargetShift) on a problem without"
                    + " intercept: restoring them would raise a bias the problem does not have, and the fit of the"
                    + " centred targets is another model; take shift.scaleOnly() for it");
        }
        if (config.solver() == Solver.EXACT) {
            return exact(bound, featureNames);
        }
        BooleanSupplier budgetSpent = budgetSpent(start);
        double[] rates = learningRates(bound, budgetSpent);
        double[] zeroNorms = null;
        if (config.initialization().random()) {
            // The tolerance's yardstick is the gradient at zero coefficients whatever the start: a random start's own
            // gradient holds the random part, far larger than the data's on columns in large units, and judged
            // against it a fit had stopped "converged" 2 % from the minimum where the zero start ends 1e-4 from it.
            bound.setParameters(Initialization.zeros().create(problem.models(), problem.features()));
            zeroNorms = norms(bound.lossAndGradient());
        }
        bound.setParameters(config.initialization().create(problem.models(), problem.features()));
        Run run = new Run(bound, rates, start, zeroNorms);
        for (int model = 0; model < rates.length; model++) {
            if (Double.isNaN(rates[model]) && !budgetSpent.getAsBoolean()) {
                run.stop(model, StopReason.DIVERGED);  // no rate (a penalty beyond float32, in a batch): see above
            }
        }
        if (estimatesRates() && budgetSpent.getAsBoolean()) {
            // Spent in the learning-rate estimate (up to 100 passes over X), or before train was called (RidgeFitter's
            // preprocessing counts against its limit, and the estimate stops at its first look): no epoch runs.
            run.checkBudget();
        }
        if (config.solver() == Solver.GD) {
            fullBatch(bound, run);
        } else {
            miniBatch(bound, run);
        }
        return run.finish(bound);
    }

    /** Whether the learning rates come from the Lipschitz estimate (not given). */
    private boolean estimatesRates() {
        return config.perModelLearningRates() == null && config.autoLearningRate();
    }

    /** True once the thread is interrupted or the time limit counted from {@code start} has passed. */
    private BooleanSupplier budgetSpent(long start) {
        long deadline = deadline(start);
        return () -> budgetReason(deadline) != null;
    }

    /**
     * Limits of this length or more are none: a service's "forever" (ChronoUnit.FOREVER's duration, days by the
     * hundred thousand) overflowed the nanosecond deadline and failed train() with an ArithmeticException, and
     * System.nanoTime() differences only compare correctly within 292 years.
     */
    static final java.time.Duration NO_LIMIT = java.time.Duration.ofDays(36_500);

    private boolean timeLimited() {
        return config.timeLimit() != null && config.timeLimit().compareTo(NO_LIMIT) < 0;
    }

    /** System.nanoTime() past which the time limit is spent (unused without a limit). */
    private long deadline(long start) {
        return timeLimited() ? start + config.timeLimit().toNanos() : 0;
    }

    /** INTERRUPTED or TIME_LIMIT when the budget is spent, else null. */
    private StopReason budgetReason(long deadline) {
        if (Thread.currentThread().isInterrupted()) {
            return StopReason.INTERRUPTED;
        }
        return timeLimited() && System.nanoTime() - deadline >= 0 ? StopReason.TIME_LIMIT : null;
    }

    /** Shapes: perModelLearningRates (K) when given, lipschitz (K); returns the rates (K). */
    private double[] learningRates(BoundProblem bound, BooleanSupplier budgetSpent) {
        int k = bound.problem().models();
        double[] rates = new double[k];
        if (config.perModelLearningRates() != null) {
            double[] given = config.perModelLearningRates();
            if (given.length != k) {
                throw new IllegalArgumentException(given.length + " learning rates for " + k + " models");
            }
            return given;
        }
        if (!config.autoLearningRate()) {
            Arrays.fill(rates, config.learningRate());
            return rates;
        }
        double[] lipschitz = LipschitzEstimator.estimate(bound, config.seed(), budgetSpent);
        if (budgetSpent.getAsBoolean()) {
            // Stopped inside the estimate: no epoch will run. A model whose estimate had settled reports its rate,
            // the others NaN ("not estimated"): a Lanczos estimate grows towards L from below, so 1 / a partial
            // one is too large a rate (2.2 x the automatic rate, above 2 / L, had been reported). SGD's rate, from
            // the smoothness of a batch, was never reached: NaN for every model (gd's 1/L had been reported).
            for (int model = 0; model < k; model++) {
                rates[model] = lipschitz[model] > 0 && config.solver() != Solver.SGD ? 1.0 / lipschitz[model]
                        : Double.NaN;
            }
            return rates;
        }
        boolean[] unestimated = new boolean[k];
        for (int model = 0; model < k; model++) {
            if (!(lipschitz[model] > 0 && lipschitz[model] < Double.POSITIVE_INFINITY)) {
                double penalty = bound.problem().lambda(model) / bound.problem().totalWeight(model);
                if (penalty >= HUGE_PENALTY && config.continueOnDivergence()) {
                    // A batch (tune's grid) goes on without this model: it fails (a NaN rate, stopped as diverged
                    // before the first step), where one lambda of the grid had stopped the whole tune.
                    unestimated[model] = true;
                    lipschitz[model] = 1;
                    continue;
                }
                if (penalty >= HUGE_PENALTY) {
                    throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the automatic learning "
                            + "rate could not be estimated%s: lambda %s is too large (lambda / W = %.3g, the curvature it "
                            + "adds, overflows the float32 gradient; a penalty this strong leaves every coefficient at 0);"
                            + " give a smaller --lambda", k > 1 ? " for model " + model : "",
                            bound.problem().lambda(model), penalty));
                }
                throw new IllegalArgumentException(CurvatureOverflow.message(bound.problem(), model, lipschitz[model]));
            }
        }
        if (config.solver() == Solver.SGD) {
            // Momentum beta makes the steady step rate / (1 - beta): at 0.99, 100x the rate chosen for plain steps,
            // which blew up. Scaled by 1 - beta, the step it settles to is the plain one (gd's 1 / L is stable
            // up to 2 (1 + beta) / L, so gd's rate stays).
            double[] sgd = MiniBatchRates.of(bound.problem(), lipschitz, config.batchSize());
            for (int model = 0; model < k; model++) {
                sgd[model] = unestimated[model] ? Double.NaN : sgd[model] * (1 - config.momentum());
            }
            return sgd;
        }
        for (int model = 0; model < k; model++) {
            rates[model] = unestimated[model] ? Double.NaN : 1.0 / lipschitz[model];
        }
        return rates;
    }

    private void fullBatch(BoundProblem bound, Run run) {
        int monitor = config.monitorEvery() > 0 ? config.monitorEvery() : bound.suggestedMonitorInterval();
        int epoch = 0;
        while (epoch < config.maxEpochs() && run.anyActive()) {
            // The first epoch runs alone so that the initial loss and gradient norm are read exactly.
            int count = epoch == 0 ? 1 : Math.min(monitor, config.maxEpochs() - epoch);
            bound.steps(run.rule(), count);
            epoch += count;
            PassStats stats = bound.lastPass();
            run.observe(epoch, epoch - 1, stats.loss(), stats.gradientNorm());
        }
    }

    /** Shapes: order (m), a permutation of the rows shuffled each epoch; a batch is order[from, min(m, from + b)). */
    private void miniBatch(BoundProblem bound, Run run) {
        int m = bound.problem().rows();
        int monitor = config.monitorEvery() > 0 ? config.monitorEvery() : 1;
        int[] order = new int[m];
        Arrays.setAll(order, i -> i);
        SplittableRandom rng = new SplittableRandom(config.seed());
        Gradient start = bound.lossAndGradient();
        run.observe(0, 0, start.loss(), norms(start));
        int batch = Math.min(config.batchSize(), m);
        for (int epoch = 1; epoch <= config.maxEpochs() && run.anyActive(); epoch++) {
            Shuffles.shuffle(order, rng);
            boolean cut = false;
            for (int from = 0, to; from < m && !cut; from = to) {
                to = Math.min(m, from + batch);
                if (config.momentum() > 0 && m - to < batch) {
                    // With momentum a short batch cannot take its share of a step by its rate: its gradient enters
                    // the velocity whole, and the velocity carries it into the steps that follow (one row left
                    // over, diabetes at batch size 63 and momentum 0.9: 1.007-1.019x the exact loss against
                    // 1.0003-1.001x at 64). The rows left over join the last batch instead, whose gradient over
                    // its own rows is unbiased as every batch's, and whose smoothness is below that of b rows.
                    to = m;
                }
                // The short last batch takes its share of a step: its gradient (an unbiased estimate, penalty
                // included) at the rate times its rows / batch. At the full rate its few rows took a whole step,
                // the last before every loss read (one row left over, diabetes at batch size 63: 1.007-1.022x the
                // exact loss against 1.0006-1.001x at 64). Scaling only its data sums instead had applied the
                // penalty ceil(m / b) times an epoch against the data's m / b: the ridge of a larger lambda.
                StepRule rule = to - from >= batch ? run.rule() : run.rule((double) (to - from) / batch);
                bound.step(rule, new RowBatch(order, from, to));
                // An epoch of small batches over many rows takes seconds: an interrupt or a spent limit ends it
                // after the batch under way, and the loss read below (which stops every model) counts it as run.
                cut = run.budgetSpent();
            }
            if (cut || epoch % monitor == 0 || epoch == config.maxEpochs()) {
                Gradient g = bound.lossAndGradient();
                run.observe(epoch, g);
            }
        }
    }

    private TrainingResult exact(BoundProblem bound, List<String> featureNames) {
        Problem problem = bound.problem();
        int k = problem.models();
        SingularSystemException[] singular = config.continueOnDivergence() ? new SingularSystemException[k] : null;
        Parameters solved = ExactSolver.solve(problem, featureNames, singular);
        bound.setParameters(solved);
        // Summed in double whatever the backend: float32 predictions of columns far from 0 (x near 1e6, spread
        // 100) cancel to a residual error the size of the residual, which had overstated java-vector's loss 2.3x.
        // One scalar pass over the rows is small beside the solve's Gram matrix.
        Gradient g = doubleLossAndGradient(problem, solved);
        History history = new History();
        history.record(0, g.loss());
        List<StopReason> reasons = new ArrayList<>();
        for (int model = 0; model < k; model++) {
            reasons.add(singular != null && singular[model] != null ? StopReason.SINGULAR : StopReason.EXACT);
        }
        return new TrainingResult(bound.parameters(), new int[k], reasons, g.loss(), norms(g), norms(g), new double[k],
                history);
    }

    /**
     * The loss and gradient at {@code p} in double (java-scalar's sums, one thread), for the exact solution: float32
     * sums had underflowed the loss of targets near 1e-25 to a fifth of its value, overflowed that of targets near
     * 1e25 to infinity, and lost the residuals of columns far from 0 to cancellation. Shapes: X (m, n), p theta
     * (K, n) and bias (K); returns loss (K), gradient theta (K, n) and bias (K).
     */
    private static Gradient doubleLossAndGradient(Problem problem, Parameters p) {
        try (BoundProblem reference = new ScalarBackend().bind(problem)) {
            reference.setParameters(p);
            return reference.lossAndGradient();
        }
    }

    /** {@code losses} times {@link #lossUnit}, a copy (the array itself when the unit is 1). Shapes: losses (K). */
    private double[] inUnits(double[] losses) {
        if (lossUnit == 1) {
            return losses;
        }
        double[] out = losses.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] *= lossUnit;
        }
        return out;
    }

    /** The gradient norm of each model. Shapes: g theta (K, n), bias (K); returns (K). */
    private static double[] norms(Gradient g) {
        double[] out = new double[g.loss().length];
        for (int k = 0; k < out.length; k++) {
            out[k] = g.norm(k);
        }
        return out;
    }

    /** Per-model state of one training run: rates, stop reasons, the initial loss and gradient norm. */
    private final class Run {
        private final double[] rates;
        private final StopReason[] reasons;
        private final int[] epochs;
        private final double[] initialLoss;
        private final double[] initialNorm;
        private final History history = new History();
        private final double[] configuredRates;
        private final BoundProblem bound;
        private final EarlyStopping early;
        /** SGD's step cuts on a loss plateau; null for GD or when turned off. */
        private final PlateauSchedule plateau;
        /** System.nanoTime() past which models stop with TIME_LIMIT; unused without a limit. */
        private final long deadline;
        private boolean started;
        /** The parameters the tolerance is measured from ({@link #ownScaleStart}): the start, or zeros for a random one. */
        private final Parameters startParameters;
        /** Per model, the gradient norm at zero coefficients, the plain test's yardstick for a random start; else null. */
        private final double[] zeroNorms;
        private OwnScaleGradient ownScales;
        private Gradient startGradient;
        /** The full gradient of the current parameters while {@link #observe(int, Gradient)} runs, else null. */
        private Gradient current;
        /** Per model, the last own-scale relative norm read (NaN until the plain test first holds). */
        private final double[] ownScaleRelative;

        /** {@code zeroNorms}: (K) the gradient norms at zero coefficients when the start is elsewhere, else null. */
        Run(BoundProblem bound, double[] rates, long start, double[] zeroNorms) {
            int k = bound.problem().models();
            this.bound = bound;
            this.zeroNorms = zeroNorms == null ? null : zeroNorms.clone();
            this.startParameters = zeroNorms == null ? bound.parameters() : Initialization.zeros().create(k,
                    bound.problem().features());
            this.ownScaleRelative = new double[k];
            Arrays.fill(ownScaleRelative, Double.NaN);
            this.deadline = deadline(start);
            this.early = config.earlyStopping()
                    ? new EarlyStopping(config.validation(), config.patience(), bound.problem()) : null;
            this.plateau = config.solver() == Solver.SGD && config.plateauReads() > 0
                    ? new PlateauSchedule(config.plateauReads(), k) : null;
            this.rates = rates.clone();
            this.configuredRates = rates.clone();
            this.reasons = new StopReason[k];
            this.epochs = new int[k];
            this.initialLoss = new double[k];
            this.initialNorm = new double[k];
        }

        StepRule rule() {
            return new StepRule(rates, config.momentum(), config.nesterov());
        }

        /** {@link #rule()} with every rate times {@code share} (with momentum, the velocity's carry too). */
        StepRule rule(double share) {
            double[] scaled = rates.clone();
            for (int k = 0; k < scaled.length; k++) {
                scaled[k] *= share;
            }
            return new StepRule(scaled, config.momentum(), config.nesterov());
        }

        /**
         * {@link #observe(int, int, double[], double[])} of the full gradient {@code g} of the current parameters,
         * read after {@code epochsDone} epochs: the own-scale test takes it rather than read it again.
         */
        void observe(int epochsDone, Gradient g) {
            current = g;
            try {
                observe(epochsDone, epochsDone, g.loss(), norms(g));
            } finally {
                current = null;
            }
        }

        /** The models' own-scale gradient measure, made when a model first meets the plain test. */
        private OwnScaleGradient ownScales() {
            if (ownScales == null) {
                ownScales = OwnScaleGradient.of(bound.problem());
            }
            return ownScales;
        }

        /**
         * |D^(-1/2) g0| of model k at {@link #startParameters} (zeros for a random start), in double (one scalar pass, made once for every model
         * when the first needs it; the start's gradient is not kept by the backends' passes).
         */
        private double ownScaleStart(int k) {
            if (startGradient == null) {
                startGradient = doubleLossAndGradient(bound.problem(), startParameters);
            }
            return ownScales().norm(startGradient, k);
        }

        boolean anyActive() {
            for (StopReason r : reasons) {
                if (r == null) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Takes the loss and gradient norm of the parameters after {@code lossEpoch} updates, when
         * {@code epochsDone} epochs have run; records them and stops models that converged or diverged. Shapes:
         * loss (K), norm (K).
         */
        void observe(int epochsDone, int lossEpoch, double[] loss, double[] norm) {
            boolean[] wasActive = new boolean[reasons.length];
            for (int k = 0; k < wasActive.length; k++) {
                wasActive[k] = reasons[k] == null;
            }
            if (!started) {
                System.arraycopy(loss, 0, initialLoss, 0, loss.length);
                System.arraycopy(zeroNorms != null ? zeroNorms : norm, 0, initialNorm, 0, norm.length);
                started = true;
            }
            history.record(lossEpoch, loss);
            // The gradient of the parameters kept, read at most once for every model that needs it: the one the
            // caller passed when it read these very parameters (SGD's loss reads), else read below.
            Gradient kept = lossEpoch == epochsDone ? current : null;
            for (int k = 0; k < rates.length; k++) {
                if (reasons[k] != null) {
                    continue;
                }
                epochs[k] = epochsDone;
                if (!Double.isFinite(loss[k]) || loss[k] > config.divergenceFactor() * Math.max(initialLoss[k], 1e-300)) {
                    diverged(k, lossEpoch, loss[k]);
                } else if (!Double.isFinite(norm[k])) {
                    // A finite loss with an infinite gradient: float32 overflowed on x_ij r_i, so the step sends the
                    // parameters to infinity. With the start's norm infinite too, "inf <= tol x inf" had read as
                    // converged, and the infinite coefficients failed later as "the coefficient of feature 'b' is
                    // Infinity", naming no cause.
                    gradientOverflow(k, lossEpoch, norm[k]);
                } else if (norm[k] <= config.tolerance() * initialNorm[k]) {
                    // A full-batch pass reports the parameters before its update: the model kept is one update
                    // further, which momentum can carry well past the minimum (one feature, beta 0.9: "converged"
                    // after 2 epochs at 16x the optimal loss). Converged only if the kept parameters are too. Plain
                    // steps need it as well: they do not raise the norm in exact arithmetic, but the float32
                    // backends' rounding had left it just above the tolerance (1.03e-7 at 1e-7) at the model kept.
                    if (lossEpoch < epochsDone) {
                        kept = kept != null ? kept : bound.lossAndGradient();
                        if (!(kept.norm(k) <= config.tolerance() * initialNorm[k])) {  // NaN too: not converged
                            continue;
                        }
                    }
                    if (ownScales().checks(k)) {
                        kept = kept != null ? kept : bound.lossAndGradient();
                        double now = ownScales().norm(kept, k);
                        double start = ownScaleStart(k);
                        // A start already at the minimum (a constant target) has nothing to fall from.
                        ownScaleRelative[k] = start > 0 ? now / start : now == 0 ? 0 : Double.POSITIVE_INFINITY;
                        if (!(ownScaleRelative[k] <= OwnScaleGradient.FACTOR * config.tolerance())) {
                            continue;
                        }
                    }
                    stop(k, StopReason.CONVERGED);
                } else if (plateau != null) {
                    followSchedule(k, loss[k]);
                }
            }
            if (early != null) {
                checkValidation(epochsDone, wasActive);
            }
            config.listener().onProgress(epochsDone, config.maxEpochs(), inUnits(loss));
            checkBudget();
        }

        /** Cuts model k's step, or stops it, when its training loss has reached a plateau. */
        private void followSchedule(int k, double loss) {
            switch (plateau.observe(k, loss)) {
                case CUT_STEP -> rates[k] /= PlateauSchedule.CUT;
                case STOP -> stop(k, StopReason.PLATEAU);
                case NONE -> { }
            }
        }

        /** Whether the thread was interrupted or the time limit has passed. */
        boolean budgetSpent() {
            return budgetReason(deadline) != null;
        }

        /** Stops the models still training when the thread was interrupted or the time limit has passed. */
        private void checkBudget() {
            StopReason reason = budgetReason(deadline);
            if (reason == null) {
                return;
            }
            for (int k = 0; k < reasons.length; k++) {
                if (reasons[k] == null) {
                    stop(k, reason);
                }
            }
        }

        /**
         * Reads the parameters back (those after {@code epochsDone} epochs), records validation losses, stops models
         * that stopped improving. A model that converged or reached a plateau at this read (it was among those
         * {@code training} before it) is measured too: its parameters now are candidates for the best.
         */
        private void checkValidation(int epochsDone, boolean[] training) {
            boolean[] measured = new boolean[reasons.length];
            for (int k = 0; k < measured.length; k++) {
                // Mini-batch runs read the start (epoch 0) too: recorded, but no candidate, as in full-batch runs,
                // whose first read follows a step; kept, it had returned the untrained start with exit 0.
                measured[k] = training[k] && reasons[k] != StopReason.DIVERGED && epochsDone > 0;
            }
            history.recordValidation(epochsDone, early.observe(bound.parameters(), measured, epochsDone));
            for (int k = 0; k < measured.length; k++) {
                if (reasons[k] == null && early.exhausted(k)) {
                    stop(k, StopReason.EARLY_STOPPED);
                }
            }
        }

        private void diverged(int k, int epoch, double loss) {
            stop(k, StopReason.DIVERGED);
            if (config.continueOnDivergence()) {
                return; // the batch goes on; what follows is the error's text only
            }
            boolean automatic = estimatesRates();
            double penalty = bound.problem().lambda(k) / bound.problem().totalWeight(k);
            // The penalty's curvature lambda / W alone makes full-batch steps grow beyond the stable limit.
            double limit = stableStepLimit();
            boolean penaltyAlone = config.solver() == Solver.GD && penalty * configuredRates[k] > limit;
            String advice = penaltyAlone ? String.format(java.util.Locale.ROOT, "; lambda %s makes it so on its own "
                    + "(rate x lambda / W = %.3g, above %.3g): give a smaller --lr or --lambda", bound.problem().lambda(k),
                    penalty * configuredRates[k], limit)
                    : ", try a smaller --lr" + (config.momentum() > 0 ? " or --momentum" : "")
                            + (automatic ? "" : alternativeToGivenRate());
            double now = loss * lossUnit;
            double start = initialLoss[k] * lossUnit;
            String[] shown = Double.isFinite(now) ? apart(now, start)
                    : new String[] {now + " (overflowed)", String.format(java.util.Locale.ROOT, "%.4g", start)};
            String message = String.format(java.util.Locale.ROOT,
                    "training diverged at epoch %d%s: loss %s, up from %s at the start; the %slearning rate "
                            + "%.4g is too large%s",
                    epoch, rates.length > 1 ? " (model " + k + ")" : "", shown[0], shown[1],
                    automatic ? "automatic " : "", configuredRates[k], advice);
            throw new DivergenceException(message);
        }

        /**
         * What else a diverged given rate can do: " (or --lr auto)", unless the features are too large for it, where
         * scaling them is the remedy: a column near 1e37 had been sent to --lr auto, whose float32 curvature sums
         * overflow from about 1e15, and at 1e10 its rate, 5e-21, left a column of unit size untrained after 10,000
         * epochs. Below 1e9 the automatic rate runs; where the features' scales differ widely it is slow, and the
         * run's own warnings then name scaling. One pass over X, on the way to an error.
         */
        private String alternativeToGivenRate() {
            return FeatureScale.alternativeToGivenRate(FeatureScale.largest(bound.problem().x()), " (or --lr auto)");
        }

        /** Stops model k, whose gradient overflowed float32 at {@code epoch}; throws unless the batch goes on. */
        private void gradientOverflow(int k, int epoch, double norm) {
            stop(k, StopReason.DIVERGED);
            if (!config.continueOnDivergence()) {
                throw new DivergenceException(CurvatureOverflow.gradientMessage(bound.problem(), k, epoch, norm));
            }
        }

        /**
         * The largest rate x curvature for which full-batch steps on a quadratic do not grow: 2 for plain
         * steps, 2 (1 + beta) with heavy-ball momentum beta, 2 (1 + beta) / (1 + 2 beta) with Nesterov's.
         */
        private double stableStepLimit() {
            double beta = config.momentum();
            return config.nesterov() ? 2 * (1 + beta) / (1 + 2 * beta) : 2 * (1 + beta);
        }

        /**
         * Stops as diverged every model that took steps and ended above the loss it started from (see {@link
         * #finish}). Shapes: g.loss() (K).
         */
        private void failClimbs(Gradient g) {
            for (int k = 0; k < reasons.length; k++) {
                boolean stepping = reasons[k] == null || reasons[k] == StopReason.PLATEAU
                        || reasons[k] == StopReason.EARLY_STOPPED
                        || (reasons[k] == StopReason.TIME_LIMIT && started);
                double limit = config.solver() == Solver.SGD || config.momentum() > 0 ? SGD_END_FACTOR * initialLoss[k]
                        : (1 + END_ROUNDING) * initialLoss[k];
                if (stepping && config.solver() != Solver.EXACT && g.loss()[k] > limit) {
                    diverged(k, epochs[k], g.loss()[k]);
                }
            }
        }

        private void stop(int k, StopReason reason) {
            reasons[k] = reason;
            rates[k] = 0;
        }

        /** Shapes: g.loss(), initialLoss, epochs and reasons (K); parameters theta (K, n), bias (K). */
        TrainingResult finish(BoundProblem bound) {
            // A run that ends above the loss it started from (beyond rounding) went the wrong way, however slowly: with a rate just
            // above 2 / L the loss grows by a few per cent per epoch and may not reach the divergence factor within
            // the epochs allowed. SGD's too, at the end of its epochs or on a plateau, above twice its starting
            // loss: its noise can end a weak-signal fit a little above the start, but not at twice it (momentum
            // 0.99 at a given rate had stopped on a "plateau" at 236x with exit 0). A time limit's too: a climb cut
            // short before the divergence factor is a diverged model, not an unfinished one (a rate just above 2 / L
            // had ended "time_limit" at 1.4e5 x the start, exit 0, where a longer limit gave exit 4; tune had scored
            // such folds and chosen among them), once a first loss was read to compare with. An interrupt is the
            // user's own stop, and keeps its reason. With momentum the bar is twice the start too, as for SGD:
            // heavy-ball steps at a stable rate can rise above the start for a few epochs before they converge (1.08x
            // at epoch 4 at beta 0.99 and the automatic rate, where "--epochs 4" or a time limit then had failed a
            // sound run as diverged). Judged on the last parameters, before early stopping puts back its best read:
            // judged on that read, an early low one, a climbing run with a long patience had passed with exit 0.
            Gradient g = bound.lossAndGradient();
            failClimbs(g);
            if (early != null) {
                // The best validation read's parameters, however training ended: at the epoch limit, a plateau, the
                // time limit or convergence the last parameters can be past the best (overfitting), and they had
                // been kept, while early stopping's promise is the best weights. Not a diverged model's: it failed.
                boolean[] reset = new boolean[reasons.length];
                boolean any = false;
                for (int k = 0; k < reset.length; k++) {
                    reset[k] = reasons[k] != StopReason.DIVERGED && early.bestEpoch(k) >= 0;
                    any |= reset[k];
                }
                if (any) {
                    bound.setParameters(early.restore(bound.parameters(), reset));
                    g = bound.lossAndGradient();
                    // The kept read itself above the start: a rate too large had stopped after a few rising reads
                    // and kept the first step, above the start on training and validation rows, with exit 0.
                    failClimbs(g);
                }
                int[] kept = new int[reasons.length];
                for (int k = 0; k < kept.length; k++) {
                    kept[k] = reset[k] && reasons[k] != StopReason.DIVERGED ? early.bestEpoch(k) : -1;
                }
                history.keep(kept);
            }
            List<StopReason> out = new ArrayList<>();
            for (int k = 0; k < reasons.length; k++) {
                out.add(reasons[k] == null ? StopReason.MAX_EPOCHS : reasons[k]);
            }
            Parameters p = bound.parameters();
            int[] halvings = new int[reasons.length];
            for (int k = 0; plateau != null && k < halvings.length; k++) {
                halvings[k] = plateau.cuts(k);
            }
            return new TrainingResult(p, epochs.clone(), out, g.loss(), norms(g), initialNorm.clone(),
                    configuredRates.clone(), halvings, history, ownScaleRelative.clone());
        }
    }

    /**
     * a and b to four significant digits, or to as many more as tell them apart ("loss 2968, up from 2968" had
     * read as no rise at all).
     */
    static String[] apart(double a, double b) {
        for (int digits = 4; ; digits++) {
            String x = String.format(java.util.Locale.ROOT, "%." + digits + "g", a);
            String y = String.format(java.util.Locale.ROOT, "%." + digits + "g", b);
            if (!x.equals(y) || digits == 17) {
                return new String[] {x, y};
            }
        }
    }
}
