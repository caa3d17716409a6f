package dev.ridgeline.cli;

import dev.ridgeline.data.DataException;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.model.ModelEvaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ridgeline evaluate}: metrics of a saved model on labelled rows. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Score a saved model on a CSV that has the target column: MSE, RMSE, MAE, R2, explained variance"
                + " (weighted by the model's --weights column when the file has it).")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelInput input;

    @Option(names = "--json", description = "Print one JSON object (keys: model, data, target, weights, metrics{rows, mse, rmse, mae, r2, explained_variance}, warnings).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LinearModel model = input.loadModel();
        // Chunk by chunk: targets, predictions and weights are kept (8 bytes each a row), not the file's rows.
        GrowingDoubles targets = new GrowingDoubles();
        GrowingDoubles predictions = new GrowingDoubles();
        GrowingDoubles weights = new GrowingDoubles();
        String[] weightName = {null};
        UnseenCategories unseen = new UnseenCategories(model);
        try (Progress reading = Progress.reading(input.data, json)) {
            input.eachChunk(model, true, reading, rows -> {
                unseen.count(rows);
                ModelEvaluation.requireTargets(model, rows);
                targets.addAll(rows.targetValues());
                predictions.addAll(ModelEvaluation.finitePredictions(model, rows));
                if (rows.hasWeights()) {
                    weights.addAll(rows.weightFloats());
                    weightName[0] = rows.weightName();
                }
            });
        }
        float[] w = weightName[0] == null ? null : weights.toFloats();
        ModelEvaluation.requireSomeWeight(w, input.data.toString(), weightName[0]);
        RegressionMetrics m = RegressionMetrics.of(targets.toArray(), predictions.toArray(), w);
        List<String> warnings = new ArrayList<>();
        unseen.warning().ifPresent(warnings::add);
        TrainingDataOverlap.warning(model, input.dataSha256(), input.data).ifPresent(warnings::add);
        if (Double.isNaN(m.r2())) {
            // Both compare the errors with the spread of the targets, which is 0 here: say why they read NaN.
            warnings.add("R2 and explained variance are undefined: the target '" + DataException.shown(model.targetName())
                    + "' has one value on every row" + (w != null ? " of weight above 0" : "") + " of " + input.data
                    + ", so there is no spread to explain (MSE, RMSE and MAE still apply)");
        }
        warnings.forEach(warning -> spec.commandLine().getErr().println(ErrorHandler.warningLine(warning)));
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", input.model.toString());
            doc.put("data", input.data.toString());
            doc.put("target", model.targetName());
            doc.put("weights", weightName[0]);
            doc.put("metrics", TrainReport.metricsJson(m));
            doc.put("warnings", warnings);
            out.println(CliJson.compact(doc));
        } else {
            out.printf(Locale.ROOT, "%s on %s (%s, target '%s'%s)%n", input.model, input.data, RowCount.of(m.count()),
                    model.targetName(), weightName[0] != null ? ", weighted by '" + weightName[0] + "'" : "");
            out.printf(Locale.ROOT, "MSE %.6g  RMSE %.6g  MAE %.6g  R2 %s  explained variance %s%n", m.mse(), m.rmse(),
                    m.mae(), TrainReport.fraction(m.r2()), TrainReport.fraction(m.explainedVariance()));
        }
        out.flush();
        return 0;
    }
}
