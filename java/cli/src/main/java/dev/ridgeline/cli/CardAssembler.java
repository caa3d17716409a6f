package dev.ridgeline.cli;

import dev.ridgeline.card.AuthorStatements;
import dev.ridgeline.card.BuildInfo;
import dev.ridgeline.card.ModelCard;
import dev.ridgeline.card.ModelCardJson;
import dev.ridgeline.card.ModelCardMarkdown;
import dev.ridgeline.card.ModelCardWriter;
import dev.ridgeline.card.Provenance;
import dev.ridgeline.card.Sha256;
import dev.ridgeline.card.Stewardship;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.UnicodeText;
import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.explain.InputSpace;
import dev.ridgeline.explain.LinearShap;
import dev.ridgeline.fairness.BootstrapSettings;
import dev.ridgeline.fairness.FairnessAnalyzer;
import dev.ridgeline.fairness.FairnessMetric;
import dev.ridgeline.fairness.FairnessReport;
import dev.ridgeline.fairness.GroupMetrics;
import dev.ridgeline.fairness.Interval;
import dev.ridgeline.model.HiddenNames;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.train.Solver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The model card of a {@code train} run as an {@link OutputContributor}: the explanation plots
 * ({@code importance.png}, {@code waterfall-row-0.png}), one {@code groups-<attribute>.png} per fairness
 * table, then {@code model-card.md} and {@code model-card.json}, which link every plot in the folder.
 * Runs after the pipeline's contributors so that their plots are linked too.
 */
final class CardAssembler implements OutputContributor {
    private static final Map<String, String> PIPELINE_PLOTS = Map.of(
            TrainArtifacts.LOSS, "Loss per epoch", TrainArtifacts.PREDICTED, "Predicted vs actual",
            TrainArtifacts.RESIDUALS, "Residuals", TrainArtifacts.COEFFICIENTS, "Coefficients (scaled features)");

    private final ResponsibleOptions options;
    private final CommandSpec spec;
    private final long seed;
    private final PreprocessingSpec preprocessing;
    private final ResponsibleReport report;
    /** The run's warnings, as standard error shows them. */
    private final List<String> warnings;
    /** Whether the run shows no progress (--json). */
    private final boolean quiet;
    /** Whether the card's plots are drawn and linked (not under --no-plots). */
    private final boolean plots;

    /**
     * @param quiet whether the run shows no progress (--json); else the bootstrap of the metrics' intervals does
     * @param plots whether to draw the explanation and fairness plots and link them (false: --no-plots)
     */
    CardAssembler(ResponsibleOptions options, CommandSpec spec, long seed, PreprocessingSpec preprocessing,
            ResponsibleReport report, List<String> warnings, boolean quiet, boolean plots) {
        this.options = options;
        this.spec = spec;
        this.seed = seed;
        this.preprocessing = preprocessing;
        this.report = report;
        this.warnings = List.copyOf(warnings);
        this.quiet = quiet;
        this.plots = plots;
    }

