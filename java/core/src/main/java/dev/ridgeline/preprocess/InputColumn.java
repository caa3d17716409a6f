package dev.ridgeline.preprocess;

import dev.ridgeline.data.ColumnKind;
import java.util.List;

/**
 * One raw input column as the fitted pipeline knows it.
 *
 * @param fillNumber the imputed value of a numeric column, NaN when missing values are refused
 * @param fillLabel the imputed category of a categorical column, null when missing values are refused
 * @param categories the categories seen on training rows (sorted), empty for a numeric column
 */
public record InputColumn(String name, ColumnKind kind, double fillNumber, String fillLabel, List<String> categories) {
    public InputColumn {
        categories = List.copyOf(categories);
    }

    public static InputColumn numeric(String name, double fill) {
        return new InputColumn(name, ColumnKind.NUMERIC, fill, null, List.of());
    }

    public static InputColumn categorical(String name, String fill, List<String> categories) {
        return new InputColumn(name, ColumnKind.CATEGORICAL, Double.NaN, fill, categories);
    }
}
