package dev.ridgeline.explain;

import dev.ridgeline.model.LinearModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One row per feature: the coefficient in the standardised space (comparable across features: the change
 * in prediction per standard deviation), in original units (per unit of the raw feature), and the global
 * importance mean |phi|. Rows sorted by importance, largest first.
 */
public record CoefficientTable(List<Row> rows, double interceptStandardized, double intercept) {

    public record Row(String feature, double standardized, double original, double importance) {
    }

    /** Shapes: importance (n), from {@link LinearShap#meanAbsolutePhi}. */
    public static CoefficientTable of(LinearModel model, double[] importance) {
        if (importance.length != model.features()) {
            throw new IllegalArgumentException(importance.length + " importances for " + model.features() + " features");
        }
        return of(model.featureNames(), model.coefficientsStandardized(), model.coefficients(), importance,
                model.interceptStandardized(), model.intercept());
    }

    /** From coefficient arrays (n each), e.g. read from a report rather than a live model. */
    public static CoefficientTable of(List<String> names, double[] standardized, double[] original, double[] importance,
            double interceptStandardized, double intercept) {
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
        return new CoefficientTable(List.copyOf(rows), interceptStandardized, intercept);
    }
}
