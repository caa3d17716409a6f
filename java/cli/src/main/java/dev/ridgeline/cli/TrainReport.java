package dev.ridgeline.cli;

import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.train.Solver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code train} reports, as a text report or as one JSON object with stable keys (docs/cli.md). */
record TrainReport(TrainOutcome outcome) {

    static TrainReport of(TrainOutcome o) {
        return new TrainReport(o);
    }

    private Solver solverShown() {
        return outcome.solver();
    }

    /** The text report; {@code targetGiven} whether --target named the target (else it is the last column). */
    String toText(boolean targetGiven) {
        var fit = outcome.fit();
        LinearModel m = fit.model();
        double lambda = m.metadata().lambda();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "backend    %s (%s)%n", fit.backend(), fit.backendReason()));
        s.append(String.format(Locale.ROOT, "solver     %s, lambda %s%n", outcome.method(), lambda));
        s.append(targetLine(m.targetName(), targetGiven));
        if (!Double.isNaN(outcome.dpEpochs())) {
            // DP-SGD runs its --dp-epochs in full, a fraction allowed; its steps are in the privacy line.
            String epochs = TrainPipeline.plain(outcome.dpEpochs());
            s.append(String.format(Locale.ROOT, "epochs     %s in expectation (--dp-epochs), learning rate %.6g%n",
                    epochs, fit.training().learningRates()[0]));
        } else if (solverShown() != Solver.EXACT) {
            double rate = fit.training().learningRates()[0];
            int halvings = fit.training().stepHalvings(0);
            int kept = fit.training().history().keptEpoch(0);
            s.append(String.format(Locale.ROOT, "epochs     %d (%s), learning rate %s%s%n", fit.training().epochs(0),
                    fit.training().stopReason(0).name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    Double.isNaN(rate) ? "not estimated" : String.format(Locale.ROOT, "%.6g", rate),
                    halvings == 0 ? "" : halvings == 1 ? ", then halved once"
                            : ", then halved " + halvings + " times"));
            if (kept >= 0) {
                s.append(String.format(Locale.ROOT, "kept       the weights after epoch %d, the best validation read"
                        + " (--patience)%n", kept));
            }
        }
        s.append(String.format(Locale.ROOT, "loss       %.10g (%s)%n", fit.training().finalLoss(0),
                outcome.lossMeaning()));
        String weights = weightColumn();
        if (weights != null) {
            s.append(String.format(Locale.ROOT, "weights    column '%s': the loss and the metrics are weighted%n", weights));
        }
        s.append(String.format(Locale.ROOT, "%n")).append(metricsHeader());
        outcome.metrics().forEach((part, r) -> appendMetrics(s, part, r));
        double[] orig = m.coefficients();
        double[] std = m.coefficientsStandardized();
        List<String> names = m.featureNames();
        int w = TextCells.nameColumn(12, names);
        s.append(String.format(Locale.ROOT, "%n%s %16s %16s%n", TextCells.pad("coefficient", w), "original units",
                m.preprocessing().scale().coefficientSpace()));
        s.append(String.format(Locale.ROOT, "%s %16.8g %16.8g%n", TextCells.pad("(intercept)", w), m.intercept(),
                m.interceptStandardized()));
        boolean[] shown = largest(std, MAX_SHOWN);
        for (int j = 0; j < orig.length; j++) {
            if (shown[j]) {
                s.append(String.format(Locale.ROOT, "%s %16.8g %16.8g%n", TextCells.pad(names.get(j), w), orig[j],
                        std[j]));
            }
        }
        if (orig.length > MAX_SHOWN) {
            s.append(String.format(Locale.ROOT, "(%,d more, none larger in magnitude in the %s column than those listed;"
                    + " model.json and --json hold them all)%n", orig.length - MAX_SHOWN,
                    m.preprocessing().scale().coefficientSpace()));
        }
        return s.toString();
    }

    /**
     * The column the model predicts. Without --target it is the file's last column, whatever that holds (a
     * leaking ratio, an id): the report had named it nowhere, so a forgotten --target trained silently on it.
     */
    static String targetLine(String target, boolean given) {
        return String.format(Locale.ROOT, "target     '%s'%s%n", ColumnNameText.shown(target),
                given ? "" : " (the last column, as no --target was given)");
    }

    /** Coefficients listed at most, in feature order: the largest in the scaled space (a wide model's thousands flooded the terminal). */
    static final int MAX_SHOWN = 40;

    /** Which of {@code values} are among the {@code count} largest in magnitude (all when there are no more); ties by order. */
    static boolean[] largest(double[] values, int count) {
        boolean[] shown = new boolean[values.length];
        Integer[] order = new Integer[values.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble((Integer j) -> -Math.abs(values[j])));
        for (int k = 0; k < Math.min(count, order.length); k++) {
            shown[order[k]] = true;
        }
        return shown;
    }

    /** The metrics table's header line, as train prints it. */
    static String metricsHeader() {
        return String.format(Locale.ROOT, "%-12s %8s %12s %12s %12s %9s %9s%n", "metrics", "rows", "MSE", "RMSE",
                "MAE", "R2", "expl.var");
    }

    /** One line of the metrics table. */
    static void appendMetrics(StringBuilder s, String name, RegressionMetrics r) {
        s.append(String.format(Locale.ROOT, "%-12s %8d %12.6g %12.6g %12.6g %9s %9s%n", name, r.count(), r.mse(),
                r.rmse(), r.mae(), fraction(r.r2()), fraction(r.explainedVariance())));
    }

    /**
     * R2 or explained variance: five decimals, as a fraction of the variance reads; in exponent form from 1e4 on
     * (an outlier target or a near-constant one gives -4.3e58, which fixed decimals wrote as 60 digits).
     */
    static String fraction(double v) {
        return Math.abs(v) < 1e4 || !Double.isFinite(v) ? String.format(Locale.ROOT, "%.5f", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }

    /** The column of row weights, or null when every row counted once. */
    private String weightColumn() {
        return outcome.parts().get("train").weightName();
    }

    /**
     * The epochs run; under --dp its --dp-epochs, which may be a fraction (0.3 ran 0.3 epochs, not 1): a whole
     * number stays an integer in the JSON (5, not 5.0), as without --dp.
     */
    static Number epochs(int epochsRun, double dpEpochs) {
        if (Double.isNaN(dpEpochs)) {
            return epochsRun;
        }
        return dpEpochs == Math.rint(dpEpochs) && Math.abs(dpEpochs) < 0x1p53 ? (Number) (long) dpEpochs : dpEpochs;
    }

    /** The report as an ordered map (the --json object and metrics.json). */
    Map<String, Object> toMap() {
        var fit = outcome.fit();
        LinearModel m = fit.model();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("backend", fit.backend());
        doc.put("backend_reason", fit.backendReason());
        doc.put("solver", outcome.method());
        doc.put("lambda", m.metadata().lambda());
        doc.put("epochs", epochs(fit.training().epochs(0), outcome.dpEpochs()));
        doc.put("stop_reason", fit.training().stopReason(0).name().toLowerCase(Locale.ROOT));
        // The epoch of the weights --patience kept (its best validation read), null without it.
        int kept = fit.training().history().keptEpoch(0);
        doc.put("kept_epoch", kept >= 0 ? kept : null);
        // null as tune writes it: the exact solver takes no step, and 0.0 read as a rate.
        doc.put("learning_rate", solverShown() == Solver.EXACT ? null : fit.training().learningRates()[0]);
        doc.put("learning_rate_halvings", fit.training().stepHalvings(0));
        doc.put("loss", fit.training().finalLoss(0));
        doc.put("loss_under_group_weights", outcome.lossUnderGroupWeights());
        doc.put("weights", weightColumn());
        doc.put("ignored", m.metadata().ignoredColumns());
        doc.put("target", m.targetName());
        doc.put("intercept", m.intercept());
        doc.put("coefficients", named(m.featureNames(), m.coefficients()));
        doc.put("intercept_standardized", m.interceptStandardized());
        doc.put("coefficients_standardized", named(m.featureNames(), m.coefficientsStandardized()));
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (String part : List.of("train", "validation", "test")) {
            RegressionMetrics r = outcome.metrics().get(part);
            metrics.put(part, r == null ? null : metricsJson(r));
        }
        doc.put("metrics", metrics);
        doc.put("scale", m.preprocessing().scale().label());
        doc.put("warnings", outcome.warnings());
        return doc;
    }

    /** The JSON object with {@code extraKeys} (other reports' sections) added after the pipeline's keys. */
    String toJson(Map<String, Object> extraKeys) {
        Map<String, Object> doc = toMap();
        doc.putAll(extraKeys);
        return CliJson.compact(doc);
    }

    static Map<String, Double> named(List<String> names, double[] values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < values.length; j++) {
            out.put(names.get(j), values[j]);
        }
        return out;
    }

    static Map<String, Object> metricsJson(RegressionMetrics r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", r.count());
        out.put("mse", r.mse());
        out.put("rmse", r.rmse());
        out.put("mae", r.mae());
        out.put("r2", r.r2());
        out.put("explained_variance", r.explainedVariance());
        return out;
    }
}
