package dev.ridgeline.preprocess;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.UnicodeText;
import java.util.List;
import java.util.Objects;

/**
 * One raw input column as the fitted pipeline knows it.
 *
 * @param fillNumber the imputed value of a numeric column, NaN when missing values are refused
 * @param fillLabel the imputed category of a categorical column, null when missing values are refused
 * @param categories the categories seen on training rows (sorted), empty for a numeric column
 * @param mean the mean of a numeric column over the training rows (after imputation), NaN when not recorded
 *     (a categorical column, a model file written before it was recorded, a model built in code). It is not
 *     used to predict; the ONNX export subtracts it before its float32 MatMul when the scaling has no shift
 */
public record InputColumn(String name, ColumnKind kind, double fillNumber, String fillLabel, List<String> categories,
        double mean) {
    public InputColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(categories, "categories (List.of() for a numeric column)");
        // Composed (NFC), as the reader gives data: a model built or loaded with decomposed text matches its data,
        // and saves and loads the same.
        name = UnicodeText.composed(name);
        fillLabel = fillLabel == null ? null : UnicodeText.composed(fillLabel);
        categories = categories.stream().map(UnicodeText::composed).toList();
    }

    /** A column without a recorded mean. */
    public InputColumn(String name, ColumnKind kind, double fillNumber, String fillLabel, List<String> categories) {
        this(name, kind, fillNumber, fillLabel, categories, Double.NaN);
    }

    public static InputColumn numeric(String name, double fill) {
        return numeric(name, fill, Double.NaN);
    }

    /** A numeric column with its training mean (NaN: not recorded). */
    public static InputColumn numeric(String name, double fill, double mean) {
        return new InputColumn(name, ColumnKind.NUMERIC, fill, null, List.of(), mean);
    }

    public static InputColumn categorical(String name, String fill, List<String> categories) {
        return new InputColumn(name, ColumnKind.CATEGORICAL, Double.NaN, fill, categories);
    }
}
