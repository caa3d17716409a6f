package dev.ridgeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.data.Dataset;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.train.RidgeFitter;
import dev.ridgeline.train.Solver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code train} reports, as a text report or as one JSON object with stable keys. */
record TrainReport(RidgeFitter.Fit fit, Solver solver, double lambda, RegressionMetrics train,
        RegressionMetrics validation) {

    static TrainReport of(RidgeFitter.Fit fit, Dataset trainRows, Dataset validationRows, Solver solver, double lambda) {
        RegressionMetrics train = metrics(fit.model(), trainRows);
        RegressionMetrics validation = validationRows == null ? null : metrics(fit.model(), validationRows);
        return new TrainReport(fit, solver, lambda, train, validation);
    }

    /** Metrics of the model's predictions on raw rows, in the target's own units. */
    static RegressionMetrics metrics(LinearModel model, Dataset rows) {
        double[] predicted = new double[rows.rows()];
        float[] row = new float[rows.features()];
        for (int i = 0; i < rows.rows(); i++) {
            rows.x().copyRow(i, row);
            predicted[i] = model.predict(row);
        }
        return RegressionMetrics.of(rows.target(), predicted);
    }

    String toText() {
        LinearModel m = fit.model();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "backend    %s (%s)%n", fit.backend(), fit.backendReason()));
        s.append(String.format(Locale.ROOT, "solver     %s, lambda %s%n", solver.label(), lambda));
        if (solver != Solver.EXACT) {
            s.append(String.format(Locale.ROOT, "epochs     %d (%s), learning rate %.6g%n", fit.training().epochs(0),
                    fit.training().stopReason(0).name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    fit.training().learningRates()[0]));
        }
        s.append(String.format(Locale.ROOT, "loss       %.10g (objective on the training rows)%n", fit.training().finalLoss(0)));
        s.append(String.format(Locale.ROOT, "%n%-12s %8s %12s %12s %12s %9s%n", "metrics", "rows", "MSE", "RMSE", "MAE", "R2"));
        appendMetrics(s, "train", train);
        if (validation != null) {
            appendMetrics(s, "validation", validation);
        }
        s.append(String.format(Locale.ROOT, "%n%-12s %16s %16s%n", "coefficient", "original units", "standardised"));
        s.append(String.format(Locale.ROOT, "%-12s %16.8g %16.8g%n", "(intercept)", m.intercept(), m.interceptStandardized()));
        double[] orig = m.coefficients();
        double[] std = m.coefficientsStandardized();
        List<String> names = m.featureNames();
        for (int j = 0; j < orig.length; j++) {
            s.append(String.format(Locale.ROOT, "%-12s %16.8g %16.8g%n", names.get(j), orig[j], std[j]));
        }
        return s.toString();
    }

    private static void appendMetrics(StringBuilder s, String name, RegressionMetrics r) {
        s.append(String.format(Locale.ROOT, "%-12s %8d %12.6g %12.6g %12.6g %9.5f%n", name, r.count(), r.mse(), r.rmse(),
                r.mae(), r.r2()));
    }

    String toJson() throws JsonProcessingException {
        LinearModel m = fit.model();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("backend", fit.backend());
        doc.put("backend_reason", fit.backendReason());
        doc.put("solver", solver.label());
        doc.put("lambda", lambda);
        doc.put("epochs", fit.training().epochs(0));
        doc.put("stop_reason", fit.training().stopReason(0).name().toLowerCase(Locale.ROOT));
        doc.put("learning_rate", fit.training().learningRates()[0]);
        doc.put("loss", fit.training().finalLoss(0));
        doc.put("intercept", m.intercept());
        doc.put("coefficients", named(m.featureNames(), m.coefficients()));
        doc.put("intercept_standardized", m.interceptStandardized());
        doc.put("coefficients_standardized", named(m.featureNames(), m.coefficientsStandardized()));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("train", metricsJson(train));
        metrics.put("validation", validation == null ? null : metricsJson(validation));
        doc.put("metrics", metrics);
        return new ObjectMapper().writeValueAsString(doc);
    }

    private static Map<String, Double> named(List<String> names, double[] values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < values.length; j++) {
            out.put(names.get(j), values[j]);
        }
        return out;
    }

    private static Map<String, Object> metricsJson(RegressionMetrics r) {
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
