package dev.ridgeline.cli;

import dev.ridgeline.data.Frame;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.data.MissingValues;
import dev.ridgeline.fairness.BootstrapSettings;
import dev.ridgeline.fairness.FairnessAnalyzer;
import dev.ridgeline.fairness.FairnessReport;
import dev.ridgeline.fairness.GroupLabels;
import dev.ridgeline.fairness.MitigationResult;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.model.ModelMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The responsible-modelling steps of one {@code train} run: the fit step (DP-SGD, mitigation or plain) that
 * {@link TrainPipeline} uses, and after the run the fairness tables on the evaluation rows, the privacy
 * statement and the mitigation comparison, gathered as a {@link ResponsibleReport}.
 */
final class ResponsibleRun {
    private final ResponsibleOptions options;
    private final long seed;
    private final DpFit dp;
    private final MitigationFit mitigation;

    private ResponsibleRun(ResponsibleOptions options, long seed) {
        this.options = options;
        this.seed = seed;
        this.dp = options.dp ? new DpFit(options, seed) : null;
        this.mitigation = options.mitigate ? new MitigationFit(options) : null;
    }

    /** Validates the option combinations before any work. */
    static ResponsibleRun start(ResponsibleOptions options, long seed) {
        options.validate();
        return new ResponsibleRun(options, seed);
    }

    /**
     * Fails early when a sensitive column is not in the data, or misses a value in a row that {@code missing}
     * keeps (found after training and the plots before: 14 s into a run of 1,000,000 rows). A group is never
     * imputed, so under every policy but drop the missing sensitive value is the error to name, before the
     * general one, which had offered --missing mean or median, neither of which fills it.
     */
    void check(Frame frame, MissingPolicy missing) {
        if (options.hasSensitive()) {
            SensitiveColumns.fit(frame.selectRows(new int[0]), options.sensitive, options.sensitiveBins);
            SensitiveColumns.requireAnyValue(frame, options.sensitive);  // before --missing drop empties the file
            SensitiveColumns.requireValues(missing == MissingPolicy.DROP ? MissingValues.apply(frame, missing) : frame,
                    options.sensitive);
        }
    }

    /** How the pipeline fits the training rows for this run. */
    FitStep fitStep() {
        return dp != null ? dp : mitigation != null ? mitigation : FitStep.PLAIN;
    }

    /**
     * Fairness tables on the fairness rows ({@link #fairnessPart}), privacy, mitigation; their resampling counted on
     * the progress display unless {@code quiet} (--json).
     */
    ResponsibleReport report(TrainOutcome outcome, boolean quiet) {
        String part = fairnessPart(outcome);
        Frame eval = outcome.parts().get(part);
        // Without test rows early stopping chose the weights kept on the validation rows the tables use: the text's
        // fairness header says so, as the card does.
        boolean chose = part.equals("validation") && TrainPipeline.patienceChose(outcome.fit().training());
        String description = chose ? "validation rows (" + rowCount(eval) + "; they chose the weights kept by"
                + " --patience, so these figures are optimistic)"
                : !part.equals(outcome.evaluationPart()) ? "test rows (" + rowCount(eval) + "; not the validation rows,"
                        + " which chose the weights kept by --patience)" : describe(part, rowCount(eval));
        List<FairnessReport> fairness = new ArrayList<>();
        Map<String, List<String>> absent = Map.of();
        Map<String, List<String>> untrained = Map.of();
        FairnessReport heldBefore = null;
        FairnessReport heldAfter = null;
        if (options.hasSensitive()) {
            SensitiveColumns columns = SensitiveColumns.fit(outcome.parts().get("train"), options.sensitive,
                    options.sensitiveBins);
            List<String> attributes = columns.attributes();
            List<String[]> labels = columns.labels(eval);
            double[] y = eval.targetValues();
            double[] w = weights(eval);
            double[] predicted = outcome.model().predict(eval);
            BootstrapSettings boot = new BootstrapSettings(options.bootstrap, seed, 0.95);
            Set<String> read = outcome.model().preprocessing().readInputSchema().keySet();
            for (int a = 0; a < attributes.size(); a++) {
                List<String> of = a < options.sensitive.size() ? List.of(options.sensitive.get(a)) : options.sensitive;
                fairness.add(analyze(attributes.get(a), y, predicted, w, labels.get(a), boot,
                        relabellingTests(part, of, read), quiet));
            }
            absent = absentGroups(outcome, part, columns, labels);
            untrained = untrainedGroups(outcome, part, columns, labels);
            if (mitigation != null && !part.equals("train")) {
                String attribute = attributes.get(attributes.size() - 1);
                String[] finest = labels.get(labels.size() - 1);
                LinearModel baseline = LinearModel.of(outcome.model().preprocessing(), outcome.model().targetName(),
                        mitigation.result().baselineModel().training().parameters(), 0, ModelMetadata.empty());
                heldBefore = FairnessAnalyzer.analyze(attribute, y, baseline.predict(eval), w, finest,
                        BootstrapSettings.none(), true);
                heldAfter = FairnessAnalyzer.analyze(attribute, y, predicted, w, finest, BootstrapSettings.none(), true);
            }
        }
        MitigationResult<FitStep.Fitted> mitigated = mitigation == null ? null : mitigation.result();
        String mitigatedAttribute = mitigation == null ? null : String.join(" x ", options.sensitive);
        return new ResponsibleReport(part, description, fairness, dp, mitigatedAttribute, mitigated, heldBefore,
                heldAfter, absent, untrained, dp == null ? List.of()
                        : DpPreprocessingWarning.fitted(outcome.model().preprocessing(), outcome.parts().get("train")),
                chose);
    }

