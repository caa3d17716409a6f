package dev.ridgeline.cli;

import dev.ridgeline.card.IntendedUse;
import dev.ridgeline.card.ModelCard;
import dev.ridgeline.card.ModelCardWriter;
import dev.ridgeline.card.PrivacyInfo;
import dev.ridgeline.card.Provenance;
import dev.ridgeline.card.Sha256;
import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.Split;
import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.explain.LinearShap;
import dev.ridgeline.fairness.BootstrapSettings;
import dev.ridgeline.fairness.FairnessAnalyzer;
import dev.ridgeline.fairness.FairnessMetric;
import dev.ridgeline.fairness.FairnessReport;
import dev.ridgeline.fairness.GroupMetrics;
import dev.ridgeline.fairness.Interval;
import dev.ridgeline.fairness.MitigationResult;
import dev.ridgeline.train.RidgeFitter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Gathers one {@code train} run into a {@link ModelCard}, writes it and its plots into the report folder. */
final class CardAssembler {
    private static final String EMBEDDED_RESOURCE = "/dev/ridgeline/data/diabetes.csv";

    private final ResponsibleOptions options;
    private final CommandSpec spec;
    private final Path dataFile;
    private final Split split;

    CardAssembler(ResponsibleOptions options, CommandSpec spec, Path dataFile, Split split) {
        this.options = options;
        this.spec = spec;
        this.dataFile = dataFile;
        this.split = split;
    }

    /** Writes plots and the card; returns the files written, card first. */
    List<Path> write(RidgeFitter.Fit fit, Dataset train, Dataset eval, String evalName, double[] predicted,
            List<FairnessReport> fairness, DpFit dp, MitigationResult<RidgeFitter.Fit> mitigation) {
        Path dir = options.reportDir;
        LinearShap shap = LinearShap.fit(fit.model(), train.x());
        CoefficientTable table = CoefficientTable.of(fit.model(), shap.meanAbsolutePhi(train.x()));
        List<ModelCard.PlotLink> plots = new ArrayList<>();
        ResponsiblePlots.importance(table, dir.resolve("importance.png"));
        plots.add(new ModelCard.PlotLink("Global importance (mean |SHAP|)", "importance.png"));
        ResponsiblePlots.waterfall(shap.explain(eval.x(), 0), "SHAP waterfall, first " + evalName.split(" ")[0] + " row",
                dir.resolve("waterfall-row-0.png"));
        plots.add(new ModelCard.PlotLink("SHAP waterfall of the first " + evalName.split(" ")[0] + " row", "waterfall-row-0.png"));
        for (FairnessReport r : fairness) {
            String name = "groups-" + r.attribute().replaceAll("[^A-Za-z0-9_-]+", "_") + ".png";
            ResponsiblePlots.groups(r, dir.resolve(name));
            plots.add(new ModelCard.PlotLink("Error by " + r.attribute(), name));
        }
        ModelCard card = new ModelCard(details(fit), intendedUse(), data(train), training(fit, dp, mitigation),
                metrics(eval, evalName, predicted), fairness,
                dp == null ? PrivacyInfo.none() : PrivacyInfo.of(dp.config(), dp.result()),
                new ModelCard.Explanation(shap.base(), "the " + train.rows() + " training rows", table),
                Provenance.capture(Instant.now(), "ridgeline train " + String.join(" ", spec.commandLine().getParseResult()
                        .originalArgs().subList(1, spec.commandLine().getParseResult().originalArgs().size())),
                        libraries()),
                plots);
        ModelCardWriter.write(card, dir);
        List<Path> written = new ArrayList<>(List.of(dir.resolve(ModelCardWriter.MARKDOWN_FILE),
                dir.resolve(ModelCardWriter.JSON_FILE)));
        plots.forEach(p -> written.add(dir.resolve(p.path())));
        return written;
    }

    private ModelCard.Details details(RidgeFitter.Fit fit) {
        String name = options.modelName != null ? options.modelName
                : "ridge model of " + (dataFile == null ? "the diabetes data" : dataFile.getFileName().toString());
        String hardware = fit.backend().startsWith("cuda") ? "NVIDIA GPU through CUDA; host: " + Provenance.cpuDescription()
                : Provenance.cpuDescription();
        return new ModelCard.Details(name, Provenance.currentVersion(), LocalDate.now(ZoneOffset.UTC).toString(),
                fit.backend() + " (" + fit.backendReason() + ")", hardware, "ridge regression (linear, L2-regularised)");
    }

