package dev.ridgeline.card;

import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.fairness.Disparity;
import dev.ridgeline.fairness.FairnessMetric;
import dev.ridgeline.fairness.FairnessReport;
import dev.ridgeline.fairness.GroupMetrics;
import dev.ridgeline.fairness.Interval;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The card as a Markdown document for people: one heading per section, tables where they help. */
public final class ModelCardMarkdown {
    private ModelCardMarkdown() {
    }

    public static String render(ModelCard card) {
        StringBuilder md = new StringBuilder();
        ModelCard.Details d = card.details();
        md.append("# Model card: ").append(d.name()).append("\n\n");
        md.append("A ").append(d.modelType()).append(" trained with Ridgeline. This card follows the model-card ")
                .append("practice of Mitchell et al. (2019); the same facts are in `model-card.json`.\n\n");
        details(md, d);
        intendedUse(md, card.intendedUse());
        data(md, card.data());
        training(md, card.training());
        metrics(md, card.metrics());
        fairness(md, card.fairness());
        privacy(md, card.privacy());
        explanation(md, card.explanation());
        provenance(md, card.provenance());
        plots(md, card.plots());
        return md.toString();
    }

    private static void details(StringBuilder md, ModelCard.Details d) {
        md.append("## Model details\n\n");
        row(md, "Model version", d.modelVersion());
        row(md, "Date", d.date());
        row(md, "Model type", d.modelType());
        row(md, "Backend", d.backend());
        row(md, "Hardware", d.hardware());
        md.append('\n');
    }

    private static void intendedUse(StringBuilder md, IntendedUse u) {
        md.append("## Intended use\n\n");
        md.append("**Primary use:** ").append(u.primaryUse()).append("\n\n");
        md.append("**Intended users:** ").append(u.users()).append("\n\n");
        bullets(md, "Out of scope", u.outOfScope());
        md.append("## Limitations\n\n");
        u.limitations().forEach(l -> md.append("- ").append(l).append('\n'));
        md.append('\n');
        bullets(md, "Ethical considerations", u.ethicalConsiderations());
    }

    private static void data(StringBuilder md, ModelCard.DataInfo data) {
        md.append("## Data\n\n");
        row(md, "Name", data.name());
        row(md, "File", data.file() == null ? "(in memory)" : "`" + data.file() + "`");
        row(md, "SHA-256", data.sha256() == null ? "(no file)" : "`" + data.sha256() + "`");
        row(md, "Rows", Long.toString(data.rows()));
        row(md, "Features", data.features().size() + ": " + String.join(", ", data.features()));
        row(md, "Target", data.target());
        row(md, "Split", data.split());
        md.append('\n');
        bullets(md, "Preprocessing", data.preprocessing().isEmpty() ? List.of("none") : data.preprocessing());
    }

    private static void training(StringBuilder md, ModelCard.Training t) {
        md.append("## Training\n\n| Setting | Value |\n|---|---|\n");
        t.settings().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("| seed | ").append(t.seed()).append(" |\n\n");
    }