    @Override
    public void contribute(TrainOutcome outcome, OutputFolder folder) {
        LinearModel model = outcome.model();
        Frame train = outcome.parts().get("train");
        // The metrics and the waterfall: the evaluation rows, which the fairness tables leave for the test rows
        // when --patience chose on them (ResponsibleRun.fairnessPart).
        Frame eval = outcome.parts().get(outcome.evaluationPart());
        LinearShap shap = LinearShap.fit(model, train);
        CoefficientTable table = CoefficientTable.of(model, shap.meanAbsolutePhi(train));
        List<ModelCard.PlotLink> links = new ArrayList<>();
        double[] predicted = model.predict(eval);
        if (plots) {
            drawPlots(outcome, folder, shap, table, eval, predicted, links);
        }
        Map<String, String> provenance = model.metadata().provenance();
        AuthorStatements author = authorStatements();
        ModelCard card = new ModelCard(details(outcome, folder), author.intendedUse(),
                stewardship(author.stewardship(), provenance.get("data_sha256")),
                data(outcome), training(outcome),
                metrics(outcome, eval, predicted), fairness(outcome), report.privacy(),
                new ModelCard.Explanation(shap.base(), "the " + train.rows() + " training rows"
                        + (train.hasWeights() ? ", weighted by their row weights" : "") + "; SHAP in the model's input "
                        + "space, the encoded features before scaling", table),
                Provenance.capture(created(model), provenance.getOrDefault("command", "ridgeline train"), libraries()),
                links, warnings);
        folder.add(ModelCardWriter.MARKDOWN_FILE, ModelCardMarkdown.render(card).getBytes(StandardCharsets.UTF_8));
        folder.add(ModelCardWriter.JSON_FILE, ModelCardJson.render(card).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Links the pipeline's plots already in the folder, then draws and links the explanation plots and one
     * groups plot per fairness table. Shapes: predicted (rows of eval).
     */
    private void drawPlots(TrainOutcome outcome, OutputFolder folder, LinearShap shap, CoefficientTable table,
            Frame eval, double[] predicted, List<ModelCard.PlotLink> links) {
        LinearModel model = outcome.model();
        for (String name : folder.names()) {
            if (PIPELINE_PLOTS.containsKey(name)) {
                // The exact solve takes no epochs: its loss plot is the one point of the solution.
                boolean onePoint = name.equals(TrainArtifacts.LOSS) && outcome.training().history().size() < 2;
                links.add(new ModelCard.PlotLink(onePoint ? "Loss (one point: no epochs to plot)"
                        : PIPELINE_PLOTS.get(name), name));
            }
        }
        folder.add("importance.png", ResponsiblePlots.importance(table));
        links.add(new ModelCard.PlotLink("Global importance (mean |SHAP|)", "importance.png"));
        String first = "SHAP waterfall of the first " + outcome.evaluationPart() + " row (line " + eval.line(0)
                + " of the data)";
        folder.add("waterfall-row-0.png", ResponsiblePlots.waterfall(
                shap.explain(InputSpace.rows(model, eval.selectRows(new int[] {0}))[0], predicted[0]), first,
                java.util.Set.copyOf(ExplainCommand.imputedFeatures(model, eval, 0)),
                ExplainCommand.unseenFeatures(model, ExplainCommand.unseenLabels(model, eval, 0))));
        links.add(new ModelCard.PlotLink(first, "waterfall-row-0.png"));
        List<FairnessReport> reports = report.fairness();
        for (int a = 0; a < reports.size(); a++) {
            FairnessReport r = reports.get(a);
            String name = unusedName(folder, "groups-" + plotStem(r.attribute(), a + 1));
            folder.add(name, ResponsiblePlots.groups(r));
            links.add(new ModelCard.PlotLink("Error by " + r.attribute(), name));
        }
    }

    /**
     * The attribute's name as a portable file-name part: accents dropped ("Région" gives "Region"), other
     * characters outside [A-Za-z0-9_-] as '_' ("Größe" gives "Gro_e"); a name with no ASCII letter or digit
     * left (such as "性别", which had given "groups-_.png") becomes "attribute-N", N its place among the
     * attributes; one of more than 200 characters is cut to 180 and a hash of the whole follows.
     */
    static String plotStem(String attribute, int position) {
        String unaccented = Normalizer.normalize(attribute, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String stem = unaccented.replaceAll("[^A-Za-z0-9_-]+", "_");
        if (!stem.chars().anyMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            return "attribute-" + position;
        }
        // Long names (two survey questions as one intersection) had made a file name over 255 bytes, and the
        // run failed after training: cut, with a hash of the whole, as a long output name's companions are.
        return HiddenNames.stem(stem);
    }

    /**
     * STEM.png, or STEM-2.png, STEM-3.png, ... when an earlier attribute's name gave that file already (columns
     * 'a b' and 'a_b' both become groups-a_b): one plot must not replace another that the card links.
     */
    private static String unusedName(OutputFolder folder, String stem) {
        List<String> taken = folder.names();
        String name = stem + ".png";
        for (int k = 2; taken.contains(name); k++) {
            name = stem + "-" + k + ".png";
        }
        return name;
    }

    private ModelCard.Details details(TrainOutcome outcome, OutputFolder folder) {
        String source = outcome.model().metadata().provenance().getOrDefault("data", "the data");
        String name = options.author.name(source);
        String backend = outcome.fit().backend();
        byte[] modelFile = folder.content(TrainArtifacts.MODEL);
        return new ModelCard.Details(name, Provenance.currentVersion(), createdDate(outcome.model()),
                where(backend, outcome.fit().backendReason(), outcome.solver() == Solver.EXACT && !options.dp),
                hardware(backend), "ridge regression (linear, L2-regularised)",
                modelFile == null ? null : TrainArtifacts.MODEL, modelFile == null ? null : Sha256.of(modelFile));
    }

    /**
     * The card's backend line: the backend and why it was chosen, and for an exact solve that the solve itself ran
     * in double on the CPU (ExactSolver's), the backend computing only its loss.
     */
    static String where(String backend, String reason, boolean exactSolve) {
        String where = backend + " (" + reason + ")";
        return exactSolve ? "the exact solve by Cholesky in Java double on the CPU; its loss on " + where : where;
    }

    /** The card's hardware line: the GPU, when the backend is CUDA's, and the host's CPU side. */
    static String hardware(String backend) {
        return backend.startsWith("cuda") ? "NVIDIA GPU through CUDA; host: " + Provenance.cpuDescription()
                : Provenance.cpuDescription();
    }

    /**
     * The author's stewardship statements, with the embedded table's known source and licence where unstated: for
     * data whose SHA-256 is the table's (the embedded data, or a copy of it in a file; not a file that is merely
     * named like it).
     */
    static Stewardship stewardship(Stewardship stated, String dataSha256) {
        return EmbeddedData.diabetesSha256().equals(dataSha256)
                ? stated.withDataIfUnstated(EmbeddedData.DIABETES_SOURCE, EmbeddedData.DIABETES_LICENSE) : stated;
    }

    private AuthorStatements authorStatements() {
        return options.author.statements();
    }

    private ModelCard.DataInfo data(TrainOutcome outcome) {
        Map<String, String> provenance = outcome.model().metadata().provenance();
        String source = provenance.getOrDefault("data", "unknown");
        int rows = outcome.parts().values().stream().mapToInt(Frame::rows).sum();
        List<String> split = new ArrayList<>();
        outcome.parts().forEach((name, part) -> split.add(part.rows() + " " + name));
        String splitText = outcome.parts().size() == 1 ? "none: every row trained the model (nothing held out)"
                : splitKind(spec, seed) + ": " + String.join(", ", split) + " rows";
        return new ModelCard.DataInfo(source, source, provenance.get("data_sha256"), rows, outcome.rowsRead(),
                outcome.model().featureNames(), outcome.model().targetName(),
                PreprocessingText.steps(outcome.model().preprocessing(), preprocessing,
                        outcome.model().metadata().ignoredColumns(), groupColumn(spec), weightsOf(outcome.parts()
                        .get("train"))), splitText);
    }

    private ModelCard.Training training(TrainOutcome outcome) {
        Map<String, String> settings = settings(spec, name -> unused(name, outcome));
        var training = outcome.fit().training();
        if (options.dp) {
            // DP-SGD runs its --dp-epochs in full; its steps are in the privacy section.
            settings.put("method", outcome.method());
            // --dp-noise has no value unless given (its default depends on --dp-epsilon): the card names the
            // multiplier used, as an option to pass back, or as solved from --dp-epsilon.
            double sigma = report.privacy().noiseMultiplier();
            if (options.dpNoise == null && options.dpEpsilon == null) {
                settings = after(settings, "--dp", "--dp-noise", Double.toString(sigma));
            } else if (options.dpNoise == null) {
                settings = after(settings, "--dp-epsilon", "noise multiplier used",
                        SolvedNoise.text(sigma) + " (solved from --dp-epsilon)");
            }
        } else if (outcome.solver() == Solver.EXACT) {
            settings.put("method", "exact: the normal equations of the data as held (float32), by Cholesky in double");
        } else {
            settings.put("epochs run", Integer.toString(training.epochs(0)));
            settings.put("stop reason", training.stopReason(0).name().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (training.history().keptEpoch(0) >= 0) {
                settings.put("weights kept", "those after epoch " + training.history().keptEpoch(0)
                        + ", the best validation read (--patience)");
            }
            double rate = training.learningRates()[0];
            // What --lr auto chose (or the rate given), as the report prints it: the card must let a reader rerun it.
            settings.put("learning rate used", Double.isNaN(rate) ? "not estimated"
                    : String.format(Locale.ROOT, "%.6g", rate));
            if (outcome.solver() == Solver.SGD) {
                settings.put("step halvings", Integer.toString(training.stepHalvings(0)));
            }
        }
        if (!options.dp) {
            // Under --dp a figure of the private rows without noise, which the card keeps to what it must say.
            settings.put("training loss", String.format(Locale.ROOT, "%.10g (the %s)", training.finalLoss(0),
                    outcome.lossMeaning()));
        }
        if (report.mitigation() != null) {
            List<String> weights = new ArrayList<>();
            report.mitigation().groupMultipliers().forEach((group, w) -> weights.add(group + " "
                    + String.format(Locale.ROOT, "%.4g", w)));
            settings.put("mitigation", "bounded group loss, round " + report.mitigation().chosenRound() + " of "
                    + report.mitigation().rounds() + "; group weights " + String.join(", ", weights));
        }
        return new ModelCard.Training(settings, seed);
    }

    /** {@code map} with {@code key} and {@code value} placed right after {@code previous} (at the end without it). */
    private static Map<String, String> after(Map<String, String> map, String previous, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            out.put(k, v);
            if (k.equals(previous)) {
                out.put(key, value);
            }
        });
        out.putIfAbsent(key, value);
        return out;
    }

    /**
     * "seeded random split (seed S)", naming the --stratify column when the split kept its proportions, or the
     * --group column when it kept each of its values in one part.
     */
    static String splitKind(CommandSpec spec, long seed) {
        String stratify = valueOf(spec, "--stratify");
        String group = valueOf(spec, "--group");
        return "seeded random split" + (group != null ? " keeping the rows of each " + group + " in one part"
                : stratify != null ? " stratified by " + stratify : "") + " (seed " + seed + ")";
    }

    /** The name of the rows' weight column, or null without one. */
    static String weightsOf(Frame rows) {
        return rows.hasWeights() ? rows.weightName() : null;
    }

    /** The run's --group column as the data names it (trimmed, composed), or null. */
    static String groupColumn(CommandSpec spec) {
        String group = valueOf(spec, "--group");
        return group == null ? null : UnicodeText.composed(UnicodeText.trimmed(group));
    }

    /** The value of option {@code name} of the run, or null when the command has no such option or it is unset. */
    static String valueOf(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        return option == null ? null : option.getValue();
    }

    /**
     * The options of a command's run as its card lists them, in the command's order: every option with a
     * value (flags only when set), less help, output format and naming options and those {@code unused}.
     */
    static Map<String, String> settings(CommandSpec spec, java.util.function.Predicate<String> unused) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            String name = o.longestName();
            if (o.usageHelp() || o.versionHelp() || name.equals("--json") || name.equals("--model-name")
                    || name.equals("--intended-use") || unused.test(name)) {
                continue;
            }
            Object v = o.getValue();
            if (v != null && !(v instanceof Boolean b && !b) && !(v instanceof java.util.Collection<?> c && c.isEmpty())) {
                settings.put(name, settingText(o, v));
            }
        }
        return settings;
    }