    private IntendedUse intendedUse() {
        return options.intendedUse == null ? IntendedUse.defaults() : IntendedUse.load(options.intendedUse);
    }

    private ModelCard.DataInfo data(Dataset train) {
        int rows = split.train().length + split.holdout().length;
        String hash = dataFile == null ? embeddedHash() : Sha256.of(dataFile);
        String splitText = split.holdout().length == 0 ? "all " + rows + " rows used for training (no holdout)"
                : String.format(Locale.ROOT, "seeded random holdout: %d training rows, %d validation rows",
                        split.train().length, split.holdout().length);
        return new ModelCard.DataInfo(dataFile == null ? "diabetes (embedded)" : dataFile.getFileName().toString(),
                dataFile == null ? "diabetes.csv, embedded in the Ridgeline jar" : dataFile.toString(), hash, rows,
                train.featureNames(), train.targetNames().get(0),
                List.of("z-score standardisation of every feature (mean and population standard deviation of the "
                        + "training rows); the model maps raw inputs through it"), splitText);
    }

    private ModelCard.Training training(RidgeFitter.Fit fit, DpFit dp, MitigationResult<RidgeFitter.Fit> mitigation) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            String name = o.longestName();
            if (o.usageHelp() || o.versionHelp() || name.startsWith("--report") || name.equals("--json")
                    || name.equals("--model-name") || name.equals("--intended-use") || unused(name)) {
                continue;
            }
            Object v = o.getValue();
            if (v != null && !(v instanceof Boolean b && !b)) {
                settings.put(name, String.valueOf(v));
            }
        }
        settings.put("epochs run", Integer.toString(fit.training().epochs(0)));
        settings.put("stop reason", fit.training().stopReason(0).name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (mitigation != null) {
            settings.put("mitigation", "bounded group loss, round " + mitigation.chosenRound() + " of " + mitigation.rounds()
                    + "; group weights " + mitigation.groupMultipliers());
        }
        return new ModelCard.Training(settings, ResponsibleRun.seed(spec));
    }

    /** Options of a feature that this run did not use (their defaults would only confuse the card). */
    private boolean unused(String name) {
        return (name.startsWith("--dp-") && !options.dp) || (name.startsWith("--mitigate-") && !options.mitigate)
                || (name.startsWith("--sensitive-") && !options.hasSensitive());
    }

    private List<ModelCard.MetricEntry> metrics(Dataset eval, String evalName, double[] predicted) {
        Map<FairnessMetric, Interval> cis = options.bootstrap > 0
                ? FairnessAnalyzer.overallIntervals(eval.target(), predicted,
                        new BootstrapSettings(options.bootstrap, ResponsibleRun.seed(spec), 0.95))
                : Map.of();
        int[] all = new int[eval.rows()];
        java.util.Arrays.setAll(all, i -> i);
        GroupMetrics m = GroupMetrics.of("all", eval.target(), predicted, all);
        List<ModelCard.MetricEntry> out = new ArrayList<>();
        for (FairnessMetric metric : List.of(FairnessMetric.MSE, FairnessMetric.RMSE, FairnessMetric.MAE, FairnessMetric.R2)) {
            Interval ci = cis.get(metric);
            out.add(new ModelCard.MetricEntry(metric.label(), evalName, metric.of(m),
                    ci == null ? Double.NaN : ci.low(), ci == null ? Double.NaN : ci.high()));
        }
        return out;
    }

    private static String embeddedHash() {
        try (InputStream in = CardAssembler.class.getResourceAsStream(EMBEDDED_RESOURCE)) {
            return in == null ? null : Sha256.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> libraries() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("picocli", CommandLine.VERSION);
        out.put("jackson-databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        String xchart = org.knowm.xchart.XYChart.class.getPackage().getImplementationVersion();
        out.put("xchart", xchart == null ? "unknown" : xchart);
        return out;
    }
}
