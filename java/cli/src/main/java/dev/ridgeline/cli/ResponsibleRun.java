package dev.ridgeline.cli;

import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.data.Split;
import dev.ridgeline.fairness.BootstrapSettings;
import dev.ridgeline.fairness.BoundedGroupLoss;
import dev.ridgeline.fairness.FairnessAnalyzer;
import dev.ridgeline.fairness.FairnessReport;
import dev.ridgeline.fairness.GroupLabels;
import dev.ridgeline.fairness.MitigationResult;
import dev.ridgeline.fairness.WeightedFit;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.train.RidgeFitter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The responsible-modelling steps of one {@code train} run: DP-SGD or mitigation in place of plain fitting,
 * then fairness tables, the privacy line, the model card and plots. {@code TrainCommand} calls
 * {@link #start}, {@link #fit} and {@link #report}; everything else lives here.
 */
final class ResponsibleRun {
    private final ResponsibleOptions options;
    private final CommandSpec spec;
    private final Path dataFile;
    private final Split split;
    private final List<String> attributes = new ArrayList<>();
    private final List<String[]> labels = new ArrayList<>();
    private DpFit dp;
    private MitigationResult<RidgeFitter.Fit> mitigation;

    private ResponsibleRun(ResponsibleOptions options, CommandSpec spec, Path dataFile, Split split) {
        this.options = options;
        this.spec = spec;
        this.dataFile = dataFile;
        this.split = split;
    }

    /** Validates the options and reads the sensitive columns (labels for every row of the data). */
    static ResponsibleRun start(ResponsibleOptions options, CommandSpec spec, Path dataFile, Split split) {
        options.validate();
        ResponsibleRun run = new ResponsibleRun(options, spec, dataFile, split);
        if (options.hasSensitive()) {
            CsvTable table = dataFile == null ? EmbeddedData.diabetesTable() : CsvTable.read(dataFile, ',');
            List<String[]> columns = SensitiveColumns.read(table, options.sensitive, options.sensitiveBins);
            for (int c = 0; c < columns.size(); c++) {
                run.attributes.add(options.sensitive.get(c));
                run.labels.add(columns.get(c));
            }
            if (columns.size() > 1) {
                run.attributes.add(String.join(" x ", options.sensitive));
                run.labels.add(GroupLabels.intersect(options.sensitive, columns));
            }
        }
        return run;
    }

    /** DP-SGD, bounded-group-loss mitigation, or the plain fit. */
    RidgeFitter.Fit fit(Dataset train, double lambda, String backend, long seed, Function<Dataset, RidgeFitter.Fit> plain) {
        if (options.dp) {
            dp = DpFit.train(options, train, lambda, backend, seed);
            return dp.fit();
        }
        if (!options.mitigate) {
            return plain.apply(train);
        }
        String[] groups = pick(labels.get(labels.size() - 1), split.train());
        WeightedFit<RidgeFitter.Fit> fitter = new WeightedFit<>() {
            @Override
            public RidgeFitter.Fit fit(float[] w) {
                return plain.apply(withWeights(train, w));
            }

            @Override
            public double[] predict(RidgeFitter.Fit f) {
                return predictions(f.model(), train);
            }
        };
        mitigation = BoundedGroupLoss.mitigate(train.target(), groups, train.weights(), fitter,
                new BoundedGroupLoss.Settings(options.mitigateRounds, 1.0));
        return mitigation.model();
    }

    /** Prints the extra report sections (not in --json mode) and writes the card and plots. */
    void report(RidgeFitter.Fit fit, Dataset train, Dataset validation, boolean json, PrintWriter out) {
        boolean held = validation != null;
        Dataset eval = held ? validation : train;
        int[] evalRows = held ? split.holdout() : split.train();
        String evalName = held ? "validation rows (" + eval.rows() + ")" : "training rows (" + eval.rows() + ", no holdout)";
        BootstrapSettings boot = new BootstrapSettings(options.bootstrap, seed(spec), 0.95);
        double[] predicted = predictions(fit.model(), eval);
        List<FairnessReport> reports = new ArrayList<>();
        for (int a = 0; a < attributes.size(); a++) {
            reports.add(FairnessAnalyzer.analyze(attributes.get(a), eval.target(), predicted, pick(labels.get(a), evalRows), boot));
        }
        StringBuilder text = new StringBuilder();
        if (dp != null) {
            text.append(privacyLine());
        }
        reports.forEach(r -> text.append(FairnessText.report(r, evalName)));
        if (mitigation != null) {
            String attribute = attributes.get(attributes.size() - 1);
            String[] heldLabels = held ? pick(labels.get(labels.size() - 1), split.holdout()) : null;
            FairnessReport before = held ? FairnessAnalyzer.analyze(attribute, eval.target(),
                    predictions(mitigation.baselineModel().model(), eval), heldLabels, BootstrapSettings.none()) : null;
            FairnessReport after = held ? FairnessAnalyzer.analyze(attribute, eval.target(), predicted, heldLabels,
                    BootstrapSettings.none()) : null;
            text.append(FairnessText.mitigation(attribute, mitigation, before, after));
        }
        if (options.reportDir != null) {
            CardAssembler card = new CardAssembler(options, spec, dataFile, split);
            List<Path> written = card.write(fit, train, eval, evalName, predicted, reports, dp, mitigation);
            text.append(String.format(Locale.ROOT, "%nreport     %s%n", written.get(0)));
            written.subList(1, written.size()).forEach(p -> text.append("           ").append(p).append(System.lineSeparator()));
        }
        if (!json) {
            out.print(text);
            out.flush();
        }
    }

    private String privacyLine() {
        var c = dp.config();
        var r = dp.result();
        String guarantee = r.hasGuarantee()
                ? String.format(Locale.ROOT, "(epsilon = %.4g, delta = %.3g)-differential privacy (best Renyi order %s)",
                        r.privacy().epsilon(), r.privacy().delta(), FairnessText.fmt(r.privacy().order()))
                : "no formal privacy guarantee (noise multiplier 0)";
        return String.format(Locale.ROOT, "%nprivacy    %s%n           DP-SGD: %d steps, sampling rate %.4g (mean batch %.1f), "
                + "noise multiplier %.4g, clipping norm %.4g; %.1f%% of example gradients clipped%n"
                + "           the feature scaling (means, standard deviations) is computed without noise and is not covered%n",
                guarantee, r.steps(), c.samplingRate(), r.meanBatchSize(), c.noiseMultiplier(), c.clipNorm(),
                100 * r.clippedFraction());
    }

    /** The run's --seed (42 when the command has none). */
    static long seed(CommandSpec spec) {
        Object v = spec.findOption("--seed") == null ? null : spec.findOption("--seed").getValue();
        return v instanceof Long l ? l : 42L;
    }

    static double[] predictions(LinearModel model, Dataset rows) {
        double[] out = new double[rows.rows()];
        float[] row = new float[rows.features()];
        for (int i = 0; i < rows.rows(); i++) {
            rows.x().copyRow(i, row);
            out[i] = model.predict(row);
        }
        return out;
    }

    private static Dataset withWeights(Dataset d, float[] w) {
        Dataset.Builder b = Dataset.builder(d.x()).featureNames(d.featureNames()).weights(w);
        for (int t = 0; t < d.targetCount(); t++) {
            b.target(d.targetNames().get(t), d.target(t));
        }
        return b.build();
    }

    private static String[] pick(String[] values, int[] rows) {
        String[] out = new String[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = values[rows[r]];
        }
        return out;
    }
}