    /**
     * A number as the command line gave it, or as the help gives its default ("1e-7", "100"), so the card
     * reads like the command that made the model; Java's own form ("1.0E-7", "100.0") otherwise.
     */
    static String settingText(OptionSpec o, Object value) {
        if (value instanceof java.util.Collection<?> list) {
            return listText(o, list);
        }
        if (!(value instanceof Number)) {
            return String.valueOf(value);
        }
        List<String> typed = o.originalStringValues();
        if (!typed.isEmpty()) {
            return typed.get(typed.size() - 1).strip();
        }
        return o.defaultValue() != null ? o.defaultValue() : String.valueOf(value);
    }

    /**
     * A list option's value in the command line's own syntax, so that it can be passed back as it stands: names
     * joined by commas, a name holding a comma in double quotes ({@code "cust, id",when}), as the option splits
     * them (its Java form "[cust, id, when]" named other columns); numbers as typed, joined the same way.
     */
    private static String listText(OptionSpec o, java.util.Collection<?> list) {
        if (list.stream().allMatch(String.class::isInstance)) {
            List<String> names = new ArrayList<>();
            for (String name : ColumnNameText.listedOnce(list.stream().map(String.class::cast).toList())) {
                names.add(name.indexOf(',') < 0 ? name : "\"" + name + "\"");
            }
            return String.join(",", names);
        }
        List<String> typed = o.originalStringValues();
        return typed.isEmpty() ? list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                : typed.stream().flatMap(t -> Arrays.stream(t.split(",", -1))).map(String::strip)
                        .collect(java.util.stream.Collectors.joining(","));
    }

