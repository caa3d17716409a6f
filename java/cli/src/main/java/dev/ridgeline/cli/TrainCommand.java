package dev.ridgeline.cli;

import dev.ridgeline.card.ModelCardWriter;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.data.UnicodeText;
import dev.ridgeline.train.Solver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code ridgeline train}: read data (the embedded diabetes table by default), handle missing values, split
 * train/validation/test with a seed, fit the preprocessing on the training rows, train, report metrics and
 * coefficients, and write the output folder (model, metrics, plots).
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Train a ridge model, report its fit, and write the output folder.",
            "With no options: the embedded diabetes data (442 rows, target 'progression'), lambda 1, an 80/20 "
                    + "split and z-scored features; writes ridgeline-out/ (model.json, metrics.json, four PNG plots, "
                    + "model-card.md, model-card.json and the explanation plots).",
            "Responsible modelling: --dp (DP-SGD with an (epsilon, delta) accountant), --sensitive COL... "
                    + "(group metrics), --mitigate (bounded group loss); see docs/responsible.md."})
final class TrainCommand implements Callable<Integer> {
    /**
     * The pipeline's files of the output folder, in order: model, metrics (the JSON object of the run, with
     * the responsible-modelling keys), plots. {@link #contributors} adds the model card after them; each
     * contributor gets the whole outcome of the run and adds files by name.
     */
    static List<OutputContributor> contributors(Map<String, Object> extraJson, OutputContributor card, boolean plots) {
        return plots ? List.of(TrainArtifacts.MODEL_FILE, TrainArtifacts.metricsFile(extraJson), TrainArtifacts.PLOTS, card)
                : List.of(TrainArtifacts.MODEL_FILE, TrainArtifacts.metricsFile(extraJson), card);
    }

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    PreprocessOptions preprocess;

