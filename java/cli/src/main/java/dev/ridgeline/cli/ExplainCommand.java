package dev.ridgeline.cli;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.explain.InputSpace;
import dev.ridgeline.explain.LinearShap;
import dev.ridgeline.explain.RowExplanation;
import dev.ridgeline.model.AtomicFiles;
import dev.ridgeline.model.LinearModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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

/**
 * {@code ridgeline explain}: exact SHAP values of a saved model over a data file (the background for the
 * expectations), global importance, the coefficient table, and optionally one row's explanation and plots.
 * The model's stored preprocessing is applied to the rows by column name; SHAP values are in the model's
 * input space (encoded features before scaling), and each row's additivity is checked against the model's
 * own prediction of it.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Explain a saved model: exact SHAP values, importance, coefficients.",
            "The background (for E[x] and the base value) is every row of --data.",
            "Example, from the repository root (train's default data is this file):",
            "  ridgeline train; ridgeline explain --model ridgeline-out/model.json --row 0 \\",
            "    --data java/core/src/main/resources/dev/ridgeline/data/diabetes.csv"})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelInput input;

    @Option(names = "--row", paramLabel = "I", description = "Explain data row I (0 = first data row).")
    Integer row;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write importance.png (and waterfall-row-I.png) into DIR.")
    Path plots;

    @Option(names = "--json", description = "Print one JSON object (keys: model, data, background_rows, base, "
            + "importance, coefficients, row).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (plots != null) {
            Map<String, Path> inputs = OutputFile.inputs("--model", input.model, "--data", input.data);
            OutputFile.check("--plots", plots.resolve("importance.png"), inputs);
            if (row != null) {
                OutputFile.check("--plots", plots.resolve("waterfall-row-" + row + ".png"), inputs);
            }
        }
        LinearModel model = input.loadModel();
        // Chunk by chunk: the rows in the model's input space are kept, not the file's text and frames.
        List<double[]> inputRows = new ArrayList<>();
        Frame[] rowChunk = {null};
        int[] rowInChunk = {0};
        input.eachChunk(model, false, chunk -> {
            int first = inputRows.size();
            Collections.addAll(inputRows, InputSpace.rows(model, chunk));
            if (row != null && row >= first && row < inputRows.size()) {
                rowChunk[0] = chunk;
                rowInChunk[0] = row - first;
            }
        });
        double[][] x = inputRows.toArray(new double[0][]);
        LinearShap shap = LinearShap.fit(model, x);
        CoefficientTable table = CoefficientTable.of(model, shap.meanAbsolutePhi(x));
        RowExplanation one = null;
        if (row != null) {
            if (row < 0 || row >= x.length) {
                throw new DataException("--row " + row + " is outside the data's rows 0.." + (x.length - 1));
            }
            double prediction = model.predict(rowChunk[0].selectRows(new int[] {rowInChunk[0]}))[0];
            one = shap.explain(x[row], prediction);
        }
        if (plots != null) {
            // Both plots written before either replaces its file: a full disk had replaced importance.png and
            // left the old waterfall.
            Map<Path, byte[]> files = new LinkedHashMap<>();
            files.put(plots.resolve("importance.png"), ResponsiblePlots.importance(table));
            if (one != null) {
                files.put(plots.resolve("waterfall-row-" + row + ".png"),
                        ResponsiblePlots.waterfall(one, "SHAP waterfall, row " + row));
            }
            AtomicFiles.writeAll(files);
        }
        var out = spec.commandLine().getOut();
        out.print(json ? toJson(shap.base(), x.length, table, one) + System.lineSeparator()
                : text(shap.base(), x.length, table, one));
        if (plots != null && !json) {
            // As train, predict and export say what they wrote.
            out.printf("%nwrote      %s: importance.png%s%n", plots, one != null ? ", waterfall-row-" + row + ".png" : "");
        }
        out.flush();
        return 0;
    }

    private static String text(double base, int rows, CoefficientTable table, RowExplanation one) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "base value %.8g (mean prediction over the %s of --data, the "
                + "background; SHAP in the model's input space: encoded features before scaling)%n%n", base,
                RowCount.of(rows)));
        // Coefficient columns in train's order: original units, then the model's scaled space.
        s.append(String.format(Locale.ROOT, "%-14s %14s %16s %16s%n", "feature", "mean |SHAP|", "original units",
                table.scale().coefficientSpace()));
        for (CoefficientTable.Row r : table.rows()) {
            s.append(String.format(Locale.ROOT, "%-14s %14.6g %16.8g %16.8g%n", r.feature(), r.importance(),
                    r.original(), r.standardized()));
        }
        s.append(String.format(Locale.ROOT, "%-14s %14s %16.8g %16.8g%n", "(intercept)", "", table.intercept(),
                table.interceptStandardized()));
        if (one != null) {
            s.append(String.format(Locale.ROOT, "%n%-14s %14s %14s%n", "feature", "value", "SHAP"));
            for (int j : byMagnitude(one.phi())) {
                s.append(String.format(Locale.ROOT, "%-14s %14.6g %+14.6g%n", one.featureNames().get(j), one.values()[j],
                        one.phi()[j]));
            }
            s.append(String.format(Locale.ROOT, "prediction %.8g = base %.8g + sum of SHAP (additivity error %.2g)%n",
                    one.prediction(), one.base(), one.additivityError()));
        }
        return s.toString();
    }

    private static List<Integer> byMagnitude(double[] phi) {
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < phi.length; j++) {
            order.add(j);
        }
        order.sort((a, b) -> Double.compare(Math.abs(phi[b]), Math.abs(phi[a])));
        return order;
    }

    private String toJson(double base, int rows, CoefficientTable table, RowExplanation one) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", input.model.toString());
        doc.put("data", input.data.toString());
        doc.put("background_rows", rows);
        doc.put("base", base);
        Map<String, Double> importance = new LinkedHashMap<>();
        List<Map<String, Object>> coefficients = new ArrayList<>();
        for (CoefficientTable.Row r : table.rows()) {
            importance.put(r.feature(), r.importance());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("feature", r.feature());
            c.put("standardized", r.standardized());
            c.put("original", r.original());
            coefficients.add(c);
        }
        doc.put("importance", importance);
        doc.put("coefficients", coefficients);
        if (one != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            Map<String, Double> phi = new LinkedHashMap<>();
            for (int j = 0; j < one.phi().length; j++) {
                phi.put(one.featureNames().get(j), one.phi()[j]);
            }
            r.put("shap", phi);
            r.put("prediction", one.prediction());
            r.put("additivity_error", one.additivityError());
            doc.put("row", r);
        } else {
            doc.put("row", null);
        }
        return CliJson.compact(doc);
    }
}
