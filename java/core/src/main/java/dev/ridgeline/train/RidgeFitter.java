package dev.ridgeline.train;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.MissingValues;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BackendChoice;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.model.ModelMetadata;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.preprocess.Standardizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The short path from data to a trained model: fit the preprocessing on these rows, bind the problem to a
 * backend, train, and wrap the result with its preprocessing as a {@link LinearModel}.
 *
 * <pre>{@code
 * RidgeFitter ridge = new RidgeFitter(1.0, TrainerConfig.builder().build(), "auto");
 * LinearModel model = ridge.fit(frame, PreprocessingSpec.defaults()).model();   // any columns, raw rows
 * double yHat = ridge.fit(dataset).model().predict(row);                         // numbers, z-scored
 * }</pre>
 *
 * <p>The config's time limit counts from the start of {@code fit}: the preprocessing takes from it, and training
 * stops at its next loss read once the limit is spent (with no epoch run when the preprocessing spent it all and
 * the learning rate is automatic). An
 * interrupt before training throws {@code CancellationException} from the preprocessing; during training it stops
 * training with {@code StopReason.INTERRUPTED}. The train-set metrics (one pass of predictions over the rows)
 * follow training, interrupted or not, so that the fit returns the model so far; they are outside the limit.
 */
public final class RidgeFitter {
    private static final System.Logger LOG = System.getLogger(RidgeFitter.class.getName());
    private final double lambda;
    private final TrainerConfig config;
    private final String backend;
    /** A backend the caller made (its thread count, for one); null: select {@link #backend} by name per fit. */
    private final Backend given;
    private final boolean standardize;

    /**
     * {@link #RidgeFitter(double, TrainerConfig, String, boolean)} with the features z-scored.
     *
     * @throws NullPointerException when config is null
     * @throws IllegalArgumentException as {@link #RidgeFitter(double, TrainerConfig, String, boolean)}
     */
    public RidgeFitter(double lambda, TrainerConfig config, String backend) {
        this(lambda, config, backend, true);
    }

    /**
     * @param lambda the penalty, a finite number >= 0
     * @param config the trainer's settings, without early stopping (refused: the fitter encodes the rows itself)
     * @param backend a name for {@link Backends#select} (null: auto)
     * @param standardize whether {@link #fit(Dataset)} z-scores the features
     * @throws NullPointerException when config is null
     * @throws IllegalArgumentException when lambda is not a finite number >= 0, the config stops early, or the
     *     backend's name is unknown (a known backend this machine cannot run, such as {@code cuda} without a GPU, is
     *     refused at {@code fit})
     */
    public RidgeFitter(double lambda, TrainerConfig config, String backend, boolean standardize) {
        this(lambda, config, backend, null, standardize);
    }

    /**
     * A fitter on a backend the caller made, such as {@code new VectorBackend(1)} for a service that runs
     * many small fits side by side (each fit binds its own problem; a java-vector problem of more than one
     * thread starts its worker pool at its first parallel pass and shuts it down before the fit returns, waiting
     * up to a second for its threads to end). A factory,
     * not a constructor, so that {@code new RidgeFitter(lambda, config, null, true)} keeps meaning "auto".
     *
     * @param standardize whether {@link #fit(Dataset)} z-scores the features
     * @throws NullPointerException when backend or config is null
     * @throws IllegalArgumentException when lambda is not a finite number >= 0, or the config stops early
     */
    public static RidgeFitter on(Backend backend, double lambda, TrainerConfig config, boolean standardize) {
        return new RidgeFitter(lambda, config, null, Objects.requireNonNull(backend, "backend"), standardize);
    }

