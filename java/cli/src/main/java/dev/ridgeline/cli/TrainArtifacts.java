package dev.ridgeline.cli;

import dev.ridgeline.data.Frame;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.model.ModelFile;
import dev.ridgeline.train.History;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The standard files of a {@code train} output folder: {@code model.json}, {@code metrics.json} (the same
 * object as {@code train --json}), and the plots {@code loss.png} (when training kept a loss history),
 * {@code predicted_vs_actual.png}, {@code residuals.png} and {@code coefficients.png}.
 */
final class TrainArtifacts {
    static final String MODEL = "model.json";
    static final String METRICS = "metrics.json";
    static final String LOSS = "loss.png";
    static final String PREDICTED = "predicted_vs_actual.png";
    static final String RESIDUALS = "residuals.png";
    static final String COEFFICIENTS = "coefficients.png";

    /** The help of train's and tune's --no-plots. */
    static final String NO_PLOTS_HELP = "Write the output folder without its PNG plots (a host without fonts cannot"
            + " draw them); the model card then links none.";

    private TrainArtifacts() {
    }

    /** {@code names} without the PNG plots: the files a --no-plots run writes of them. */
    static List<String> withoutPlots(List<String> names) {
        return names.stream().filter(n -> !n.endsWith(".png")).toList();
    }

    static final OutputContributor MODEL_FILE = (o, folder) -> folder.add(MODEL, ModelFile.toBytes(o.model()));

    /** metrics.json: the pipeline's report object with {@code extraKeys} (other reports' keys) added. */
    static OutputContributor metricsFile(Map<String, Object> extraKeys) {
        return (o, folder) -> folder.add(METRICS, (TrainReport.of(o).toJson(extraKeys) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static final OutputContributor PLOTS = (o, folder) -> {
        // DP-SGD keeps no loss per epoch (it would be one more figure of the private rows without noise): no empty plot.
        if (o.training().history().size() > 0) {
            folder.add(LOSS, lossPlot(o.training().history()));
        }
        String part = o.evaluationPart();
        Frame rows = o.parts().get(part);
        double[] predicted = o.model().predict(rows);
        double[] actual = new double[rows.rows()];
        double[] residual = new double[rows.rows()];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = rows.target(i);
            residual[i] = actual[i] - predicted[i];
        }
        String target = o.model().targetName();
        int[] drawn = ScatterSample.sample(actual.length);
        int[] worst = ScatterSample.extremes(residual);
        boolean sampled = ScatterSample.sampled(actual.length);
        String rowsShown = sampled ? String.format(java.util.Locale.ROOT, "a sample of %,d of the %,d %s rows",
                drawn.length, actual.length, part) : part + " rows";
        String seriesName = sampled ? "sampled rows" : "rows";
        String worstName = sampled ? ScatterSample.EXTREMES + " largest |residual|" : null;
        folder.add(PREDICTED, Plots.scatter("Predicted vs actual (" + rowsShown + ")", "actual " + target,
                "predicted " + target, seriesName, ScatterSample.pick(actual, drawn), ScatterSample.pick(predicted, drawn),
                worstName, ScatterSample.pick(actual, worst), ScatterSample.pick(predicted, worst), 1.0));
        folder.add(RESIDUALS, Plots.scatter("Residuals (" + rowsShown + ")", "predicted " + target,
                "actual - predicted", seriesName, ScatterSample.pick(predicted, drawn), ScatterSample.pick(residual, drawn),
                worstName, ScatterSample.pick(predicted, worst), ScatterSample.pick(residual, worst), 0.0));
        LinearModel m = o.model();
        folder.add(COEFFICIENTS, Plots.bars("Coefficients (scaled features)", "coefficient", m.featureNames(),
                m.coefficientsStandardized()));
    };

    private static byte[] lossPlot(History h) {
        double[][] train = new double[2][h.size()];
        List<Double> vx = new ArrayList<>();
        List<Double> vy = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            train[0][i] = h.epoch(i);
            train[1][i] = h.loss(i, 0);
            if (!Double.isNaN(h.validationLoss(i, 0))) {
                vx.add((double) h.validationEpoch(i));
                vy.add(h.validationLoss(i, 0));
            }
        }
        double[][] val = {vx.stream().mapToDouble(Double::doubleValue).toArray(),
            vy.stream().mapToDouble(Double::doubleValue).toArray()};
        return Plots.curves("Loss", "epoch", "loss", List.of("training objective J", "validation loss (data term)"),
                List.of(train, val));
    }
}