    /**
     * Options that did not shape this model or its card (their defaults would only confuse the card), also
     * --sensitive-bins when no column was binned and --bootstrap when row weights leave the metrics without
     * intervals and no fairness table draws them.
     */
    private boolean unused(String name, TrainOutcome outcome) {
        if (name.equals("--sensitive-bins") && options.hasSensitive()) {
            return !SensitiveColumns.fit(outcome.parts().get("train"), options.sensitive, options.sensitiveBins)
                    .binsAny();
        }
        Solver solver = Solver.parse(spec.findOption("--solver").<String>getValue());
        return (name.startsWith("--dp-") && !options.dp) || (options.dp && TrainCommand.NOT_FOR_DP.contains(name))
                || (!options.dp && solver == Solver.EXACT && TrainerOptions.NOT_FOR_EXACT.contains(name))
                || (!options.dp && solver == Solver.GD && TrainerOptions.ONLY_FOR_SGD.contains(name))
                || (name.startsWith("--mitigate-") && !options.mitigate)
                || (name.startsWith("--sensitive-") && !options.hasSensitive());
    }

    /** The report's fairness section, saying when early stopping chose the epoch on its rows. */
    private ModelCard.Fairness fairness(TrainOutcome outcome) {
        ModelCard.Fairness f = report.cardFairness();
        Frame part = f.rows() == null ? null : outcome.parts().get(f.rows());
        return new ModelCard.Fairness(f.rows(), f.reports(), f.mitigation(),
                report.rowsChoseStoppingEpoch() && !options.dp, part != null && part.hasWeights() ? part.weightName() : null,
                f.rows() != null && !f.rows().equals(outcome.evaluationPart()));
    }