    private RidgeFitter(double lambda, TrainerConfig config, String backend, Backend given, boolean standardize) {
        // Checked here, not at fit: there a NaN lambda came out after the preprocessing as "model 0: lambda ...".
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda);
        }
        this.lambda = lambda;
        this.config = Objects.requireNonNull(config, "config");
        if (config.earlyStopping()) {
            // Its validation rows would be scored as given, against a fit of targets less their mean (and perhaps
            // scaled), on features this fitter encodes itself: a wrong epoch kept without a word.
            throw new IllegalArgumentException("RidgeFitter's config cannot stop early: the fitter encodes the rows"
                    + " and shifts the targets itself, which validation rows made beforehand do not match; train step"
                    + " by step (docs/java-api.md) with the validation Problem made the same way");
        }
        if (given == null) {
            Backends.requireKnown(backend);  // a misspelt name had failed only at fit, after the preprocessing
        }
        this.backend = backend;
        this.given = given;
        this.standardize = standardize;
    }

    /** The backend of one fit: the caller's, or the one {@link Backends#select} names for this machine. */
    private BackendChoice choose() {
        return given != null ? new BackendChoice(given, "given by the caller: " + given.name() + " (" + given + ")") : Backends.select(backend);
    }

    /** A trained model, how training went, and which backend ran it and why. */
    public record Fit(LinearModel model, TrainingResult training, String backend, String backendReason) {
    }

    /**
     * Trains one model on every row of the frame, as {@code ridgeline train --holdout 0} would: the spec's
     * missing-value policy first ({@code DROP} removes rows with a missing input), then its preprocessing
     * (imputation, one-hot encoding, scaling) fitted on these rows, and the frame's target and row weights
     * (if it has them). The targets are trained less their (weighted) mean, so that float32 keeps their
     * digits (see {@link TargetShift}). The model's metadata holds lambda, its metrics on these rows
     * ("train") and provenance (backend, rows, weight column). The {@code standardize} flag of the
     * constructor is for {@link #fit(Dataset)}; here the spec's scaling applies.
     *
     * @throws NullPointerException when raw or spec is null
     * @throws IllegalArgumentException when the frame has no target (read for prediction), or the named backend cannot
     *     run here ({@code backend 'cuda' is unavailable: } and the reason)
     * @throws DataException when the data cannot be fitted: a missing target or row weight without {@code
     *     MissingPolicy.DROP}, row weights that sum to 0, no row left to train on, every feature column constant
     *     ({@link dev.ridgeline.preprocess.NoFeaturesException}), targets whose spread float32 would lose, or a heap
     *     too small for the fit (naming {@code -Xmx})
     * @throws SingularSystemException when the config's exact solver meets singular normal equations (lambda = 0)
     * @throws DivergenceException when gradient steps diverge (the learning rate is too large for the data)
     * @throws java.util.concurrent.CancellationException when the thread is interrupted while the preprocessing is
     *     fitted or the exact solve runs (the interrupt status stays set); an interrupt during gradient training ends
     *     it with {@code StopReason.INTERRUPTED} instead
     */
    public Fit fit(Frame raw, PreprocessingSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(raw, "raw");
        try {
            return fitFrame(raw, spec);
        } catch (OutOfMemoryError e) {
            if (!DataException.heapExhausted(e)) {
                throw e;  // a thread that could not start, the metaspace: no -Xmx remedies those
            }
            // Whatever the fit had allocated (the encoded matrix, its copies, predictions) is unreachable here, so
            // there is room for the message: the documented DataException, not an Error from deep inside.
            // No String.format: see DataException.thousands.
            throw new DataException(raw.source() + ": fitting " + DataException.thousands(raw.rows()) + " rows ran"
                    + " out of heap (at most " + DataException.thousands(Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB, the rows as read in it); give the JVM a larger heap (-Xmx), or use fewer rows or features",
                    e);
        }
    }

    private Fit fitFrame(Frame raw, PreprocessingSpec spec) {
        long start = System.nanoTime();
        if (!raw.hasTarget()) {
            // Bad input, not a null argument: the frame was read for prediction (forModelInputs), not for training.
            throw new IllegalArgumentException("the frame has no target column to fit: read it with"
                    + " FrameReader.forTraining and the target's name");
        }
        Frame frame = MissingValues.apply(raw, spec.missing());
        requireWeight(frame);
        Preprocessing pre = PreprocessingFitter.fit(frame, IntStream.range(0, frame.rows()).toArray(), spec);
        // Logged here, where nothing else would show them: a dropped constant column, numbers with decimal commas
        // read as categories. (Step by step they are pre.warnings(), for the caller to show.)
        pre.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
        float[] weights = frame.weightFloats();
        TargetShift shift = TargetShift.meanOf(frame.targetValues(), weights);
        TargetPrecision.require(frame, shift);
        Problem problem = Problem.builder(pre.transform(frame)).model(shift.apply(frame.targetValues()), weights, lambda)
                .build();
        BackendChoice choice = choose();
        TrainingResult result;
        try (BoundProblem bound = choice.backend().bind(problem)) {
            result = shift.restore(new Trainer(config).reportingFor(shift).train(bound, pre.featureNames(), start));
        }
        LinearModel unscored = LinearModel.of(pre, frame.targetName(), result.parameters(), 0, ModelMetadata.empty());
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("rows_train", Integer.toString(frame.rows()));
        provenance.put("backend", choice.backend().name());
        if (frame.hasWeights()) {
            provenance.put("weights", frame.weightName());
        }
        RegressionMetrics train = RegressionMetrics.of(frame.targetValues(), unscored.predict(frame), weights);
        // The columns the frame was read without go with the model, so that the training file itself can be scored
        // (FrameReader.forModelInputs with them tolerated), as train's --ignore records them.
        LinearModel model = unscored.withMetadata(new ModelMetadata(lambda, Map.of("train", train), provenance,
                frame.leftOutColumns()));
        return new Fit(model, result, choice.backend().name(), choice.reason());
    }

    /**
     * Rows of positive total weight: with weights that sum to 0 the preprocessing, fitted first, had said that
     * every feature column was constant.
     */
    private static void requireWeight(Frame frame) {
        if (!frame.hasWeights() || frame.rows() == 0) {
            return;  // no rows left is the preprocessing's to say
        }
        double total = 0;
        for (int i = 0; i < frame.rows(); i++) {
            total += frame.weight(i);
        }
        if (!(total > 0)) {
            throw new DataException(frame.source() + ": the row weights ('" + frame.weightName() + "') of the "
                    + frame.rows() + " rows to fit sum to 0: nothing to fit");
        }
    }

    /**
     * Trains one model on the dataset's first target (and its weights, if any), its features z-scored (with the
     * weighted means and spreads) when the constructor asked for it, the targets less their (weighted) mean as in
     * {@link #fit(Frame, PreprocessingSpec)}. The model names that target, and its metadata holds lambda, its metrics
     * on these rows ("train") and provenance (backend, rows), as {@link #fit(Frame, PreprocessingSpec)} records them.
     * Shapes: X (m, n), target (m), weights (m) or null; y (m) in double.
     *
     * @throws NullPointerException when data is null
     * @throws IllegalArgumentException when the named backend cannot run here
     * @throws SingularSystemException when the config's exact solver meets singular normal equations (lambda = 0)
     * @throws DivergenceException when gradient steps diverge (the learning rate is too large for the data)
     * @throws DataException when the heap has no room for the scaled copy of X (naming {@code -Xmx})
     * @throws java.util.concurrent.CancellationException when the thread is interrupted while the features are scaled
     *     or the exact solve runs (the interrupt status stays set); an interrupt during gradient training ends it with
     *     {@code StopReason.INTERRUPTED} instead
     */
    public Fit fit(Dataset data) {
        long start = System.nanoTime();
        Objects.requireNonNull(data, "data");
        // Weighted as fit(Frame) scales: a row of weight w counts as w copies of itself there too.
        Standardizer scaler = standardize ? Standardizer.fit(data.x(), data.weights()) : null;
        DenseMatrix x = scaler == null ? data.x() : scaler.transform(data.x());
        // Centred as fit(Frame) centres them: on raw targets near 1e5 gradient descent had stopped at the epoch
        // limit with 80 times the error of the exact solve.
        double[] y = new double[data.x().rows()];
        float[] raw = data.target();
        for (int i = 0; i < y.length; i++) {
            y[i] = raw[i];
        }
        TargetShift shift = TargetShift.meanOf(y, data.weights());
        Problem problem = Problem.builder(x).model(shift.apply(y), data.weights(), lambda).build();
        BackendChoice choice = choose();
        TrainingResult result;
        try (BoundProblem bound = choice.backend().bind(problem)) {
            result = shift.restore(new Trainer(config).reportingFor(shift).train(bound, data.featureNames(), start));
        }
        LinearModel scaled = LinearModel.of(data.featureNames(), scaler, result.parameters(), 0);
        // A dataset may name its target "" (a model may not): such a model keeps the name "y" it always had.
        String target = data.targetNames().get(0).isEmpty() ? Dataset.UNNAMED_TARGET : data.targetNames().get(0);
        LinearModel unscored = LinearModel.of(scaled.preprocessing(), target, result.parameters(), 0,
                ModelMetadata.empty());
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("rows_train", Integer.toString(data.x().rows()));
        provenance.put("backend", choice.backend().name());
        RegressionMetrics train = RegressionMetrics.of(data.target(), unscored.predict(data.x()), data.weights());
        LinearModel model = unscored.withMetadata(new ModelMetadata(lambda, Map.of("train", train), provenance));
        return new Fit(model, result, choice.backend().name(), choice.reason());
    }
}
