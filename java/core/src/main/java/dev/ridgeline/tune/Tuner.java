package dev.ridgeline.tune;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.KFold;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.eval.CrossValidationResult;
import dev.ridgeline.eval.CvPoint;
import dev.ridgeline.train.DivergenceException;
import dev.ridgeline.train.FeatureScale;
import dev.ridgeline.train.SingularSystemException;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.StopReason;
import dev.ridgeline.train.TargetShift;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Cross-validated choice of lambda (and optionally the learning rate), then a refit on all training rows.
 *
 * <p>The L lambdas x R learning rates x k folds are trained as ONE batch of L*R*k models over the same X
 * (each model with its own learning rate): model (l, r, f) has penalty lambda_l, rate r and the training mask
 * of fold f as its weight column (1 outside the fold, 0 inside), so W is the fold's training-row count and
 * the objective is exactly that of a fit on those rows. With row weights w the column is w times the mask,
 * and the held-out error is weighted too (sum w r^2 / sum w over the fold).
 * Each model is scored by its mean squared error on its held-out fold.
 *
 * <p>Given {@link FoldInput}s, each fold's models train instead on X as preprocessed by a fit on that fold's
 * training rows alone (its scaling, imputed values and categories), one batch of L*R models per fold, so that
 * nothing of a held-out fold reaches its training, as a pipeline refitted inside each fold: k passes over the
 * rows an epoch where the single batch makes one. Without them, one X serves every fold, its preprocessing
 * fitted on every tuning row: faster, but each held-out fold's statistics leak into its fits.
 */
public final class Tuner {
    private final Backend backend;
    private final TrainerConfig config;
    private final List<String> featureNames;

    /**
     * A tuner without feature names: a singular system's message names columns x0, x1, ...
     *
     * @throws NullPointerException when backend or config is null
     * @throws IllegalArgumentException as {@link #Tuner(Backend, TrainerConfig, List)}
     */
    public Tuner(Backend backend, TrainerConfig config) {
        this(backend, config, null);
    }