    /**
     * Whether --patience chose the weights kept on the validation rows, which are then the evaluation rows ({@link
     * TrainPipeline#patienceChose}).
     */
    private boolean stoppedOnValidation(TrainOutcome outcome) {
        return outcome.evaluationPart().equals("validation") && !options.dp
                && TrainPipeline.patienceChose(outcome.fit().training());
    }

    /**
     * The metrics of the evaluation rows ({@link #metrics(Frame, double[], String)}), then those of the test
     * rows when the evaluation rows are the validation rows: validation rows that chose the stopping epoch
     * (--patience) give optimistic figures, and the card says so, as it does of training rows scored for want
     * of held-out ones (--holdout 0).
     */
    private List<ModelCard.MetricEntry> metrics(TrainOutcome outcome, Frame eval, double[] predicted) {
        String rows = ResponsibleRun.describe(outcome.evaluationPart(), ResponsibleRun.rowCount(eval));
        if (stoppedOnValidation(outcome)) {
            rows = "validation rows (" + ResponsibleRun.rowCount(eval) + "; they chose the weights kept by --patience, so these "
                    + "figures are optimistic)";
        } else if (outcome.evaluationPart().equals("train")) {
            rows = "training rows (" + ResponsibleRun.rowCount(eval) + ", no holdout: in-sample, they trained the model, so these "
                    + "figures are optimistic)";
        }
        List<ModelCard.MetricEntry> out = new ArrayList<>(metrics(eval, predicted, outcome.evaluationPart(), rows));
        Frame test = outcome.parts().get("test");
        if (outcome.evaluationPart().equals("validation") && test != null) {
            out.addAll(metrics(test, outcome.model().predict(test), "test", "test rows (" + ResponsibleRun.rowCount(test) + ")"));
        }
        return out;
    }

