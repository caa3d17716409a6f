package dev.ridgeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.data.DataException;
import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.model.LinearModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A linear model read for {@code explain}: the JSON that {@code train --json} prints (keys {@code intercept},
 * {@code coefficients}, and optionally {@code intercept_standardized}, {@code coefficients_standardized}).
 * The model acts on raw features: f(x) = intercept + sum_j coefficients[j] x_j.
 */
record ModelInput(LinearModel model, double[] standardized, double interceptStandardized) {

    static ModelInput read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new DataException("cannot read the model " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("coefficients").isObject() || !root.path("intercept").isNumber()) {
            throw new DataException(file + ": not a model: expected the JSON object of 'ridgeline train --json'"
                    + " with 'intercept' and 'coefficients'");
        }
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("coefficients").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw new DataException(file + ": coefficient '" + e.getKey() + "' is not a number");
            }
            names.add(e.getKey());
            values.add(e.getValue().asDouble());
        }
        if (names.isEmpty()) {
            throw new DataException(file + ": the model has no coefficients");
        }
        double[] beta = values.stream().mapToDouble(Double::doubleValue).toArray();
        LinearModel model = new LinearModel(names, null, beta, root.get("intercept").asDouble());
        double[] std = beta.clone();
        JsonNode s = root.path("coefficients_standardized");
        if (s.isObject()) {
            for (int j = 0; j < names.size(); j++) {
                std[j] = s.path(names.get(j)).asDouble(Double.NaN);
            }
        }
        double interceptStd = root.path("intercept_standardized").asDouble(model.intercept());
        return new ModelInput(model, std, interceptStd);
    }

    CoefficientTable table(double[] importance) {
        return CoefficientTable.of(model.featureNames(), standardized, model.coefficients(), importance,
                interceptStandardized, model.intercept());
    }
}