    @Option(names = "--lambda", paramLabel = "LAMBDA", defaultValue = "1.0", description = "L2 penalty lambda >= 0 (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Mixin
    TrainerOptions trainer;

    @Mixin
    ResponsibleOptions responsible;

    @Option(names = {"--holdout", "--validation"}, defaultValue = "0.2", paramLabel = "FRACTION",
            description = "Fraction of rows held out for validation; 0 for none (default: ${DEFAULT-VALUE}).")
    double holdout;

    @Option(names = "--test", defaultValue = "0", paramLabel = "FRACTION",
            description = "Fraction of rows held out for a final test (default: ${DEFAULT-VALUE}).")
    double test;

    @Option(names = "--stratify", converter = ColumnNameText.class, paramLabel = "COL",
            description = "Split so that each part keeps the proportions of this column's values (a column of"
                    + " categories, such as a sensitive attribute); not with --group, nor with --holdout 0 and no --test.")
    String stratify;

    @Option(names = "--patience", defaultValue = "0", paramLabel = "READS",
            description = "Early stopping: stop after this many loss reads without a better validation loss, "
                    + "keeping the best weights (the loss is read every epoch on java-scalar and java-vector, every "
                    + "16 on cuda for gd); 0 = off (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--out", defaultValue = "ridgeline-out", paramLabel = "DIR",
            converter = PathConverter.DefaultedFolder.class,
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-output", description = "Report only; write no output folder.")
    boolean noOutput;

    @Option(names = "--no-plots", description = TrainArtifacts.NO_PLOTS_HELP)
    boolean noPlots;

    @Option(names = "--json", description = "Print one JSON object instead of the report (keys in docs/cli.md).")
    boolean json;

    /**
     * Options of plain training that DP-SGD does not read: given with --dp, they would be silently ignored, and
     * the model card of a --dp run leaves them out.
     */
    static final List<String> NOT_FOR_DP = List.of("--solver", "--epochs", "--lr", "--batch-size", "--plateau",
            "--momentum", "--nesterov", "--tol", "--init", "--patience", "--time-limit");

    /**
     * --patience under --mitigate: early stopping reads the validation loss with the rows' own weights, while each
     * round fits the groups' weights, so it stopped every reweighted round near where the plain fit does best (on
     * four groups of 1,000 to 15 rows the chosen round kept its weights after epoch 1), and the validation rows that
     * give mitigation's held-out outcome would have steered every round.
     */
    static final String PATIENCE_WITH_MITIGATE = "--patience cannot be combined with --mitigate: early stopping reads"
            + " the validation loss without the group weights that each round fits, so it would stop the reweighted"
            + " fits where the plain fit does best; use --tol or --epochs";

    /** The usage error of a --dp run given options DP-SGD does not read, or row weights; null when none. */
    private String dpConflict() {
        List<String> given = NOT_FOR_DP.stream().filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
        if (!given.isEmpty()) {
            return "--dp trains by DP-SGD with its own settings (--dp-epochs, --dp-lr, --dp-batch, --dp-clip, "
                    + "--dp-noise or --dp-epsilon); " + String.join(", ", given)
                    + (given.size() == 1 ? " does" : " do") + " not apply to it";
        }
        if (data.weights != null) {
            return "--weights cannot be combined with --dp: the privacy accountant assumes that every row counts once";
        }
        return null;
    }

    /** Options that only shape the output folder or its model card, given with --no-output. */
    private static String noOutputConflict(ParseResult given) {
        List<String> idle = List.of("--out", "--no-plots", "--model-name", "--intended-use").stream()
                .filter(given::hasMatchedOption).toList();
        if (!idle.isEmpty()) {
            return String.join(", ", idle) + (idle.size() == 1 ? " shapes" : " shape")
                    + " the output folder and its model card, which --no-output does not write";
        }
        if (given.hasMatchedOption("--bootstrap") && !given.hasMatchedOption("--sensitive")) {
            return "--bootstrap without --sensitive sets only the resamples behind the model card's metric intervals,"
                    + " which --no-output does not write";
        }
        return null;
    }

    @Override
    public Integer call() throws Exception {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("--lambda must be a finite number >= 0, got " + TrainPipeline.plain(lambda));
        }
        if (patience < 0) {
            throw new IllegalArgumentException("--patience must be >= 0, got " + patience);
        }
        // Options that cannot run together, or that the run would ignore: usage errors (exit 2).
        ParseResult given = spec.commandLine().getParseResult();
        String conflict = responsible.conflict(given);
        if (conflict == null) {
            conflict = responsible.dp ? dpConflict() : trainer.ignoredBySolverMessage(given);
        }
        if (conflict == null && responsible.mitigate && patience > 0) {
            conflict = PATIENCE_WITH_MITIGATE;
        }
        if (conflict == null) {
            conflict = data.conflict(given, grouping());
        }
        if (conflict == null && noOutput) {
            conflict = noOutputConflict(given);
        }
        if (conflict == null && stratify != null && data.group != null) {
            conflict = GROUP_AND_STRATIFY;
        }
        if (conflict == null && (stratify != null || data.group != null) && holdout == 0 && test == 0) {
            conflict = (stratify != null ? "--stratify" : "--group") + " shapes the split into training, validation "
                    + "and test rows, and there is none to make with --holdout 0 and no --test";
        }
        if (conflict != null) {
            throw new ParameterException(spec.commandLine(), conflict);
        }
        boolean typedValidation = spec.commandLine().getParseResult().originalArgs().stream()
                .anyMatch(a -> a.equals("--validation") || a.startsWith("--validation="));
        SplitFractions.check(typedValidation ? "--validation" : "--holdout", holdout, "--test", test);
        if (!responsible.dp) {
            trainer.validate();
        }
        if (!noOutput) {
            PathConverter.requireReachable(spec.commandLine(), "--out", out);
        }
        ResponsibleRun run = ResponsibleRun.start(responsible, trainer.seed);
        try (OutputFolder folder = noOutput ? null : OutputFolder.open(out,
                OutputFile.inputs("--data", data.data, "--intended-use", responsible.author.intendedUse), TrainCommand::mayWrite,
                noPlots ? TrainArtifacts.withoutPlots(ALWAYS_WRITES) : ALWAYS_WRITES)) {
            return train(run, folder);
        }
    }

    /** Why --group and --stratify cannot go together (train and tune). */
    static final String GROUP_AND_STRATIFY = "--group and --stratify cannot go together: a grouped split moves whole "
            + "groups, so it cannot also keep each part's proportions of another column; choose one";

    /**
     * The files every run with an output folder writes, whatever its data and options (loss.png needs a loss
     * history, which --dp keeps none of; the groups-COL.png names come from the data's columns).
     */
    static final List<String> ALWAYS_WRITES = List.of(TrainArtifacts.MODEL, TrainArtifacts.METRICS,
            TrainArtifacts.PREDICTED, TrainArtifacts.RESIDUALS, TrainArtifacts.COEFFICIENTS, "importance.png",
            "waterfall-row-0.png", ModelCardWriter.MARKDOWN_FILE, ModelCardWriter.JSON_FILE);

    /** The files a run may write: the pipeline's, the card's, and a groups-COL.png per --sensitive column. */
    static boolean mayWrite(String name) {
        return ALWAYS_WRITES.contains(name) || name.equals(TrainArtifacts.LOSS)
                || name.startsWith("groups-") && name.endsWith(".png");
    }

    private int train(ResponsibleRun run, OutputFolder folder) throws Exception {
        Frame frame = data.load(json, grouping());
        run.check(frame, data.missingPolicy());
        Optional<String> droppedForGroups = data.missingPolicy() == MissingPolicy.DROP
                ? SensitiveColumns.droppedFromTraining(frame, sensitiveLeftOut()) : Optional.empty();
        TrainPipeline.Settings settings = settings();
        TrainOutcome outcome;
        // DP-SGD's epochs are its own (--dp-epochs, a fraction rounded up), all of which it runs.
        long epochs = responsible.dp ? (long) Math.min(Integer.MAX_VALUE, Math.ceil(responsible.dpEpochs))
                : trainer.epochs;
        try (Progress progress = Progress.start("train", epochs, json)) {
            outcome = TrainPipeline.run(frame, settings, trainer.config().listener(progress.listener()), run.fitStep());
        }
        ResponsibleReport report = run.report(outcome, json);
        List<String> warnings = warnings(outcome, report, droppedForGroups);
        // The JSON object and metrics.json list every warning that standard error shows.
        Map<String, Object> extraJson = new LinkedHashMap<>(report.jsonKeys());
        extraJson.put("warnings", warnings);
        List<String> files = List.of();
        if (folder != null) {
            CardAssembler card = new CardAssembler(responsible, spec, trainer.seed, settings.spec(), report,
                    report.cardWarnings(warnings), json, !noPlots);
            for (OutputContributor c : contributors(extraJson, card, !noPlots)) {
                c.contribute(outcome, folder);
            }
            folder.commit();
            files = folder.names();
        }
        warnings.forEach(w -> spec.commandLine().getErr().println(ErrorHandler.warningLine(w)));
        print(outcome, report, extraJson, files);
        return 0;
    }

    /**
     * The run's warnings: the pipeline's, rows that --missing drop removed for an ignored --sensitive column, the
     * responsible reports', and those of option combinations.
     */
    private List<String> warnings(TrainOutcome outcome, ResponsibleReport report, Optional<String> droppedForGroups) {
        List<String> out = new ArrayList<>(outcome.warnings());
        droppedForGroups.ifPresent(out::add); // after the pipeline's count of the rows dropped
        data.headerOfNumbers().ifPresent(w -> out.add(0, w));
        out.addAll(LevelCollinearity.reworded(EngineWarnings.take(), outcome.model().preprocessing()));
        out.addAll(report.warnings());
        SensitiveColumns columns = responsible.hasSensitive() ? SensitiveColumns.fit(outcome.parts().get("train"),
                responsible.sensitive, responsible.sensitiveBins) : null;
        if (columns != null) {
            out.addAll(columns.mergedBins());
            // A sensitive column that is a feature gets the preprocessing's warning already.
            out.addAll(columns.caseVariants(outcome.parts().get("train"),
                    outcome.model().preprocessing().inputSchema().keySet()));
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--sensitive-bins")
                && (columns == null || !columns.binsAny())) {
            // Known only from the data, so a warning rather than the usage error of an option that is always idle.
            out.add("--sensitive-bins does nothing here: no --sensitive column is numeric with more than "
                    + SensitiveColumns.MAX_DISTINCT + " distinct values, so each column's own values are its groups");
        }
        if (outcome.solver() == Solver.SGD && !responsible.dp) {
            BatchSizeWarning.of(trainer.batchSize, outcome.parts().get("train").rows(), "training rows",
                    spec.commandLine().getParseResult().hasMatchedOption("--batch-size")).ifPresent(out::add);
        }
        // Without a finite epsilon (noise 0, or too little) there is no (epsilon, delta) for the seed to void.
        if (responsible.dp && !responsible.dpSecure() && report.dp() != null
                && report.dp().result().hasFiniteEpsilon()) {
            out.add("--dp-seeded: sampling and noise come from a generator seeded by --seed, so the run is"
                    + " reproducible and its (epsilon, delta) is no guarantee against anyone who knows the seed");
        }
        if (responsible.dp && data.group != null) {
            // No count of a unit's rows is quoted: it would be a statistic of the private rows.
            out.add("--dp protects one row, and --group " + data.groupColumn() + " says that a unit may have several: a"
                    + " unit of g rows is protected only as group privacy allows (g times epsilon, and a larger delta);"
                    + " to protect each unit at (epsilon, delta), keep one row per unit");
        }
        return out;
    }

    private TrainPipeline.Settings settings() {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("data", data.sourceName());
        provenance.put("data_sha256", data.sha256());
        provenance.put("command", CommandText.of(spec));
        provenance.put("ridgeline_version", new VersionProvider().getVersion()[0]);
        provenance.put("java_version", System.getProperty("java.version"));
        provenance.put("created", java.time.Instant.now().toString());
        return new TrainPipeline.Settings(holdout, test, stratify, data.groupColumn(), trainer.seed, preprocess.spec(data), lambda,
                patience, trainer.backend, provenance, data.ignored(), data.leftOut(grouping()));
    }

    /**
     * The --sensitive columns that --ignore leaves out of the features and that are neither --stratify nor --group:
     * read for the fairness tables alone.
     */
    private List<String> sensitiveLeftOut() {
        if (!responsible.hasSensitive()) {
            return List.of();
        }
        List<String> sensitive = responsible.sensitive.stream()
                .map(n -> UnicodeText.composed(UnicodeText.trimmed(n))).toList();
        List<String> other = new ArrayList<>();
        if (stratify != null) {
            other.add(UnicodeText.composed(UnicodeText.trimmed(stratify)));
        }
        if (data.group != null) {
            other.add(data.groupColumn());
        }
        return data.leftOut(grouping()).stream().filter(sensitive::contains).filter(n -> !other.contains(n)).toList();
    }

    /** The columns read to group rows by: --sensitive, --stratify and --group (read even when --ignore names them). */
    private List<String> grouping() {
        List<String> names = new ArrayList<>();
        if (responsible.hasSensitive()) {
            names.addAll(responsible.sensitive);
        }
        if (stratify != null) {
            names.add(stratify);
        }
        if (data.group != null) {
            names.add(data.group);
        }
        return names.stream().map(n -> UnicodeText.composed(UnicodeText.trimmed(n))).toList();
    }

    private void print(TrainOutcome outcome, ResponsibleReport extra, Map<String, Object> extraJson, List<String> files)
            throws Exception {
        TrainReport report = TrainReport.of(outcome);
        var stdout = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = report.toMap();
            doc.putAll(extraJson);
            doc.put("output", noOutput ? null : out.toString());
            doc.put("files", files);
            stdout.println(CliJson.compact(doc));
        } else {
            stdout.print(report.toText(data.target != null));
            stdout.print(extra.toText());
            if (!noOutput) {
                stdout.printf("%nwrote      %s: %s%n", out, String.join(", ", files));
            }
        }
        stdout.flush();
    }
}