    /**
     * @param config the trainer settings of every fit; its learning rate is one for all models (or automatic),
     *     and it has no early stopping: both name the models of a batch, and the tuner makes its own batches
     * @param featureNames names of X's columns (or null), for the exact solver's message on a singular system
     * @throws NullPointerException when backend, config or one of the feature names is null
     * @throws IllegalArgumentException when the config gives one learning rate per model, or stops early
     */
    public Tuner(Backend backend, TrainerConfig config, List<String> featureNames) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.config = Objects.requireNonNull(config, "config");
        // Either failed inside tune() with a count of models the caller never made ("1 learning rates for 4
        // models", "the validation problem has 1 models ..., training has 4"), or was dropped for the refit.
        if (config.perModelLearningRates() != null) {
            throw new IllegalArgumentException("the tuner's config cannot give one learning rate per model (the tuner"
                    + " trains its own batch of lambdas x rates x folds): give one learningRate, or the rates to try"
                    + " to tune()");
        }
        if (config.earlyStopping()) {
            throw new IllegalArgumentException("the tuner's config cannot stop early on validation rows (they are"
                    + " the rows of one batch of models); each fold is scored on its held-out rows instead");
        }
        this.featureNames = featureNames == null ? null : List.copyOf(featureNames);
    }

    /**
     * The CV table, the choice, and the chosen setting refitted on every row.
     *
     * @param learningRate the chosen grid rate; NaN when the grid's rate was the automatic one (each fit then
     *     found its own: the refit's is {@code refit().learningRates()[0]})
     * @param unfinished CV models stopped by the time limit or an interrupt before they converged or ran all
     *     their epochs: when it is not 0 the table compares unfinished fits, and the choice may not hold
     * @param epochLimited CV models that ran all their epochs before meeting the tolerance: their held-out
     *     errors can be those of fits short of their minimum (near-collinear features at a small lambda made gd
     *     choose 0.001 where the exact solver chose 0.316)
     */
    public record Result(CrossValidationResult cv, double lambda, double learningRate, TrainingResult refit,
            int unfinished, int epochLimited) {
    }

    /**
     * The rows as one fold's models see them: every tuning row (m, n_f), in the rows' order, encoded by the
     * preprocessing fitted on that fold's training rows, and the names of its n_f columns (for the exact solver's
     * message on a singular system). Its columns may differ from fold to fold (a column constant on one fold's
     * training rows is dropped there).
     */
    public record FoldInput(DenseMatrix x, List<String> featureNames) {
        public FoldInput {
            Objects.requireNonNull(x, "x");
            featureNames = featureNames == null ? null : List.copyOf(featureNames);
        }
    }

    /**
     * The held-out errors of the batch (L, R, k), how many of its models the budget or the epochs stopped, and the
     * largest |feature| of a fold whose every setting diverged (NaN when none did, or when the folds share one X).
     */
    private record FoldErrors(double[][][] mse, int unfinished, int epochLimited, double largestDiverged) {
    }

    /**
     * @param x preprocessed training rows (m, n); y their targets (m)
     * @param learningRates rates to try (each > 0), or null to use the configured one (NaN = automatic)
     * @throws NullPointerException when x, y, folds or lambdas is null
     * @throws IllegalArgumentException when the folds or y are not of X's rows, the lambda grid is empty or an entry
     *     is not a finite number >= 0, or the learning-rate grid is empty or an entry is not a finite number > 0
     * @throws DataException when a target is not finite (naming its row), X holds a value that is not finite, or
     *     the rows are refused as {@link Problem.Builder#build()} refuses them
     * @throws DivergenceException when every setting diverged (or, with the automatic rate, failed) in some fold,
     *     or the refit of the chosen setting diverges
     * @throws SingularSystemException with the exact solver, when every lambda gives singular normal equations in
     *     some fold (naming the fold and the column)
     * @throws java.util.concurrent.CancellationException when the thread is interrupted during an exact solve (the
     *     interrupt status stays set); an interrupt during gradient training stops the fits instead, counted in
     *     {@link Result#unfinished()}
     */
    public Result tune(DenseMatrix x, float[] y, KFold folds, double[] lambdas, double[] learningRates,
            boolean oneStandardError) {
        return tune(x, y, null, folds, lambdas, learningRates, oneStandardError);
    }

    /**
     * {@link #tune(DenseMatrix, float[], KFold, double[], double[], boolean)} with row weights (m), or null.
     *
     * @throws NullPointerException as {@link #tune(DenseMatrix, float[], KFold, double[], double[], boolean)}
     * @throws IllegalArgumentException when the weights are not of X's rows, or as {@link #tune(DenseMatrix, float[],
     *     KFold, double[], double[], boolean)}
     * @throws DataException when a weight is negative or not finite (naming its row, with any solver), the weights of
     *     some fold's held-out or training rows sum to 0, or as {@link #tune(DenseMatrix, float[], KFold, double[],
     *     double[], boolean)}
     * @throws DivergenceException as {@link #tune(DenseMatrix, float[], KFold, double[], double[], boolean)}
     * @throws SingularSystemException as {@link #tune(DenseMatrix, float[], KFold, double[], double[], boolean)}
     * @throws java.util.concurrent.CancellationException as {@link #tune(DenseMatrix, float[], KFold, double[],
     *     double[], boolean)}
     */
    public Result tune(DenseMatrix x, float[] y, float[] weights, KFold folds, double[] lambdas,
            double[] learningRates, boolean oneStandardError) {
        return tune(x, null, y, weights, folds, lambdas, learningRates, oneStandardError);
    }

    /**
     * {@link #tune(DenseMatrix, float[], float[], KFold, double[], double[], boolean)} with each fold's models
     * trained and scored on {@code foldInputs.apply(f)} (f = 0 .. k - 1, asked for one fold at a time, so that
     * only one fold's X is built and held at once), and the refit on {@code x}: the preprocessing refitted inside
     * each fold. A null {@code foldInputs} trains every fold on {@code x}, as one batch. Shapes: x (m, n), each fold
     * input (m, n_f), y (m), weights (m) or null.
     *
     * @throws NullPointerException when x, y, folds or lambdas is null, or {@code foldInputs} gives null
     * @throws IllegalArgumentException when a fold's input is not of X's rows or names other than its columns, or as
     *     {@link #tune(DenseMatrix, float[], float[], KFold, double[], double[], boolean)}
     * @throws DataException as {@link #tune(DenseMatrix, float[], float[], KFold, double[], double[], boolean)}
     * @throws DivergenceException as {@link #tune(DenseMatrix, float[], float[], KFold, double[], double[],
     *     boolean)}
     * @throws SingularSystemException as {@link #tune(DenseMatrix, float[], float[], KFold, double[], double[],
     *     boolean)}
     * @throws java.util.concurrent.CancellationException as {@link #tune(DenseMatrix, float[], float[], KFold,
     *     double[], double[], boolean)}
     */
    public Result tune(DenseMatrix x, IntFunction<FoldInput> foldInputs, float[] y, float[] weights, KFold folds,
            double[] lambdas, double[] learningRates, boolean oneStandardError) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(folds, "folds");
        if (folds.rows() != x.rows()) {
            throw new IllegalArgumentException("the folds cover " + folds.rows() + " rows, X has " + x.rows());
        }
        return run(x, foldInputs, () -> new FoldInput(x, featureNames), y, weights, folds, lambdas, learningRates,
                oneStandardError);
    }

    /**
     * The preprocessing refitted inside each fold, as {@link #tune(DenseMatrix, IntFunction, float[], float[],
     * KFold, double[], double[], boolean)}, with the refit's rows built only after the folds' fits
     * ({@code refitInput}: every row, encoded by the preprocessing fitted on all of them): the peak then holds
     * one encoded matrix, not the refit's beside a fold's. A fold input of no columns (every feature constant on
     * the fold's training rows) scores the fold's training mean. Shapes: each fold input and the refit's input
     * (m, n_f), y (m), weights (m) or null.
     *
     * @throws NullPointerException when foldInputs, refitInput, y, folds or lambdas is null, or an input they give is
     * @throws IllegalArgumentException when a fold's input or the refit's is not of the folds' rows or names other
     *     than its columns, or as {@link #tune(DenseMatrix, float[], float[], KFold, double[], double[], boolean)}
     * @throws DataException as {@link #tune(DenseMatrix, float[], float[], KFold, double[], double[], boolean)}
     * @throws DivergenceException as {@link #tune(DenseMatrix, float[], float[], KFold, double[], double[],
     *     boolean)}
     * @throws SingularSystemException as {@link #tune(DenseMatrix, float[], float[], KFold, double[], double[],
     *     boolean)}
     * @throws java.util.concurrent.CancellationException as {@link #tune(DenseMatrix, float[], float[], KFold,
     *     double[], double[], boolean)}
     */
    public Result tune(IntFunction<FoldInput> foldInputs, Supplier<FoldInput> refitInput, float[] y, float[] weights,
            KFold folds, double[] lambdas, double[] learningRates, boolean oneStandardError) {
        Objects.requireNonNull(foldInputs, "foldInputs");
        Objects.requireNonNull(refitInput, "refitInput");
        Objects.requireNonNull(folds, "folds");
        return run(null, foldInputs, refitInput, y, weights, folds, lambdas, learningRates, oneStandardError);
    }

    /**
     * The tune: {@code x} (or null) the one X of a single batch (with {@code foldInputs} null) or of the
     * singular-system search; the folds' rows (m) are those of the folds. Shapes: y (m), weights (m) or null,
     * lambdas (L), learningRates (R) or null; the CV table has L x R points.
     */
    private Result run(DenseMatrix x, IntFunction<FoldInput> foldInputs, Supplier<FoldInput> refitInput, float[] y,
            float[] weights, KFold folds, double[] lambdas, double[] learningRates, boolean oneStandardError) {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(lambdas, "lambdas");
        int rows = folds.rows();
        if (weights != null && weights.length != rows) {
            throw new IllegalArgumentException("weights have " + weights.length + " rows, X has " + rows);
        }
        if (lambdas.length == 0) {
            throw new IllegalArgumentException("the lambda grid is empty");
        }
        requireFinite(y, rows);
        for (int l = 0; l < lambdas.length; l++) {
            // Checked here: in the batch a bad lambda was named by its model's index ("model 5: lambda ...").
            if (!(lambdas[l] >= 0) || Double.isInfinite(lambdas[l])) {
                throw new IllegalArgumentException("lambda grid entry " + l + " must be a finite number >= 0, got "
                        + lambdas[l]);
            }
        }
        if (learningRates != null && learningRates.length == 0) {
            // Refused as an empty lambda grid is: it had run the configured rate without a word.
            throw new IllegalArgumentException("the learning-rate grid is empty: pass null to use the configured rate");
        }
        boolean grid = learningRates != null;
        double[] rates = grid ? learningRates.clone() : new double[] {config.learningRate()};
        requireWeights(weights);
        requireWeightPerFold(weights, folds);
        FoldErrors fold = foldErrors(x, foldInputs, y, weights, folds, lambdas, rates, grid);
        double[][][] errors = fold.mse();
        List<CvPoint> points = new ArrayList<>();
        for (int l = 0; l < lambdas.length; l++) {
            for (int r = 0; r < rates.length; r++) {
                points.add(CvPoint.of(lambdas[l], rates[r], errors[l][r]));
            }
        }
        if (points.stream().allMatch(p -> Double.isNaN(p.mean()))) {
            if (config.solver() == Solver.EXACT) {
                throw firstSingular(x, foldInputs, y, weights, folds, lambdas);
            }
            // Features beyond 1e9 are the cause no rate cures (--lr auto overflows or stalls on them): a column near
            // 1e37 had been told to try --lr auto, which failed too. Measured on the way to this error only.
            double largest = x != null ? FeatureScale.largest(x) : fold.largestDiverged();
            if (!grid && config.autoLearningRate()) {
                throw new DivergenceException(autoRateFailure(lambdas, weights, folds, largest));
            }
            throw new DivergenceException("every setting diverged in some fold; try smaller learning rates"
                    + FeatureScale.alternativeToGivenRate(largest, grid ? "" : " or --lr auto"));
        }
        CrossValidationResult cv = CrossValidationResult.select(points, folds.k(), oneStandardError);
        CvPoint chosen = cv.chosenPoint();
        TrainerConfig refitConfig = config.toBuilder().learningRates((double[]) null)
                .learningRate(chosen.learningRate()).build();
        // Like the folds' fits, the refit sees its targets less their (weighted) mean, and gets it back in its
        // bias: on raw targets near 1e5 it had stopped at the epoch limit with 80 times the exact solve's error
        // that the CV table had promised.
        double[] wide = doubles(y);
        TargetShift shift = config.solver() == Solver.EXACT ? TargetShift.NONE : TargetShift.meanOf(wide, weights);
        FoldInput all = input(refitInput.get(), "the refit's input", rows);
        TrainingResult refit = shift.restore(train(Problem.builder(all.x()).model(shift.apply(wide), weights,
                chosen.lambda()).build(), refitConfig, shift, all.featureNames()));
        return new Result(cv, chosen.lambda(), chosen.learningRate(), refit, fold.unfinished(), fold.epochLimited());
    }

    /**
     * The exact solver's own error (naming the collinear or constant column) for the first fold and lambda
     * whose system is singular: the batch only recorded that each setting failed somewhere. Shapes: y (m),
     * weights (m) or null, each fold's mask (m), lambdas (L).
     */
    private SingularSystemException firstSingular(DenseMatrix x, IntFunction<FoldInput> foldInputs, float[] y,
            float[] weights, KFold folds, double[] lambdas) {
        TrainerConfig plain = config.toBuilder().continueOnDivergence(false).build();
        for (int f = 0; f < folds.k(); f++) {
            FoldInput in = foldInputs == null ? new FoldInput(x, featureNames) : foldInput(foldInputs, f, folds.rows());
            if (in.x().cols() == 0) {
                continue;  // a fold of no features solves no system
            }
            float[] mask = folds.trainingMask(f);
            for (int i = 0; weights != null && i < mask.length; i++) {
                mask[i] *= weights[i];
            }
            for (double lambda : lambdas) {
                try {
                    train(Problem.builder(in.x()).model(y, mask, lambda).build(), plain, TargetShift.NONE,
                            in.featureNames());
                } catch (SingularSystemException e) {
                    // The fold's held-out rows weigh 0 in its fit: its message counts rows "of weight above 0".
                    return new SingularSystemException(String.format(java.util.Locale.ROOT, "fold %d of %d, whose fit "
                            + "trains on the tuning rows outside it: %s", f + 1, folds.k(), e.getMessage()));
                }
            }
        }
        return new SingularSystemException("every lambda gives singular normal equations in some fold; add a lambda > 0");
    }

    /**
     * The targets (m) as the folds will centre them: a NaN had come out of the centring as "the target shift
     * must be finite, got NaN", naming neither the row nor the target.
     */
    private static void requireFinite(float[] y, int rows) {
        if (y.length != rows) {
            throw new IllegalArgumentException("the target has " + y.length + " rows, X has " + rows);
        }
        for (int i = 0; i < y.length; i++) {
            if (!Float.isFinite(y[i])) {
                throw new DataException("row " + i + ": target " + y[i] + " is not a finite number");
            }
        }
    }

    /**
     * Why every setting failed in some fold with the automatic rate. Lambdas with lambda / W at or above {@link
     * Trainer#HUGE_PENALTY} in some fold (W its training weight) get no rate, as float32 holds no curvature to
     * estimate one from: when every lambda is such, they are the cause. Otherwise a rate was estimated and the fits
     * still overflowed float32 (a finite curvature, then an infinite or NaN loss or gradient), which smaller lambdas
     * do not cure: it had said they did. {@code largest}: max |x_ij| (NaN when unknown), named past 1e9. Shapes:
     * lambdas (L), weights (m) or null.
     */
    static String autoRateFailure(double[] lambdas, float[] weights, KFold folds, double largest) {
        double[] held = new double[folds.k()];
        double total = 0;
        int[] fold = folds.folds();
        for (int i = 0; i < fold.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            held[fold[i]] += w;
            total += w;
        }
        double lightest = Double.POSITIVE_INFINITY;
        for (double h : held) {
            lightest = Math.min(lightest, total - h);
        }
        boolean everyLambdaTooLarge = true;
        for (double lambda : lambdas) {
            everyLambdaTooLarge &= lambda / lightest >= Trainer.HUGE_PENALTY;
        }
        if (everyLambdaTooLarge) {
            return "every setting failed in some fold with the learning rate estimated for each: give smaller lambdas"
                    + " (from lambda / W = 1e30, W the fold's training weight, float32 holds no curvature to estimate a"
                    + " rate from)";
        }
        return "every setting failed in some fold with the learning rate estimated for each: the fits overflowed"
                + " float32 (their loss or gradient became infinite or NaN), which neither the rate nor the lambdas"
                + " cure; scale the features (--scale zscore)" + FeatureScale.reach(largest);
    }

    /**
     * Each weight (m, or null) is a finite number >= 0, named by its row as {@link Problem.Builder#build()} and
     * Dataset name a bad weight: checked before the folds' batches, where a gradient solver's target centring
     * had refused it as an IllegalArgumentException and the exact solver's problem as the weight of a model of
     * the tuner's own batch ("model 0, row 3: ...").
     */
    private static void requireWeights(float[] weights) {
        for (int i = 0; weights != null && i < weights.length; i++) {
            if (!(weights[i] >= 0) || Float.isInfinite(weights[i])) {
                throw new DataException("row " + i + ": weight " + weights[i] + " must be a finite number >= 0");
            }
        }
    }

    /**
     * Every fold has rows of positive weight on both sides: a fold whose training rows all weigh 0 leaves
     * nothing to fit, one whose held-out rows all weigh 0 nothing to score it on (its error would be 0 / 0).
     * Shapes: weights (m) or null; the held-out sums (k).
     */
    private static void requireWeightPerFold(float[] weights, KFold folds) {
        if (weights == null) {
            return;
        }
        double[] held = new double[folds.k()];
        double total = 0;
        int[] fold = folds.folds();
        for (int i = 0; i < weights.length; i++) {
            held[fold[i]] += weights[i];
            total += weights[i];
        }
        for (int f = 0; f < folds.k(); f++) {
            String side = !(held[f] > 0) ? "held-out" : !(total - held[f] > 0) ? "training" : null;
            if (side != null) {
                throw new DataException(String.format(java.util.Locale.ROOT, "fold %d of %d: the row weights of its %s rows sum to 0, so there "
                        + "is nothing to %s; use fewer folds or check the weights", f + 1, folds.k(), side,
                        side.equals("held-out") ? "score the fold on" : "fit"));
            }
        }
    }

    /**
     * Held-out MSE (L, R, k). Without {@code foldInputs}, of ONE batch of L x R x k models over x: model
     * ((l R + r) k + f) has lambda_l, rate r (per model when {@code perModel}, else the configured rate) and the
     * training mask of fold f. With them, of k batches of L x R models, fold f's over its own X. Shapes: y (m),
     * weights (m) or null, lambdas (L), rates (R); masks and targets (k, m).
     */
    private FoldErrors foldErrors(DenseMatrix x, IntFunction<FoldInput> foldInputs, float[] y, float[] weights,
            KFold folds, double[] lambdas, double[] rates, boolean perModel) {
        int k = folds.k();
        float[][] masks = new float[k][];
        for (int f = 0; f < k; f++) {
            masks[f] = folds.trainingMask(f);
            for (int i = 0; weights != null && i < masks[f].length; i++) {
                masks[f][i] *= weights[i];
            }
        }
        // The exact solve reaches every minimum wherever it starts, and a re-rounded target would only move its
        // figures off the double-precision reference: it takes y as given.
        boolean exact = config.solver() == Solver.EXACT;
        float[][] targets = new float[k][];
        // Each fold's shift; one scale for all (a power of two, for targets far from 1, from the spread of every
        // row), so that a held-out row far from a fold's training rows stays in float32's range, and the batch's
        // losses share one unit. The held-out errors undo it. (The spread: of every row of positive weight.)
        double[] wide = doubles(y);
        double factor = exact ? 1 : TargetShift.meanOf(wide, weights).factor();
        TargetShift[] shifts = new TargetShift[k];
        for (int f = 0; f < k; f++) {
            shifts[f] = exact ? TargetShift.NONE : shiftOfFold(wide, masks[f], factor);
            targets[f] = exact ? y : shifts[f].apply(wide);
        }
        double[][][] out = new double[lambdas.length][rates.length][k];
        int[] stopped = new int[2];  // unfinished, epoch-limited
        double largestDiverged = Double.NaN;
        if (foldInputs == null) {
            int[] all = new int[k];
            for (int f = 0; f < k; f++) {
                all[f] = f;
            }
            scoreBatch(x, featureNames, all, targets, masks, shifts, weights, folds, lambdas, rates, perModel, out,
                    stopped);
        } else {
            for (int f = 0; f < k; f++) {
                FoldInput in = foldInput(foldInputs, f, folds.rows());
                if (in.x().cols() == 0) {
                    scoreMean(wide, masks[f], weights, folds, f, out);
                    continue;
                }
                boolean allDiverged = scoreBatch(in.x(), in.featureNames(), new int[] {f}, targets, masks, shifts,
                        weights, folds, lambdas, rates, perModel, out, stopped);
                if (allDiverged && Double.isNaN(largestDiverged)) {
                    // The tune fails (every setting has a NaN fold): the error may name the features' scale.
                    largestDiverged = FeatureScale.largest(in.x());
                }
                in = null;  // the fold's X may go before the next fold's is built
            }
        }
        return new FoldErrors(out, stopped[0], stopped[1], largestDiverged);
    }

    /**
     * Trains ONE batch over {@code x} of L x R x |batchFolds| models, model ((l R + r) |batchFolds| + b) with
     * lambda_l, rate r and the mask of fold batchFolds[b], and writes their held-out MSE into out[l][r][f]
     * (undoing the targets' scale) and their stop counts into stopped (unfinished, epoch-limited). Shapes:
     * batchFolds (b), targets and masks (k, m), shifts (k), weights (m) or null, lambdas (L), rates (R);
     * out (L, R, k), stopped (2). Returns whether every model of the batch diverged.
     */
    private boolean scoreBatch(DenseMatrix x, List<String> names, int[] batchFolds, float[][] targets, float[][] masks,
            TargetShift[] shifts, float[] weights, KFold folds, double[] lambdas, double[] rates, boolean perModel,
            double[][][] out, int[] stopped) {
        int b = batchFolds.length;
        Problem.Builder batch = Problem.builder(x);
        double[] modelRates = new double[lambdas.length * rates.length * b];
        int model = 0;
        for (double lambda : lambdas) {
            for (double rate : rates) {
                for (int f : batchFolds) {
                    batch.model(targets[f], masks[f], lambda);
                    modelRates[model++] = rate;
                }
            }
        }
        TrainerConfig.Builder batchConfig = config.toBuilder().continueOnDivergence(true);
        if (perModel) {
            batchConfig.learningRates(modelRates);
        }
        // Every fold's shift has the same factor (foldErrors): the batch reports in the targets' units.
        TrainingResult result = train(batch.build(), batchConfig.build(), new TargetShift(0, shifts[0].factor()),
                names);
        for (int l = 0; l < lambdas.length; l++) {
            for (int r = 0; r < rates.length; r++) {
                for (int i = 0; i < b; i++) {
                    int f = batchFolds[i];
                    int m = (l * rates.length + r) * b + i;
                    StopReason reason = result.stopReason(m);
                    stopped[0] += reason == StopReason.TIME_LIMIT || reason == StopReason.INTERRUPTED ? 1 : 0;
                    stopped[1] += reason == StopReason.MAX_EPOCHS ? 1 : 0;
                    double scale = shifts[f].factor();
                    out[l][r][f] = reason == StopReason.DIVERGED || reason == StopReason.SINGULAR ? Double.NaN
                            : heldOutMse(x, targets[f], weights, folds, f, result.parameters(), m)
                                    / (scale * scale);
                }
            }
        }
        return result.stopReasons().stream().allMatch(reason -> reason == StopReason.DIVERGED);
    }

    /**
     * Fold f's models when its input has no columns (every feature constant on its training rows): each predicts
     * the weighted mean of the fold's training targets (m; mask: the fold's training weights), as a fit of the
     * intercept alone does at every lambda and rate; its held-out MSE goes into out[l][r][f]. Shapes: y (m),
     * mask (m), weights (m) or null; out (L, R, k).
     */
    private static void scoreMean(double[] y, float[] mask, float[] weights, KFold folds, int f, double[][][] out) {
        double mean = TargetShift.meanOf(y, mask).value();
        int[] fold = folds.folds();
        double sum = 0;
        double count = 0;
        for (int i = 0; i < y.length; i++) {
            if (fold[i] == f) {
                double w = weights == null ? 1.0 : weights[i];
                sum += w * (y[i] - mean) * (y[i] - mean);
                count += w;
            }
        }
        for (double[][] byRate : out) {
            for (double[] byFold : byRate) {
                byFold[f] = count > 0 ? sum / count : Double.NaN;
            }
        }
    }

    /** Fold f's input, checked to hold every row (m) of the folds. */
    private static FoldInput foldInput(IntFunction<FoldInput> foldInputs, int f, int rows) {
        return input(foldInputs.apply(f), "the input of fold " + f, rows);
    }

    /** {@code in}, checked to hold {@code rows} rows and as many names as columns. */
    private static FoldInput input(FoldInput in, String what, int rows) {
        Objects.requireNonNull(in, what);
        if (in.x().rows() != rows) {
            throw new IllegalArgumentException(what + " has " + in.x().rows() + " rows, X has " + rows);
        }
        if (in.featureNames() != null && in.featureNames().size() != in.x().cols()) {
            throw new IllegalArgumentException(what + " names " + in.featureNames().size() + " columns of its "
                    + in.x().cols());
        }
        return in;
    }

    /**
     * The shift of one fold's targets: their weighted mean over its training rows (weights w, m, 0 on the held-out
     * rows), and the scale {@code factor} (a power of two, {@link TargetShift}). Each
     * fold's fits start from a bias of 0 on the targets they see: centred over all rows, that start held the
     * held-out targets, and a fit stopped short of its minimum (more features than training rows, small lambda)
     * scored a held-out error far too low (0.61 where every exact fit gives 1) and was chosen. The held-out
     * error is the same either way for fits that reach their minimum (the bias is not penalised). Shapes: y (m),
     * w (m).
     */
    static TargetShift shiftOfFold(double[] y, float[] w, double factor) {
        return new TargetShift(TargetShift.meanOf(y, w).value(), factor);
    }

    /** y (m) widened to double, exactly. */
    private static double[] doubles(float[] y) {
        double[] exact = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            exact[i] = y[i];
        }
        return exact;
    }

    /**
     * Trains {@code problem}, whose targets {@code shift} made (its listener and messages in their units);
     * {@code names}: its columns' names, or null.
     */
    private TrainingResult train(Problem problem, TrainerConfig c, TargetShift shift, List<String> names) {
        try (BoundProblem bound = backend.bind(problem)) {
            return new Trainer(c).reportingFor(shift).train(bound, names);
        }
    }

    // X is (m, n) row-major, theta_model is (n), w (m) or null: sum w_i r_i^2 / sum w_i over the rows of fold
    // f, in double (NaN when the fold's weights sum to 0).
    static double heldOutMse(DenseMatrix x, float[] y, float[] w, KFold folds, int f, Parameters p, int model) {
        double[] theta = p.theta(model);
        double sum = 0;
        double count = 0;
        int[] fold = folds.folds();
        for (int i = 0; i < x.rows(); i++) {
            if (fold[i] != f) {
                continue;
            }
            float[] a = x.rowArray(i);
            int off = x.rowOffset(i);
            double r = p.bias(model) - y[i];
            for (int j = 0; j < theta.length; j++) {
                r += a[off + j] * theta[j];
            }
            double weight = w == null ? 1.0 : w[i];
            sum += weight * (r * r);
            count += weight;
        }
        return count > 0 ? sum / count : Double.NaN;
    }
}
