package dev.ridgeline.card;

import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.fairness.Interval;
import java.util.List;
import java.util.Locale;

/** The card as a Markdown document for people: one heading per section, tables where they help. */
public final class ModelCardMarkdown {
    private ModelCardMarkdown() {
    }

    public static String render(ModelCard card) {
        java.util.Objects.requireNonNull(card, "card");
        StringBuilder md = new StringBuilder();
        ModelCard.Details d = card.details();
        md.append("# Model card: ").append(MarkdownCell.heading(d.name())).append("\n\n");
        md.append("A ").append(d.modelType()).append(" trained with Ridgeline. This card follows the model-card ")
                .append("practice of Mitchell et al. (2019); the same facts are in `model-card.json`.\n\n");
        details(md, d, card.stewardship());
        warnings(md, card.warnings());
        intendedUse(md, card.intendedUse());
        data(md, card.data(), card.stewardship());
        training(md, card.training());
        metrics(md, card.metrics());
        FairnessMarkdown.render(md, card.fairness());
        privacy(md, card.privacy());
        explanation(md, card.explanation());
        provenance(md, card.provenance());
        plots(md, card.plots());
        return md.toString();
    }

    private static void details(StringBuilder md, ModelCard.Details d, Stewardship s) {
        md.append("## Model details\n\n");
        if (d.modelFile() != null) {
            markdownRow(md, "Model file", MarkdownCell.code(d.modelFile()) + " (SHA-256 " + MarkdownCell.code(d.modelSha256())
                    + ")");
        }
        row(md, "Trained by", "Ridgeline " + d.modelVersion());
        row(md, "Date", d.date());
        row(md, "Model type", d.modelType());
        row(md, "Backend", d.backend());
        row(md, "Hardware", d.hardware());
        row(md, "Numbers", ModelCard.Details.NUMBERS);
        row(md, "Owners", s.ownersLine());
        row(md, "Contact", s.contact());
        row(md, "Licence", s.license());
        md.append('\n');
    }

    private static void warnings(StringBuilder md, List<String> warnings) {
        md.append("## Warnings\n\n");
        if (warnings.isEmpty()) {
            md.append("None: the run that trained this model gave no warning.\n\n");
            return;
        }
        md.append("The run that trained this model warned:\n\n");
        warnings.forEach(w -> md.append("- ").append(MarkdownCell.listItem(w)).append('\n'));
        md.append('\n');
    }

    private static void intendedUse(StringBuilder md, IntendedUse u) {
        IntendedUse defaults = IntendedUse.defaults();
        md.append("## Intended use\n\n");
        md.append("**Primary use:** ").append(MarkdownCell.line(u.primaryUse())).append("\n\n");
        md.append("**Intended users:** ").append(MarkdownCell.line(u.users())).append("\n\n");
        bullets(md, "Out of scope" + byDefault(u.outOfScope(), defaults.outOfScope()), u.outOfScope());
        md.append("## Limitations\n\n");
        if (u.limitations().equals(defaults.limitations())) {
            md.append(DEFAULT_LISTS).append(":\n\n");
        }
        u.limitations().forEach(l -> md.append("- ").append(MarkdownCell.listItem(l)).append('\n'));
        md.append('\n');
        bullets(md, "Ethical considerations" + byDefault(u.ethicalConsiderations(), defaults.ethicalConsiderations()),
                u.ethicalConsiderations());
    }

    /** Said of a list the author left to the defaults, so that they do not read as the author's own words. */
    private static final String DEFAULT_LISTS = "Ridgeline's general cautions, as the model's author stated none";

    private static String byDefault(List<String> given, List<String> defaults) {
        return given.equals(defaults) ? " (" + DEFAULT_LISTS + ")" : "";
    }

    private static void data(StringBuilder md, ModelCard.DataInfo data, Stewardship s) {
        md.append("## Data\n\n");
        row(md, "Name", data.name());
        row(md, "Source", s.dataSource());
        row(md, "Licence", s.dataLicense());
        markdownRow(md, "File", data.file() == null ? "(in memory)" : MarkdownCell.code(data.file()));
        markdownRow(md, "SHA-256", data.sha256() == null ? "(no file)" : MarkdownCell.code(data.sha256()));
        long dropped = data.rowsRead() - data.rows();
        row(md, "Rows", dropped == 0 ? Long.toString(data.rows())
                : data.rows() + " (of " + data.rowsRead() + " read: " + dropped + " with a missing value dropped)");
        row(md, "Features", data.features().size() + ": " + String.join(", ", data.features()));
        row(md, "Target", data.target());
        row(md, "Split", data.split());
        md.append('\n');
        bullets(md, "Preprocessing", data.preprocessing().isEmpty() ? List.of("none") : data.preprocessing());
    }

