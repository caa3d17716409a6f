package dev.ridgeline.explain;

import dev.ridgeline.model.LinearModel;
import dev.ridgeline.preprocess.ScaleKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One row per feature: the coefficient in the scaled space the model was trained in ({@code scale}: per
 * standard deviation under zscore, comparable across features; per training range under minmax; the raw unit
 * under none), in original units (per unit of the raw feature), and the global importance mean |phi|. Rows
 * sorted by importance, largest first. ("standardized" in the names below means that scaled space.)
 */
public record CoefficientTable(List<Row> rows, double interceptStandardized, double intercept, ScaleKind scale) {

    /**
     * One feature: its coefficient in the scaled space ({@code standardized}), in original units ({@code
     * original}), and its global importance: the mean |phi| over the rows it was computed on (the explained rows
     * in {@code explain}, the training rows in a model card), whatever background gave the phi.
     */
    public record Row(String feature, double standardized, double original, double importance) {
    }

    /** Shapes: importance (n), from {@link LinearShap#meanAbsolutePhi}. */
    public static CoefficientTable of(LinearModel model, double[] importance) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(importance, "importance");
        if (importance.length != model.features()) {
            throw new IllegalArgumentException(importance.length + " importances for " + model.features() + " features");
        }
        return of(model.featureNames(), model.coefficientsStandardized(), model.coefficients(), importance,
                model.interceptStandardized(), model.intercept(), model.preprocessing().scale());
    }

    /** From coefficient arrays (n each), e.g. read from a report rather than a live model. */
    public static CoefficientTable of(List<String> names, double[] standardized, double[] original, double[] importance,
            double interceptStandardized, double intercept, ScaleKind scale) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(standardized, "standardized");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(importance, "importance");
        Objects.requireNonNull(scale, "scale");
        int n = names.size();
        if (standardized.length != n || original.length != n || importance.length != n) {
            throw new IllegalArgumentException("coefficient table needs " + n + " values per column, got "
                    + standardized.length + ", " + original.length + " and " + importance.length);
        }
        List<Row> rows = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            rows.add(new Row(names.get(j), standardized[j], original[j], importance[j]));
        }
        rows.sort(Comparator.comparingDouble(Row::importance).reversed().thenComparing(Row::feature));
        return new CoefficientTable(List.copyOf(rows), interceptStandardized, intercept, scale);
    }
}
