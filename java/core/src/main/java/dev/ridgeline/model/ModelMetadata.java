package dev.ridgeline.model;

import dev.ridgeline.eval.RegressionMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model file records besides the numbers needed to predict: the penalty it was trained with, its
 * metrics per data part ({@code train}, {@code validation}, {@code test}) and provenance (data source and
 * hash, trainer settings, versions, time), all immutable.
 */
public record ModelMetadata(double lambda, Map<String, RegressionMetrics> metrics, Map<String, String> provenance) {
    public ModelMetadata {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    public static ModelMetadata empty() {
        return new ModelMetadata(Double.NaN, Map.of(), Map.of());
    }
}