    /**
     * MSE, RMSE, MAE and R2 on {@code part} (named {@code partName}, described by {@code rows}), with bootstrap
     * intervals (95%) when --bootstrap > 0; with row weights the weighted values of the report, each resample's
     * rows drawn with their weights.
     */
    private List<ModelCard.MetricEntry> metrics(Frame part, double[] predicted, String partName, String rows) {
        double[] y = part.targetValues();
        double[] w = ResponsibleRun.weights(part);
        String by = part.hasWeights() ? part.weightName() : null;
        Map<FairnessMetric, Interval> cis = options.bootstrap > 0 ? intervals(y, predicted, w, partName) : Map.of();
        int[] all = new int[part.rows()];
        Arrays.setAll(all, i -> i);
        GroupMetrics m = GroupMetrics.of("all", y, predicted, w, all);
        List<ModelCard.MetricEntry> out = new ArrayList<>();
        for (FairnessMetric metric : List.of(FairnessMetric.MSE, FairnessMetric.RMSE, FairnessMetric.MAE, FairnessMetric.R2)) {
            Interval ci = cis.get(metric);
            if (ci != null && Double.isNaN(ci.low()) && Double.isNaN(ci.high())) {
                // No resample defined it (R2 of a target equal on every row): no interval, so no level either.
                ci = null;
            }
            String key = metric.name().toLowerCase(Locale.ROOT);
            out.add(ci == null ? ModelCard.MetricEntry.point(key, partName, part.rows(), by, rows, metric.of(m))
                    : ModelCard.MetricEntry.withInterval(key, partName, part.rows(), by, rows, metric.of(m), ci.low(),
                            ci.high(), 0.95));
        }
        return out;
    }

    /**
     * The bootstrap intervals (95%) of the metrics on the rows of {@code partName}, their resamples counted on the
     * progress display: over two million held-out rows they took 20 s after the last epoch, with nothing on
     * the screen. Shapes: y (m), predicted (m), w (m) or null.
     */
    private Map<FairnessMetric, Interval> intervals(double[] y, double[] predicted, double[] w, String partName) {
        try (Progress progress = Progress.resampling("bootstrap " + partName, options.bootstrap, y.length,
                quiet)) {
            return FairnessAnalyzer.overallIntervals(y, predicted, w, new BootstrapSettings(options.bootstrap, seed,
                    0.95), progress::stepTo);
        }
    }

    /** The versions of the libraries that shape a card's outputs, for its provenance. */
    static Map<String, String> libraries() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("picocli", CommandLine.VERSION);
        out.put("jackson-databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        out.put("xchart", mavenVersion("org.knowm.xchart", "xchart"));
        out.put("jcuda", mavenVersion("org.jcuda", "jcuda"));
        // FastCSV splits the records and FastDoubleParser reads the numbers: recorded by the build.
        out.putAll(BuildInfo.libraries());
        return out;
    }

    /**
     * The version in the pom.properties a Maven-built jar carries (kept in the shaded jar too); the
     * manifest of such a jar often names none.
     */
    static String mavenVersion(String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = CardAssembler.class.getResourceAsStream(resource)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String version = p.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version.trim();
                }
            }
        } catch (IOException e) {
            // reported as unknown below: the card is still written
        }
        return "unknown";
    }

    /**
     * When the model was made: its provenance's "created", so that the card, the model file and the card's
     * date agree (the card had taken its own clock, seconds later, and a run over midnight two dates); now
     * for a model without one.
     */
    static Instant created(LinearModel model) {
        String created = model.metadata().provenance().get("created");
        try {
            return created == null ? Instant.now() : Instant.parse(created);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.now();
        }
    }

    /** The UTC date of {@link #created}. */
    static String createdDate(LinearModel model) {
        return LocalDate.ofInstant(created(model), ZoneOffset.UTC).toString();
    }
}