    private static void training(StringBuilder md, ModelCard.Training t) {
        md.append("## Training\n\n| Setting | Value |\n|---|---|\n");
        t.settings().forEach((k, v) -> md.append("| ").append(MarkdownCell.of(k)).append(" | ")
                .append(MarkdownCell.of(v)).append(" |\n"));
        if (!t.settings().containsKey("--seed")) {
            md.append("| seed | ").append(t.seed()).append(" |\n");
        }
        md.append('\n');
    }

    private static void metrics(StringBuilder md, List<ModelCard.MetricEntry> metrics) {
        md.append("## Metrics\n\n");
        if (metrics.isEmpty()) {
            md.append("No evaluation was recorded.\n\n");
            return;
        }
        md.append("| Metric | Rows | Value | 95% interval |\n|---|---|---|---|\n");
        for (ModelCard.MetricEntry m : metrics) {
            // The name holds the row-weight column's: a '|' in it had split the cell and shifted the row.
            md.append("| ").append(MarkdownCell.of(m.name())).append(" | ").append(MarkdownCell.of(m.split()))
                    .append(" | ").append(fmt(m.value()))
                    .append(" | ").append(Double.isNaN(m.ciLow()) ? "not estimated" : range(m.ciLow(), m.ciHigh()))
                    .append(" |\n");
        }
        md.append('\n');
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
        md.append('\n').append(p.guaranteed() ? "The guarantee covers" : "Were the draws secret, the figures "
                        + "above would cover").append(" ").append(PrivacyInfo.COVERS)
                .append(" Computed from the data without noise, and not covered:\n\n");
        PrivacyInfo.NOT_COVERED.forEach(item -> md.append("- ").append(MarkdownCell.listItem(item)).append('\n'));
        md.append('\n');
    }

    private static void explanation(StringBuilder md, ModelCard.Explanation e) {
        md.append("## Explanation\n\n");
        if (e == null) {
            md.append("Not computed.\n\n");
            return;
        }
        md.append("Exact interventional SHAP values of a linear model (features taken as independent): feature j")
                .append(" contributes beta_j (x_j - mean x_j) to a prediction, ")
                .append("starting from the base value ").append(fmt(e.baseValue())).append(" (the mean prediction over ")
                .append(e.background()).append(").\n\n");
        CoefficientTable t = e.coefficients();
        // Columns in the order of train's and explain's reports: original units, then the scaled space.
        md.append("| Feature | Mean abs SHAP | Coefficient (original units) | Coefficient (")
                .append(t.scale().coefficientSpace()).append(") |\n")
                .append("|---|---|---|---|\n");
        for (CoefficientTable.Row r : t.rows()) {
            md.append("| ").append(MarkdownCell.of(r.feature())).append(" | ").append(fmt(r.importance())).append(" | ")
                    .append(fmt(r.original())).append(" | ").append(fmt(r.standardized())).append(" |\n");
        }
        md.append("| (intercept) |  | ").append(fmt(t.intercept())).append(" | ")
                .append(fmt(t.interceptStandardized())).append(" |\n\n");
    }

    private static void provenance(StringBuilder md, Provenance p) {
        md.append("## Provenance\n\n");
        row(md, "Ridgeline", p.ridgelineVersion());
        row(md, "Java", p.javaVersion() + " (" + p.javaVendor() + ")");
        row(md, "Operating system", p.os());
        row(md, "Created", p.created());
        markdownRow(md, "Command", p.command() == null ? "(library call)" : MarkdownCell.code(p.command()));
        p.libraries().forEach((name, version) -> row(md, name, version));
        md.append('\n');
    }

    private static void plots(StringBuilder md, List<ModelCard.PlotLink> plots) {
        md.append("## Plots\n\n");
        if (plots.isEmpty()) {
            md.append("None.\n");
            return;
        }
        // The title holds a column name: escaped, a ']' in it had closed the image text and linked a remote image.
        plots.forEach(p -> md.append("![").append(MarkdownCell.line(p.title())).append("](").append(p.path())
                .append(")\n\n"));
    }

    private static void row(StringBuilder md, String key, String value) {
        markdownRow(md, key, MarkdownCell.line(value));
    }

    /** A list row whose value is Markdown already (code spans made by {@link MarkdownCell#code}). */
    private static void markdownRow(StringBuilder md, String key, String markdown) {
        md.append("- **").append(key).append(":** ").append(markdown).append('\n');
    }

    private static void bullets(StringBuilder md, String title, List<String> items) {
        md.append("**").append(title).append(":**\n\n");
        items.forEach(i -> md.append("- ").append(MarkdownCell.listItem(i)).append('\n'));
        md.append('\n');
    }

    static String withCi(double v, Interval ci) {
        return ci == null || Double.isNaN(ci.low()) ? fmt(v) : fmt(v) + " " + range(ci.low(), ci.high());
    }

    static String range(double lo, double hi) {
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