    /**
     * The rows the fairness tables are computed on: the evaluation rows ({@link TrainOutcome#evaluationPart}:
     * validation, else test, else training), but the test rows when --patience chose the weights kept on the
     * validation rows. Figures on the rows that chose are optimistic (es.csv, lambda 0, six seeds: a validation MSE of
     * 10.07 at the kept epoch against 12.24 on the test rows), and a group of few rows more so, so its gap too; the
     * test rows are those no choice saw. Without test rows the validation rows stay, said to be optimistic.
     * Mitigation's held-out line follows: --patience is refused with --mitigate, so its rows chose nothing.
     */
    static String fairnessPart(TrainOutcome outcome) {
        String part = outcome.evaluationPart();
        return part.equals("validation") && outcome.parts().containsKey("test")
                && TrainPipeline.patienceChose(outcome.fit().training()) ? "test" : part;
    }

    /**
     * The fairness table of {@code attribute}, its bootstrap resamples and permutation test counted on the
     * progress display ({@link FairnessAnalyzer#steps}: three passes over the rows per resample), as the model
     * card's intervals are: over millions of held-out rows they run for many seconds after the last epoch. Shapes:
     * y (m), predicted (m), w (m) or null, labels (m).
     */
    private static FairnessReport analyze(String attribute, double[] y, double[] predicted, double[] w,
            String[] labels, BootstrapSettings boot, boolean permutationTest, boolean quiet) {
        if (boot.resamples() == 0) {
            return FairnessAnalyzer.analyze(attribute, y, predicted, w, labels, boot, permutationTest);
        }
        try (Progress progress = Progress.resampling(fairnessTask(attribute), FairnessAnalyzer.steps(boot), y.length,
                quiet)) {
            return analyze(attribute, y, predicted, w, labels, boot, permutationTest, progress);
        }
    }

    /** The fairness table of {@code attribute}, its passes over the rows told to {@code progress}. */
    static FairnessReport analyze(String attribute, double[] y, double[] predicted, double[] w, String[] labels,
            BootstrapSettings boot, boolean permutationTest, Progress progress) {
        return FairnessAnalyzer.analyze(attribute, y, predicted, w, labels, boot, permutationTest, progress::stepTo);
    }

    /** The progress display's name for the table of {@code attribute} ("fairness sex"), one line whatever it holds. */
    static String fairnessTask(String attribute) {
        return "fairness " + ErrorHandler.oneLine(ColumnNameText.shown(attribute));
    }

    /**
     * The rows' weights as the metrics weigh them, float32 values in double (null without a weight column), so
     * that the fairness figures' overall row is the report's weighted metrics. Shape: (m).
     */
    static double[] weights(Frame part) {
        float[] f = part.weightFloats();
        if (f == null) {
            return null;
        }
        double[] w = new double[f.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = f[i];
        }
        return w;
    }

