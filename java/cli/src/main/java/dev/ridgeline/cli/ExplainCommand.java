package dev.ridgeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.explain.LinearShap;
import dev.ridgeline.explain.RowExplanation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ridgeline explain}: exact SHAP values of a linear model over a data file (the background for the
 * expectations), global importance, the coefficient table, and optionally one row's explanation and plots.
 */
@Command(name = "explain", sortOptions = false,
        description = {"Explain a linear model: exact SHAP values, importance, coefficients.",
            "Example: ridgeline train --json > model.json; ridgeline explain --model model.json --data train.csv --row 0"})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "The JSON printed by 'ridgeline train --json'.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "CSV with a header holding the model's feature columns (others are ignored); its rows are the background.")
    Path data;

    @Option(names = "--row", paramLabel = "I", description = "Explain data row I (0 = first data row).")
    Integer row;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write importance.png (and waterfall-row-I.png) into DIR.")
    Path plots;

    @Option(names = "--json", description = "Print one JSON object (keys: base, importance, coefficients, row).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelInput input = ModelInput.read(model);
        DenseMatrix x = features(CsvTable.read(data, ','), input.model().featureNames());
        LinearShap shap = LinearShap.fit(input.model(), x);
        CoefficientTable table = input.table(shap.meanAbsolutePhi(x));
        RowExplanation one = null;
        if (row != null) {
            if (row < 0 || row >= x.rows()) {
                throw new DataException("--row " + row + " is outside the data's rows 0.." + (x.rows() - 1));
            }
            one = shap.explain(x, row);
        }
        if (plots != null) {
            ResponsiblePlots.importance(table, plots.resolve("importance.png"));
            if (one != null) {
                ResponsiblePlots.waterfall(one, "SHAP waterfall, row " + row, plots.resolve("waterfall-row-" + row + ".png"));
            }
        }
        var out = spec.commandLine().getOut();
        out.print(json ? toJson(shap.base(), table, one) + System.lineSeparator() : text(shap.base(), x.rows(), table, one));
        out.flush();
        return 0;
    }

    /** The model's feature columns of the table, by name, as raw floats. Shape (rows, n). */
    static DenseMatrix features(CsvTable table, List<String> names) {
        int[] cols = new int[names.size()];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = table.header().indexOf(names.get(j));
            if (cols[j] < 0) {
                throw new DataException(table.source() + ": the model's feature '" + names.get(j)
                        + "' is not a column (header: " + String.join(", ", table.header()) + ")");
            }
        }
        if (table.rows() == 0) {
            throw new DataException(table.source() + ": the file has a header but no data rows");
        }
        DenseMatrix x = DenseMatrix.zeros(table.rows(), cols.length);
        for (int r = 0; r < table.rows(); r++) {
            String[] fields = table.record(r);
            for (int j = 0; j < cols.length; j++) {
                if (cols[j] >= fields.length) {
                    throw new DataException(String.format("%s, line %d: %d fields, the header has %d",
                            table.source(), table.line(r), fields.length, table.header().size()));
                }
                x.set(r, j, dev.ridgeline.data.CsvDatasets.parse(table, r, cols[j], fields[cols[j]]));
            }
        }
        return x;
    }

    private static String text(double base, int rows, CoefficientTable table, RowExplanation one) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "base value %.8g (mean prediction over %d rows)%n%n", base, rows));
        s.append(String.format(Locale.ROOT, "%-14s %14s %16s %16s%n", "feature", "mean |SHAP|", "standardised", "original units"));
        for (CoefficientTable.Row r : table.rows()) {
            s.append(String.format(Locale.ROOT, "%-14s %14.6g %16.8g %16.8g%n", r.feature(), r.importance(),
                    r.standardized(), r.original()));
        }
        s.append(String.format(Locale.ROOT, "%-14s %14s %16.8g %16.8g%n", "(intercept)", "", table.interceptStandardized(),
                table.intercept()));
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

    private static String toJson(double base, CoefficientTable table, RowExplanation one) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
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
        }
        return new ObjectMapper().writeValueAsString(doc);
    }
}
