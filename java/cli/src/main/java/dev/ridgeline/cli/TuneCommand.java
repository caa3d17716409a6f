package dev.ridgeline.cli;

import dev.ridgeline.card.ModelCardWriter;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.KFold;
import dev.ridgeline.data.ThreeWaySplit;
import dev.ridgeline.data.UnicodeText;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BackendChoice;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.eval.CrossValidationResult;
import dev.ridgeline.eval.CvPoint;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.model.ModelFile;
import dev.ridgeline.model.ModelMetadata;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.StopReason;
import dev.ridgeline.train.TargetPrecision;
import dev.ridgeline.train.TargetShift;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.tune.Tuner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ridgeline tune}: k-fold cross-validation over a lambda grid (and optionally learning rates), the
 * preprocessing refitted inside each fold and each fold's lambdas x rates trained as one batch of models (with
 * --shared-preprocessing, one preprocessing and all folds in one batch); prints and writes the CV table, plots
 * it, refits the chosen setting on every tuning row and writes that model.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Choose lambda by k-fold cross-validation and refit on all tuning rows.",
            "Writes cv.csv, cv.png, model.json, tune.json and model-card.md/.json to the output folder."})
final class TuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    PreprocessOptions preprocess;

    @Mixin
    TrainerOptions trainer;

    @Option(names = "--lambdas", defaultValue = "1e-3:1e3:13", paramLabel = "MIN:MAX:COUNT|L1,L2,...",
            description = "Lambda grid: COUNT log-spaced values from MIN to MAX, or a comma list (default: ${DEFAULT-VALUE}).")
    String lambdas;

    @Option(names = "--learning-rates", split = ",", paramLabel = "RATE",
            description = "Learning rates to try, in place of --lr (default: --lr alone).")
    List<Double> learningRates = new ArrayList<>();

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Number of folds k >= 2 (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--one-se", description = "Choose the largest lambda within one standard error of the best mean CV error.")
    boolean oneStandardError;

    @Option(names = "--stratify", converter = ColumnNameText.class, paramLabel = "COL",
            description = "Stratify the folds (and the test split) by this column's values.")
    String stratify;

    @Option(names = "--shared-preprocessing", description = "Fit the preprocessing once on all tuning rows and train "
            + "every fold in one batch: faster (one pass over the rows an epoch, not one per fold), but each held-out "
            + "fold's scale, imputed values and categories leak into its fits. Default: refitted inside each fold.")
    boolean sharedPreprocessing;

    @Option(names = "--test", defaultValue = "0", paramLabel = "FRACTION",
            description = "Fraction of rows held out from tuning, scored once with the refitted model (default: ${DEFAULT-VALUE}).")
    double test;

    @Option(names = "--out", defaultValue = "ridgeline-out", paramLabel = "DIR",
            converter = PathConverter.DefaultedFolder.class, description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-output", description = "Report only; write no output folder.")
    boolean noOutput;

    @Option(names = "--no-plots", description = TrainArtifacts.NO_PLOTS_HELP)
    boolean noPlots;

    @Option(names = "--json", description = "Print one JSON object instead of the table (keys in docs/cli.md).")
    boolean json;

    @Mixin
    CardAuthorOptions author;

    private int tuningRows;
    /** The warning for rows --missing drop removed, once the data is read. */
    private Optional<String> dropped = Optional.empty();
    /** The warning of a header made of numbers (no header row), if any. */
    private Optional<String> noHeader = Optional.empty();
    /** The warning of a target with one value on every tuning row, if any (tune has no --dp to hide it from). */
    private Optional<String> constantTarget = Optional.empty();
    /** The backend chosen once per run (a cuda probe is not free): the fits, provenance and warnings use it. */
    private Backend backend;
    private String backendReason;
    /** The trainer settings of the fits, without the progress listener. */
    private TrainerConfig config;

    @Override
    public Integer call() throws Exception {
        if (!learningRates.isEmpty() && spec.commandLine().getParseResult().hasMatchedOption("--lr")) {
            throw new ParameterException(spec.commandLine(), "--lr does not apply with --learning-rates, which gives"
                    + " the learning rates to try");
        }
        if (!learningRates.isEmpty() && trainer.solverKind() == Solver.EXACT) {
            throw new ParameterException(spec.commandLine(), "--learning-rates does not apply to --solver exact, which "
                    + "solves the normal equations without a learning rate");
        }
        String ignored = trainer.ignoredBySolverMessage(spec.commandLine().getParseResult());
        if (ignored == null) {
            ignored = data.conflict(spec.commandLine().getParseResult(), grouping());
        }
        if (ignored == null && stratify != null && data.group != null) {
            ignored = TrainCommand.GROUP_AND_STRATIFY;
        }
        if (ignored == null && noOutput && spec.commandLine().getParseResult().hasMatchedOption("--out")) {
            ignored = "--out names the output folder, which --no-output does not write";
        }
        if (ignored == null && noOutput && noPlots) {
            ignored = "--no-plots shapes the output folder, which --no-output does not write";
        }
        List<String> cardOnly = CardAuthorOptions.NAMES.stream()
                .filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
        if (ignored == null && noOutput && !cardOnly.isEmpty()) {
            ignored = String.join(", ", cardOnly) + (cardOnly.size() == 1 ? " shapes" : " shape")
                    + " the model card, which --no-output does not write";
        }
        if (ignored != null) {
            throw new ParameterException(spec.commandLine(), ignored);
        }
        trainer.validate();
        author.validate();
        for (double rate : learningRates) {
            if (!(rate > 0 && Double.isFinite(rate))) {
                throw new IllegalArgumentException("--learning-rates must be finite numbers > 0, got " + TrainPipeline.plain(rate));
            }
        }
        TuneGrid.requireDistinct("--learning-rates", learningRates.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",")), learningRates.stream().mapToDouble(Double::doubleValue)
                .toArray(), "");
        SplitFractions.check(null, 0, "--test", test);
        if (folds < 2) {
            throw new IllegalArgumentException("--folds must be at least 2, got " + folds);  // before any data is read
        }
        double[] grid = TuneGrid.parse(lambdas, spec.commandLine());
        if (oneStandardError && grid.length == 1) {
            throw new ParameterException(spec.commandLine(), "--one-se chooses the largest lambda within one standard"
                    + " error of the best, and --lambdas gives one lambda (" + lambdas.strip() + "): it would change"
                    + " nothing; give several lambdas or leave --one-se out");
        }
        long settings = (long) grid.length * Math.max(1, learningRates.size());
        if (settings > MAX_SETTINGS) {
            throw tooManySettings(settings, learningRates.size());
        }
        if (noOutput) {
            return tune(grid, null);
        }
        PathConverter.requireReachable(spec.commandLine(), "--out", out);
        try (OutputFolder folder = OutputFolder.open(out,
                OutputFile.inputs("--data", data.data, "--intended-use", author.intendedUse), FILES::contains, files())) {
            return tune(grid, folder);
        }
    }

    /** The most lambdas x learning rates one tune trains (each fold's as one batch of models, or all folds' as one). */
    static final int MAX_SETTINGS = 1000;

    /** Every setting of a fold is trained in one batch: 100,000 lambdas x 5 folds grew past 1.7 GB. */
    static IllegalArgumentException tooManySettings(long settings, int rates) {
        // Name the learning rates too when they multiply the grid: 3 lambdas x 500 rates had been told of --lambdas.
        return new IllegalArgumentException(String.format(Locale.ROOT, "the grid has %,d settings (lambdas x learning "
                + "rates), more than the %,d one batch of models trains: use a coarser --lambdas%s", settings,
                MAX_SETTINGS, rates > 1 ? " or fewer --learning-rates (" + rates + " given)" : ""));
    }

    /** The files of the output folder. */
    static final List<String> FILES = List.of("cv.csv", "cv.png", "model.json", "tune.json", ModelCardWriter.MARKDOWN_FILE,
            ModelCardWriter.JSON_FILE);

    /** The files this run writes: {@link #FILES}, less cv.png under --no-plots. */
    private List<String> files() {
        return noPlots ? TrainArtifacts.withoutPlots(FILES) : FILES;
    }

    /** The columns read to group rows by (even when --ignore names them): --stratify's or --group's. */
    private List<String> grouping() {
        return stratify != null ? List.of(UnicodeText.composed(UnicodeText.trimmed(stratify)))
                : data.group != null ? List.of(data.groupColumn()) : List.of();
    }

    /** @param folder where the files go, or null with --no-output */
    private int tune(double[] grid, OutputFolder folder) throws Exception {
        List<String> grouping = grouping();
        Frame raw = data.load(json, grouping);
        Frame frame = TrainPipeline.withoutMissing(raw, data.missingPolicy(), stratify == null ? null
                : UnicodeText.composed(UnicodeText.trimmed(stratify)), data.groupColumn());
        dropped = TrainPipeline.droppedRows(raw.rows(), frame.rows());
        noHeader = data.headerOfNumbers();
        if (stratify == null && data.groupColumn() == null) {
            // Named with the file and --test before the split, which would refuse none in its own words.
            requireTuningRows(frame, raw.rows(), Math.max(0, ThreeWaySplit.trainingRows(frame.rows(), 0, test)));
        }
        TrainPipeline.ShapedSplit shaped = TrainPipeline.split(frame, stratify, data.groupColumn(), 0, test,
                trainer.seed);
        ThreeWaySplit split = shaped.split();
        Optional<String> roughSplit = shaped.sizeWarning();
        // Views, not copies: the frame is held to the end (for the test rows and the target name), and a copy
        // of the tuning rows (all of them without --test) held their numbers twice during tuning.
        Frame rows = frame.viewRows(split.train());
        requireTuningRows(frame, raw.rows(), rows.rows());
        TrainPipeline.requireWeight(rows, "tuning");
        tuningRows = rows.rows();
        constantTarget = DataShapeWarnings.constantTarget(frame.targetName(), rows.targetValues(), rows.weightFloats(),
                "tuning");
        Frame features = TrainPipeline.featureFrame(rows, data.leftOut(grouping), data.ignored(), data.groupColumn());
        Preprocessing pre = PreprocessingFitter.fit(features, all(rows.rows()), preprocess.spec(data));
        if (split.test().length > 0) {
            HeldOutCategories.requireSeen(pre, frame.viewRows(split.test()), "test", stratify, data.groupColumn(),
                    rows.rows());
        }
        KFold kfold = TrainPipeline.folds(rows, stratify, data.groupColumn(), folds, trainer.seed);
        Optional<String> unevenFolds = groupedFolds(rows, kfold);
        FoldPreprocessing perFold = sharedPreprocessing ? null
                : new FoldPreprocessing(features, rows, kfold, preprocess.spec(data), pre.featureNames());
        Tuner.Result result;
        Optional<String> slowSteps;
        Optional<String> offSpan;
        Optional<String> coordinateGain;
        BackendChoice choice = Backends.select(trainer.backend);
        backend = choice.backend();
        backendReason = choice.reason();
        config = trainer.config().build();
        try (Progress progress = Progress.start("tune", trainer.epochs, json)) {
            TuneProgress fits = new TuneProgress(progress, folds, perFold == null);
            Tuner tuner = new Tuner(backend, config.toBuilder().listener(fits.listener()).build(),
                    pre.featureNames());
            double[] rates = learningRates.isEmpty() ? null
                    : learningRates.stream().mapToDouble(Double::doubleValue).toArray();
            // The fits see the targets less their mean (TargetShift); held-out residuals do not change by it. The
            // tuner scales each fold's targets itself, and gives its errors in the units of the targets it was
            // given.
            TargetShift shift = TargetShift.meanOf(rows.targetValues(), rows.weightFloats()).unscaled();
            // Every solver takes the targets in float32.
            TargetPrecision.require(rows, shift);
            float[] y = shift.apply(rows.targetValues());
            DenseMatrix x;
            if (perFold == null) {
                x = WeightlessRows.cleared(pre.transform(rows), rows.weightFloats());
                result = tuner.tune(x, y, rows.weightFloats(), kfold, grid, rates, oneStandardError);
            } else {
                // The refit's rows are encoded after the folds' fits, so one encoded matrix is held at a time.
                DenseMatrix[] refitX = new DenseMatrix[1];
                result = tuner.tune(f -> {
                    fits.fold(f);
                    return perFold.input(f);
                }, () -> {
                    fits.refit();
                    return new Tuner.FoldInput(refitX[0] = WeightlessRows.cleared(pre.transform(rows),
                            rows.weightFloats()), pre.featureNames());
                }, y, rows.weightFloats(), kfold, grid, rates, oneStandardError);
                x = refitX[0];
            }
            result = new Tuner.Result(result.cv(), result.lambda(), result.learningRate(), shift.restore(result.refit()),
                    result.unfinished(), result.epochLimited());
            slowSteps = SlowStepsWarning.of(result.refit().stopReason(0), x, rows.weightFloats(), result.lambda(),
                    pre.featureNames(), pre.scale(), trainer.tolerance, true);
            offSpan = OffSpanWarning.of(x, rows.weightFloats(), result.lambda(), pre.scale(), config, result.refit())
                    .map(w -> "the refit: " + w);
            // As train's: a refit stopped as converged may still be short of its minimum along a flat feature.
            coordinateGain = CoordinateGainWarning.of(result.refit().stopReason(0), x, rows.targetValues(),
                    rows.weightFloats(), result.lambda(), result.refit().parameters(), pre.featureNames())
                    .map(w -> "the refit: " + w);
        }
        LinearModel model = LinearModel.of(pre, frame.targetName(), result.refit().parameters(), 0, ModelMetadata.empty());
        Map<String, RegressionMetrics> metrics = new LinkedHashMap<>();
        metrics.put("train", TrainPipeline.metrics(model, rows));
        if (split.test().length > 0) {
            metrics.put("test", TrainPipeline.metrics(model, frame.viewRows(split.test())));
        }
        Map<String, String> provenance = provenance();
        provenance.put("rows_train", Integer.toString(rows.rows()));
        if (split.test().length > 0) {
            provenance.put("rows_test", Integer.toString(split.test().length));
        }
        provenance.put("backend", backend.name());
        model = model.withMetadata(new ModelMetadata(result.lambda(), metrics, provenance, data.ignored()));
        List<String> warnings = warnings(pre, result, slowSteps, offSpan, coordinateGain);
        if (perFold != null) {
            perFold.featurelessWarning().ifPresent(warnings::add);
            perFold.leftOutWarning().ifPresent(warnings::add);
            perFold.unseenWarning().ifPresent(warnings::add);
        }
        int[] tuningAndTest = java.util.stream.IntStream.concat(java.util.Arrays.stream(split.train()),
                java.util.Arrays.stream(split.test())).toArray();
        CrossPartCopies.ofFolds(TrainPipeline.featureFrame(frame.viewRows(tuningAndTest), data.leftOut(grouping),
                data.ignored(), data.groupColumn()), kfold.folds(), folds).ifPresent(warnings::add);
        unevenFolds.ifPresent(w -> warnings.add(0, w));
        roughSplit.ifPresent(w -> warnings.add(0, w));
        EmptyHeldOutPart.warning("--test", test, "test", frame.rows(), split.test().length, stratify)
                .ifPresent(warnings::add);
        if (split.test().length > 0) {
            TrainPipeline.unweighedPart(frame.viewRows(split.test()), "test").ifPresent(warnings::add);
            TrainPipeline.unseenCategories(model, frame.viewRows(split.test()), "test").ifPresent(warnings::add);
        }
        Map<String, Object> doc = report(result, metrics);
        doc.put("warnings", warnings);
        byte[] modelFile = ModelFile.toBytes(model);
        TuneCard.Run card = new TuneCard.Run(model, modelFile, result, folds, oneStandardError, rows,
                split.test().length > 0 ? frame.viewRows(split.test()) : null, raw.rows(), trainer.seed,
                trainer.solverKind(), backend.name(), backendReason, preprocess.spec(data), sharedPreprocessing, metrics,
                warnings);
        if (folder != null) {
            writeFolder(folder, result.cv(), modelFile, doc, card);
        }
        warnings.forEach(w -> spec.commandLine().getErr().println(ErrorHandler.warningLine(w)));
        print(result, frame.targetName(), doc, metrics);
        return 0;
    }

    /** Every warning of the run, for standard error and the JSON's {@code warnings}, in that order. */
    private List<String> warnings(Preprocessing pre, Tuner.Result result, Optional<String> slowSteps,
            Optional<String> offSpan, Optional<String> coordinateGain) {
        List<String> out = new ArrayList<>(pre.warnings());
        noHeader.ifPresent(w -> out.add(0, w));
        IdentifierColumns.warning(pre, tuningRows).ifPresent(out::add);
        DateColumns.warning(pre).ifPresent(out::add);
        DataShapeWarnings.caseVariants(pre).ifPresent(out::add);
        DataShapeWarnings.unseenWithoutCategories(pre).ifPresent(out::add);
        constantTarget.ifPresent(out::add);
        dropped.ifPresent(out::add);
        out.addAll(oncePerColumn(LevelCollinearity.reworded(EngineWarnings.take(), pre)));
        GridEdgeWarning.of(result.cv(), lambdas).ifPresent(out::add);
        boolean automaticRate = learningRates.isEmpty() && Double.isNaN(TrainerOptions.parseRate(trainer.lr));
        GridEdgeWarning.diverged(result.cv(), trainer.solverKind() == Solver.EXACT, automaticRate).ifPresent(out::add);
        if (result.unfinished() > 0) {
            out.add(String.format(Locale.ROOT, "the time limit stopped %d of the %d cross-validation fits before they "
                    + "finished: the table compares unfinished fits", result.unfinished(),
                    result.cv().points().size() * folds));
        }
        if (trainer.solverKind() == Solver.SGD) {
            // The cross-validation fits draw their batches from every tuning row (a fold's held-out rows weigh 0).
            BatchSizeWarning.of(trainer.batchSize, tuningRows, "tuning rows",
                    spec.commandLine().getParseResult().hasMatchedOption("--batch-size")).ifPresent(out::add);
        }
        if (result.epochLimited() > 0) {
            out.add(String.format(Locale.ROOT, "%d of the %d cross-validation fits ran all --epochs %d before their "
                    + "gradient norm fell to --tol: their held-out errors may be those of fits short of their minimum, "
                    + "and the choice with them; raise --epochs or use --solver exact", result.epochLimited(),
                    result.cv().points().size() * folds, trainer.epochs));
        }
        EpochLimitWarning.of("the refit", result.refit(), config, backend.name(), pre.scale()).ifPresent(out::add);
        AboveStartWarning.of("the refit", result.refit(), config).ifPresent(out::add);
        if (trainer.solverKind() == Solver.SGD) {
            ShortPlateauWarning.of(result.refit().stopReason(0), config.plateauReads(), config.batchSize(), tuningRows,
                    config.momentum() > 0)
                    .map(w -> "the refit: " + w).ifPresent(out::add);
        }
        slowSteps.ifPresent(out::add);
        offSpan.ifPresent(out::add);
        coordinateGain.ifPresent(out::add);
        if (result.refit().stopReason(0) == StopReason.TIME_LIMIT) {
            out.add(result.refit().epochs(0) == 0
                    ? TrainPipeline.TIME_LIMIT_BEFORE_FIRST_EPOCH.replace("the model is", "the refitted model is")
                    : String.format(Locale.ROOT, "the time limit stopped the refit after %d epochs, before it converged: "
                            + "the model is an unfinished fit", result.refit().epochs(0)));
        }
        return out;
    }

    /**
     * The exact solver warns once a solve, for its worst model, of a column almost a combination of the others; a
     * tune that refits its preprocessing per fold solves once a fold, and repeated the line for every fold: the
     * last of each lambda and column is kept (the text before its own 1 - R^2 and correlation), which is the
     * refit's where the refit's lambda and column are those of a fold's line (the refit solves last), so the
     * figures shown are those of the model written.
     */
    static List<String> oncePerColumn(List<String> engine) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> kept = new ArrayList<>();
        for (int i = engine.size() - 1; i >= 0; i--) {
            String w = engine.get(i);
            int cut = w.indexOf(" (1 - R^2");
            if (cut < 0 || !w.contains("is almost a linear combination") || seen.add(w.substring(0, cut))) {
                kept.add(w);
            }
        }
        java.util.Collections.reverse(kept);
        return kept;
    }

    /**
     * Grouped folds are as large as their groups: a fold holding nearly every row leaves its fit one training row
     * (or none), which {@link #requireTuningRows}' round-robin count cannot see (an error; only at 2 folds, since
     * from 3 on each of the other folds takes a group of its own); folds of very unequal
     * sizes weigh equally in the CV MSE, the mean of the folds' errors (a warning, when the largest holds more
     * than twice the rows of the smallest).
     */
    private Optional<String> groupedFolds(Frame rows, KFold kfold) {
        if (data.group == null) {
            return Optional.empty();
        }
        int[] sizes = new int[folds];
        for (int f : kfold.folds()) {
            sizes[f]++;
        }
        int largest = java.util.Arrays.stream(sizes).max().getAsInt();
        int smallest = java.util.Arrays.stream(sizes).min().getAsInt();
        int fewestTraining = rows.rows() - largest;
        if (fewestTraining < 2) {
            throw new DataException(String.format(Locale.ROOT, "%s: --group %s: one of the %d folds holds %d of the %d "
                    + "tuning rows (its groups are whole), so its fit trains on %d, and training needs at least 2: "
                    + "this needs data with more groups, or groups of more even size", rows.source(),
                    data.groupColumn(), folds, largest, rows.rows(), fewestTraining));
        }
        if (largest <= 2L * smallest) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "--group %s: the %d folds hold %d to %d of the %d tuning rows"
                + " (each takes whole groups), and the CV MSE is the mean of the folds' errors, so a fold of %d rows"
                + " weighs as much as one of %d: with more, smaller groups the folds come nearer %d rows each",
                data.groupColumn(), folds, smallest, largest, rows.rows(), smallest, largest,
                Math.round((double) rows.rows() / folds)));
    }

    /**
     * k folds need k rows, each held out once, and every fit at least two training rows, as train's: with one,
     * every fold had the same CV error (1.0 on two rows), whatever the setting, and the smallest lambda was
     * "chosen". Checked before the preprocessing, which on one row failed as "every feature column is
     * constant", and named with what set the other rows aside.
     */
    private void requireTuningRows(Frame frame, int readRows, int tuning) {
        // Folds are dealt round-robin (KFold), so the largest holds ceil(tuning / k) rows.
        int fewestTraining = tuning - (tuning + folds - 1) / folds;
        if (tuning >= folds && fewestTraining >= 2) {
            return;
        }
        String rows = RowCount.kept(frame.rows(), readRows);
        boolean all = tuning == frame.rows();
        String why = all ? String.format(Locale.ROOT, "%s: %s of data", frame.source(), rows)
                : String.format(Locale.ROOT, "%s: %s leave%s %d for tuning after the test rows (--test %s) are set "
                + "aside", frame.source(), rows, frame.rows() == 1 ? "s" : "", tuning, TrainPipeline.plain(test));
        String fewer = all ? "give more rows" : "hold out fewer";
        if (tuning < folds) {
            // Below 3 rows no fold count works: 2 folds of 2 rows train each fit on 1.
            throw new DataException(why + "; " + folds + "-fold cross-validation needs at least " + folds + " rows: "
                    + fewer + (tuning >= 3 ? " or use fewer --folds" : " (cross-validation needs at least 3)"));
        }
        throw new DataException(String.format(Locale.ROOT, "%s; %d-fold cross-validation trains each fit on the rows"
                + " outside one fold, here as few as %d, and training needs at least 2: %s%s", why, folds,
                fewestTraining, fewer, tuning >= 3 ? " or use more --folds" : ""));
    }

    private static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }

    private Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("data", data.sourceName());
        p.put("data_sha256", data.sha256());
        p.put("command", CommandText.of(spec));
        p.put("ridgeline_version", new VersionProvider().getVersion()[0]);
        p.put("java_version", System.getProperty("java.version"));
        p.put("created", java.time.Instant.now().toString());
        if (data.weights != null) {
            p.put("weights", data.weights);
        }
        return p;
    }

    private Map<String, Object> report(Tuner.Result r, Map<String, RegressionMetrics> metrics) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("folds", folds);
        doc.put("one_standard_error", oneStandardError);
        doc.put("shared_preprocessing", sharedPreprocessing);
        doc.put("lambda", r.lambda());
        doc.put("learning_rate", rate(r.learningRate()));
        doc.put("cv_mse", r.cv().chosenPoint().mean());
        doc.put("cv_mse_note", optimism(r.cv().points().size(), metrics.containsKey("test"), sharedPreprocessing));
        doc.put("best_lambda", r.cv().bestPoint().lambda());
        // With --learning-rates the least-error setting is a pair: its lambda alone did not identify it.
        doc.put("best_learning_rate", rate(r.cv().bestPoint().learningRate()));
        doc.put("weights", data.weights);
        doc.put("ignored", data.ignored());
        doc.put("cv_unfinished", r.unfinished());
        List<Map<String, Object>> table = new ArrayList<>();
        for (CvPoint p : r.cv().points()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("lambda", p.lambda());
            row.put("learning_rate", rate(p.learningRate()));
            row.put("mean_mse", p.mean());
            row.put("std_mse", p.std());
            table.add(row);
        }
        doc.put("cv", table);
        Map<String, Object> m = new LinkedHashMap<>();
        metrics.forEach((part, v) -> m.put(part, TrainReport.metricsJson(v)));
        doc.put("metrics", m);
        doc.put("output", noOutput ? null : out.toString());
        doc.put("files", noOutput ? List.of() : files());
        return doc;
    }

    /** A learning rate for reports: the number, "auto" (1/L per model), or null for the exact solver (no steps). */
    private Object rate(double lr) {
        return exact() ? null : Double.isNaN(lr) ? "auto" : lr;
    }

    private boolean exact() {
        return trainer.solverKind() == Solver.EXACT;
    }

    private void writeFolder(OutputFolder folder, CrossValidationResult cv, byte[] modelFile, Map<String, Object> doc,
            TuneCard.Run card) throws Exception {
        folder.add("cv.csv", cv.toCsv(!exact()).getBytes(StandardCharsets.UTF_8));
        if (!noPlots) {
            folder.add("cv.png", TuneGrid.plot(cv));
        }
        folder.add("model.json", modelFile);
        folder.add("tune.json", (CliJson.pretty(doc) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        TuneCard.write(folder, spec, this::unused, card, author, !noPlots);
        folder.commit();
    }

    /** Options the chosen solver does not read: left out of the card. */
    private boolean unused(String name) {
        return exact() ? TrainerOptions.NOT_FOR_EXACT.contains(name)
                : trainer.solverKind() == Solver.GD && TrainerOptions.ONLY_FOR_SGD.contains(name);
    }

    private void print(Tuner.Result r, String target, Map<String, Object> doc, Map<String, RegressionMetrics> metrics)
            throws Exception {
        var stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(CliJson.compact(doc));
            stdout.flush();
            return;
        }
        // The exact solver takes no steps: its table has no learning-rate column.
        String rateHeader = exact() ? "" : String.format(Locale.ROOT, " %14s", "learning rate");
        int settings = r.cv().points().size();
        stdout.printf(Locale.ROOT, "%d-fold cross-validation, %d setting%s, %s%n%n%14s%s %14s %14s%n", folds, settings,
                settings == 1 ? "" : "s", sharedPreprocessing ? "one preprocessing for all folds (--shared-preprocessing)"
                        : "the preprocessing fitted in each fold", "lambda", rateHeader, "mean MSE", "std MSE");
        int least = CrossValidationResult.leastMean(r.cv().points());
        for (int i = 0; i < r.cv().points().size(); i++) {
            CvPoint p = r.cv().points().get(i);
            // The tie rule can pass over the least mean (within 1e-6 of it, for the larger lambda), which the
            // printed digits do not show: marked, it does not read as a choice that missed the minimum.
            String mark = i == r.cv().chosen() ? "  <- chosen" : i == r.cv().best() ? "  (best mean)"
                    : i == least ? "  (least mean; a tie with the best, within 1e-6, goes to the larger lambda)" : "";
            String rate = exact() ? "" : String.format(Locale.ROOT, " %14s", rate(p.learningRate()));
            stdout.printf(Locale.ROOT, "%14.6g%s %14.6g %14.6g%s%n", p.lambda(), rate, p.mean(), p.std(), mark);
        }
        // With a grid of rates the chosen one is part of the choice; otherwise it is the one configured.
        String chosenRate = learningRates.isEmpty() ? "" : ", learning rate " + r.learningRate();
        stdout.print(System.lineSeparator() + TrainReport.targetLine(target, data.target != null));
        stdout.printf(Locale.ROOT, "chosen     lambda %s%s%s, CV MSE %.6g%s; refitted on %s%n", r.lambda(), chosenRate,
                oneStandardError ? " (one-standard-error rule)" : "", r.cv().chosenPoint().mean(),
                Optional.ofNullable(optimism(settings, metrics.containsKey("test"), sharedPreprocessing))
                        .map(n -> " (" + n + ")").orElse(""), RowCount.of(tuningRows));
        // The refitted model's scores: on the tuning rows, and on the --test rows the tuning never saw.
        StringBuilder scores = new StringBuilder(String.format(Locale.ROOT, "%n")).append(TrainReport.metricsHeader());
        metrics.forEach((part, m) -> TrainReport.appendMetrics(scores, part, m));
        stdout.print(scores.append(String.format(Locale.ROOT, "%n")));
        if (data.weights != null) {
            stdout.printf("weights    column '%s': the fits and the CV errors are weighted%n", data.weights);
        }
        if (!noOutput) {
            stdout.printf("wrote      %s: %s%n", out, String.join(", ", FILES));
        }
        stdout.flush();
    }

    /**
     * Why the chosen setting's CV MSE is no estimate of new rows' error: it won a comparison on the same folds, and
     * with --shared-preprocessing each held-out fold's values also scaled, filled and encoded its own fits (on 30
     * rows 40 % missing, two thirds of the pipeline's CV MSE; TuneFoldPreprocessingTest), which a grid of one
     * setting had left unsaid. Null for a grid of one setting with the preprocessing refitted in each fold.
     */
    static String optimism(int settings, boolean testRows, boolean shared) {
        if (settings == 1 && !shared) {
            return null;
        }
        String chosen = settings == 1 ? "" : "chosen among " + settings + " settings on these folds";
        String leaked = !shared ? "" : "each fold's held-out rows fitted the preprocessing of its fits"
                + " (--shared-preprocessing)";
        return chosen + (chosen.isEmpty() || leaked.isEmpty() ? "" : ", and ") + leaked + ", so optimistic"
                + (testRows ? ": the test figures are not" : "; --test 0.2 keeps rows that the tuning never sees");
    }
}