    /**
     * Per attribute, the groups of the evaluation rows that no training row holds, in table order: the model was
     * fitted without them and --mitigate could not weight them, yet their rows count in the tables and in its
     * held-out worst group. None on the training rows themselves.
     */
    private static Map<String, List<String>> untrainedGroups(TrainOutcome outcome, String part,
            SensitiveColumns columns, List<String[]> evalLabels) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (part.equals("train")) {
            return out;
        }
        List<String[]> trained = columns.labels(outcome.parts().get("train"));
        List<String> attributes = columns.attributes();
        for (int a = 0; a < attributes.size(); a++) {
            Set<String> unseen = new HashSet<>(Arrays.asList(evalLabels.get(a)));
            Arrays.asList(trained.get(a)).forEach(unseen::remove);
            if (!unseen.isEmpty()) {
                out.put(attributes.get(a), List.copyOf(GroupLabels.rowsByGroup(unseen.toArray(String[]::new))
                        .keySet()));
            }
        }
        return out;
    }

    /**
     * Per attribute, the groups that rows of the other parts hold and the evaluation rows do not, in table order:
     * they have no row in its table (nor in mitigation's held-out worst group), which must not pass unsaid.
     */
    private static Map<String, List<String>> absentGroups(TrainOutcome outcome, String part, SensitiveColumns columns,
            List<String[]> evalLabels) {
        List<String> attributes = columns.attributes();
        List<Set<String>> absent = new ArrayList<>();
        evalLabels.forEach(held -> absent.add(new HashSet<>()));
        for (Map.Entry<String, Frame> other : outcome.parts().entrySet()) {
            if (other.getKey().equals(part)) {
                continue;
            }
            List<String[]> labels = columns.labels(other.getValue());
            for (int a = 0; a < attributes.size(); a++) {
                absent.get(a).addAll(Arrays.asList(labels.get(a)));
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int a = 0; a < attributes.size(); a++) {
            Arrays.asList(evalLabels.get(a)).forEach(absent.get(a)::remove);
            if (!absent.get(a).isEmpty()) {
                // In the order of the tables' groups.
                out.put(attributes.get(a), List.copyOf(GroupLabels.rowsByGroup(absent.get(a).toArray(String[]::new))
                        .keySet()));
            }
        }
        return out;
    }

    /**
     * Whether relabelling the evaluation rows tests the groups: always on held-out rows. On the rows the model was
     * fitted on only when the fit could not read the groups: none of the attribute's columns is a model input and
     * no mitigation weighted the rows by group. Then, if the groups say nothing about the data, the fit and so every
     * row's (target, prediction) pair are the same under any relabelling. A fit that reads them sets each
     * group's mean residual near 0, and relabelling tests nothing (FairnessAnalyzer.analyze).
     */
    private boolean relabellingTests(String part, List<String> columns, Set<String> modelInputs) {
        return !part.equals("train") || (mitigation == null && columns.stream().noneMatch(modelInputs::contains));
    }

    /**
     * The rows' count as the fairness tables and the model card's Fairness section give it: "60", or "60, 40 of
     * weight above 0" when some weigh 0 (they add nothing to a weighted figure; the card's Metrics rows had said 60
     * where its Fairness section said 40 of them weigh).
     */
    static String rowCount(Frame rows) {
        int weighing = 0;
        for (int i = 0; i < rows.rows(); i++) {
            weighing += rows.weight(i) > 0 ? 1 : 0;
        }
        return weighing == rows.rows() ? String.valueOf(rows.rows()) : rows.rows() + ", " + weighing
                + " of weight above 0";
    }

    /**
     * "validation rows (88)", "test rows (..., no validation rows)" or "training rows (..., no holdout)", the count
     * that of {@link #rowCount}.
     */
    static String describe(String part, String rows) {
        return switch (part) {
            case "validation" -> "validation rows (" + rows + ")";
            case "test" -> "test rows (" + rows + ", no validation rows)";
            default -> "training rows (" + rows + ", no holdout)";
        };
    }
}
