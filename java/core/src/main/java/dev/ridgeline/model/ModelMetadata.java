package dev.ridgeline.model;

import dev.ridgeline.data.UnicodeText;
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
    /**
     * Refuses what a model file cannot hold, so that {@link LinearModel#save} never writes a file that
     * {@link LinearModel#load} then refuses (a service would find out at its next start): lambda NaN (not
     * recorded) or finite and >= 0; no null provenance key or value; column names non-empty.
     */
    public ModelMetadata {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(ignoredColumns, "ignoredColumns");
        if (!Double.isNaN(lambda) && !(lambda >= 0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException("lambda must be a finite number >= 0 (or NaN: not recorded), got "
                    + lambda);
        }
        metrics.forEach((part, m) -> {
            Objects.requireNonNull(part, "a metrics part's name");
            Objects.requireNonNull(m, () -> "the metrics of part '" + part + "'");
            UnicodeText.requireWellFormed(part, "metrics part");
        });
        provenance.forEach((key, value) -> {
            Objects.requireNonNull(key, "a provenance key");
            Objects.requireNonNull(value, () -> "the provenance value of '" + key + "'");
            UnicodeText.requireWellFormed(key, "provenance key");
            UnicodeText.requireWellFormed(value, "provenance value of '" + key + "'");
        });
        for (String name : ignoredColumns) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("ignoredColumns holds " + (name == null ? "null" : "\"\"")
                        + ", not a column name");
            }
            UnicodeText.requireWellFormed(name, "ignored column");
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        // Composed (NFC), as the model file stores names and as the readers match them.
        ignoredColumns = ignoredColumns.stream().map(UnicodeText::composed).toList();
    }

    /** No column left out. */
    public ModelMetadata(double lambda, Map<String, RegressionMetrics> metrics, Map<String, String> provenance) {
        this(lambda, metrics, provenance, List.of());
    }

    public static ModelMetadata empty() {
        return new ModelMetadata(Double.NaN, Map.of(), Map.of());
    }
}
