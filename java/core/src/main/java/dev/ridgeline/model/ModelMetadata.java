package dev.ridgeline.model;

import dev.ridgeline.eval.RegressionMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model file records besides the numbers needed to predict: the penalty it was trained with, its
 * metrics per data part ({@code train}, {@code validation}, {@code test}), provenance (data source and hash,
 * trainer settings, versions, time) and the columns of its training data that were left out of the features
 * ({@code --ignore}: an identifier, a timestamp), which the data it predicts for may hold too; all immutable.
 */
public record ModelMetadata(double lambda, Map<String, RegressionMetrics> metrics, Map<String, String> provenance,
        List<String> ignoredColumns) {
    public ModelMetadata {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(ignoredColumns, "ignoredColumns");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        ignoredColumns = List.copyOf(ignoredColumns);
    }

    /** No column left out. */
    public ModelMetadata(double lambda, Map<String, RegressionMetrics> metrics, Map<String, String> provenance) {
        this(lambda, metrics, provenance, List.of());
    }

    public static ModelMetadata empty() {
        return new ModelMetadata(Double.NaN, Map.of(), Map.of());
    }
}