    private static void metrics(StringBuilder md, List<ModelCard.MetricEntry> metrics) {
        md.append("## Metrics\n\n");
        if (metrics.isEmpty()) {
            md.append("No evaluation was recorded.\n\n");
            return;
        }
        md.append("| Metric | Rows | Value | 95% interval |\n|---|---|---|---|\n");
        for (ModelCard.MetricEntry m : metrics) {
            md.append("| ").append(m.name()).append(" | ").append(m.split()).append(" | ").append(fmt(m.value()))
                    .append(" | ").append(Double.isNaN(m.ciLow()) ? "not estimated" : range(m.ciLow(), m.ciHigh()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void fairness(StringBuilder md, ModelCard.Fairness section) {
        md.append("## Fairness\n\n");
        List<FairnessReport> reports = section.reports();
        if (reports.isEmpty()) {
            md.append("Not assessed: no sensitive attribute was given (`--sensitive COL`). ")
                    .append("Without this section nothing is known about how the model treats groups of people.\n\n");
            return;
        }
        md.append("Computed on ").append(rowsText(section.rows(), reports.get(0).overall().count())).append(".\n\n");
        for (FairnessReport r : reports) {
            md.append("### By ").append(r.attribute()).append("\n\n");
            md.append("| Group | Count | MSE | RMSE | MAE | R2 | Mean prediction | Mean residual |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            groupRow(md, r.overall(), r.overallIntervals());
            for (GroupMetrics g : r.groups()) {
                groupRow(md, g, r.groupIntervals().getOrDefault(g.group(), Map.of()));
            }
            md.append("\n| Metric | Lowest group | Highest group | Difference | Permutation p | Ratio (min/max) |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (Disparity d : r.disparities()) {
                md.append("| ").append(d.metric().label()).append(" | ").append(d.minGroup()).append(" (")
                        .append(fmt(d.min())).append(") | ").append(d.maxGroup()).append(" (").append(fmt(d.max()))
                        .append(") | ").append(withCi(d.difference(), d.differenceCi())).append(" | ")
                        .append(Double.isNaN(d.permutationP()) ? "n/a" : String.format(Locale.ROOT, "%.3f", d.permutationP()))
                        .append(" | ").append(withCi(d.ratio(), d.ratioCi())).append(" |\n");
            }
            md.append("\nDifference is highest minus lowest group; the ratio (1 = parity) is given only for ")
                    .append("non-negative metrics.\n\n");
            if (r.bootstrap().resamples() > 0) {
                md.append("Intervals: ").append(r.bootstrap().resamples()).append(" stratified bootstrap resamples, seed ")
                        .append(r.bootstrap().seed()).append(", percentile method. The interval of a difference ")
                        .append("never reaches 0 (each resample takes its own highest and lowest group); the ")
                        .append("permutation p-value (").append(r.bootstrap().resamples())
                        .append(" random relabellings of the rows, group sizes kept) says how often the groups ")
                        .append("would lie this far apart if group membership said nothing about target and ")
                        .append("prediction.\n\n");
            }
        }
        if (section.mitigation() != null) {
            mitigation(md, section.mitigation());
        }
    }

    /** "the validation rows (88, held out from training)", or the in-sample warning for the training rows. */
    static String rowsText(String rows, int count) {
        if (rows == null) {
            return "rows not stated";
        }
        return switch (rows) {
            case "validation" -> "the validation rows (" + count + ", held out from training)";
            case "test" -> "the test rows (" + count + ", held out from training; there were no validation rows)";
            case "train" -> "the training rows (" + count + "): nothing was held out, so these are in-sample figures "
                    + "of the rows the model was fitted on, and may look better than on new data";
            default -> "the " + rows + " rows (" + count + ")";
        };
    }

    private static void mitigation(StringBuilder md, ModelCard.Mitigation m) {
        String method = m.method().isEmpty() ? "" : Character.toUpperCase(m.method().charAt(0)) + m.method().substring(1);
        md.append("### Mitigation\n\n").append(method).append(" over the groups of ").append(m.attribute())
                .append(": round ").append(m.chosenRound()).append(" of ").append(m.rounds())
                .append(" chosen (least worst-group MSE on the training rows); group weights ");
        StringBuilder weights = new StringBuilder();
        m.groupWeights().forEach((g, w) -> weights.append(weights.length() == 0 ? "" : ", ").append(g).append(" = ")
                .append(fmt(w)));
        md.append(weights).append(".\n\n| Rows | Worst-group MSE before | after | Overall MSE before | after |\n")
                .append("|---|---|---|---|---|\n");
        for (ModelCard.MseChange c : m.outcomes()) {
            md.append("| ").append(c.rows().equals("train") ? "training" : c.rows()).append(" | ")
                    .append(fmt(c.worstGroupBefore())).append(" | ")
                    .append(fmt(c.worstGroupAfter())).append(" | ").append(fmt(c.overallBefore())).append(" | ")
                    .append(fmt(c.overallAfter())).append(" |\n");
        }
        md.append("\nBefore: the plain fit of the same rows; after: the mitigated model (this one).");
        boolean heldOut = false;
        for (ModelCard.MseChange c : m.outcomes()) {
            if (c.rows().equals("train")) {
                continue;
            }
            heldOut = true;
            if (c.worstGroupAfter() > c.worstGroupBefore()) {
                md.append(" **On the held-out ").append(c.rows()).append(" rows mitigation made the worst group's MSE ")
                        .append("worse** (").append(fmt(c.worstGroupBefore())).append(" before, ")
                        .append(fmt(c.worstGroupAfter())).append(" after): the gain on the training rows did not carry over.");
            }
            if (c.overallAfter() > c.overallBefore()) {
                md.append(" On the held-out ").append(c.rows()).append(" rows the overall MSE rose from ")
                        .append(fmt(c.overallBefore())).append(" to ").append(fmt(c.overallAfter())).append('.');
            }
        }
        if (!heldOut) {
            md.append(" No rows were held out, so how mitigation does on new data is unknown.");
        }
        md.append("\n\n");
    }

    private static void groupRow(StringBuilder md, GroupMetrics g, Map<FairnessMetric, Interval> cis) {
        md.append("| ").append(g.group()).append(" | ").append(g.count());
        for (FairnessMetric m : FairnessMetric.values()) {
            md.append(" | ").append(withCi(m.of(g), cis.get(m)));
        }
        md.append(" |\n");
    }

    private static void privacy(StringBuilder md, PrivacyInfo p) {
        md.append("## Privacy\n\n");
        if (!p.accounted()) {
            md.append("This model has **").append(PrivacyInfo.NO_GUARANTEE).append("**. ")
                    .append("Its coefficients may reveal information about individual training rows.\n\n");
            return;
        }
        md.append("Trained with ").append(p.mechanism()).append(": **").append(p.summary()).append("**.\n\n");
        if (!p.guaranteed()) {
            md.append("The seed is recorded in this card (Training, Provenance): do not release this model as ")
                    .append("private.\n\n");
        }
        row(md, "Noise multiplier", fmt(p.noiseMultiplier()));
        row(md, "Clipping norm", fmt(p.clipNorm()));
        row(md, "Sampling rate", fmt(p.samplingRate()));
        row(md, "Steps", Long.toString(p.steps()));
        row(md, "Best Renyi order", fmt(p.order()));
        row(md, "Accounting", p.accounting());
        md.append("\nThe guarantee covers the gradient steps that produced the parameters. The metrics, fairness ")
                .append("figures and explanation (base value, mean absolute SHAP) in this card, the mean batch size and ")
                .append("share of clipped gradients of the report, and any preprocessing statistics fitted on the data ")
                .append("(such as feature means and standard deviations) are computed without noise and are not ")
                .append("covered.\n\n");
    }

    private static void explanation(StringBuilder md, ModelCard.Explanation e) {
        md.append("## Explanation\n\n");
        if (e == null) {
            md.append("Not computed.\n\n");
            return;
        }
        md.append("Exact SHAP values of a linear model: feature j contributes beta_j (x_j - mean x_j) to a prediction, ")
                .append("starting from the base value ").append(fmt(e.baseValue())).append(" (the mean prediction over ")
                .append(e.background()).append(").\n\n");
        CoefficientTable t = e.coefficients();
        md.append("| Feature | Mean abs SHAP | Coefficient (standardised) | Coefficient (original units) |\n")
                .append("|---|---|---|---|\n");
        for (CoefficientTable.Row r : t.rows()) {
            md.append("| ").append(r.feature()).append(" | ").append(fmt(r.importance())).append(" | ")
                    .append(fmt(r.standardized())).append(" | ").append(fmt(r.original())).append(" |\n");
        }
        md.append("| (intercept) |  | ").append(fmt(t.interceptStandardized())).append(" | ")
                .append(fmt(t.intercept())).append(" |\n\n");
    }

    private static void provenance(StringBuilder md, Provenance p) {
        md.append("## Provenance\n\n");
        row(md, "Ridgeline", p.ridgelineVersion());
        row(md, "Java", p.javaVersion() + " (" + p.javaVendor() + ")");
        row(md, "Operating system", p.os());
        row(md, "Created", p.created());
        row(md, "Command", p.command() == null ? "(library call)" : "`" + p.command() + "`");
        p.libraries().forEach((name, version) -> row(md, name, version));
        md.append('\n');
    }

    private static void plots(StringBuilder md, List<ModelCard.PlotLink> plots) {
        md.append("## Plots\n\n");
        if (plots.isEmpty()) {
            md.append("None.\n");
            return;
        }
        plots.forEach(p -> md.append("![").append(p.title()).append("](").append(p.path()).append(")\n\n"));
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("- **").append(key).append(":** ").append(value).append('\n');
    }

    private static void bullets(StringBuilder md, String title, List<String> items) {
        md.append("**").append(title).append(":**\n\n");
        items.forEach(i -> md.append("- ").append(i).append('\n'));
        md.append('\n');
    }

    private static String withCi(double v, Interval ci) {
        return ci == null || Double.isNaN(ci.low()) ? fmt(v) : fmt(v) + " " + range(ci.low(), ci.high());
    }

    private static String range(double lo, double hi) {
        return "[" + fmt(lo) + ", " + fmt(hi) + "]";
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "infinite" : "-infinite";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
