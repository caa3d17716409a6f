package dev.ridgeline.cli;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.Frame;
import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.ScaleKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Under {@code --dp}: DP-SGD trains on the rows as the preprocessing encodes them, and that preprocessing was
 * fitted on the same rows without noise. The (epsilon, delta) then holds with its statistics fixed, not for
 * the raw rows: one added row also moves the means, scales, fills or categories, and with them every other
 * row's encoding. On 2,000 rows, one added row of x1 = 1e5 moved the z-scored x1 coefficient from 0.92..1.13
 * to -0.46..0.27 at epsilon 1 (8 seeds each), which that epsilon rules out for one row; unscaled, the two
 * ranges overlapped.
 */
final class DpPreprocessingWarning {
    private DpPreprocessingWarning() {
    }

    /**
     * The warning when the preprocessing of the training rows {@code train} depends on them, else empty. A fill
     * applied to a training row moves the encoding; one applied to none still goes into the model file, published
     * without noise, and is named as such.
     */
    static Optional<String> of(Preprocessing pre, Frame train) {
        List<String> fitted = fitted(pre, train);
        return fitted.isEmpty() ? Optional.empty() : Optional.of(message(fitted));
    }

    /**
     * What of the preprocessing of the training rows {@code train} was fitted on them ("zscore scaling", "imputed
     * values", "categories", ...), in the warning's words; empty when the encoding depends on none of them.
     */
    static List<String> fitted(Preprocessing pre, Frame train) {
        List<String> fitted = new ArrayList<>();
        if (pre.scale() != ScaleKind.NONE) {
            fitted.add(pre.scale().label() + " scaling");
        }
        List<InputColumn> inputs = pre.inputs();
        if (inputs.stream().anyMatch(c -> (!Double.isNaN(c.fillNumber()) || c.fillLabel() != null)
                && anyMissing(train, train.indexOf(c.name())))) {
            fitted.add("imputed values");
        } else if (inputs.stream().anyMatch(c -> !Double.isNaN(c.fillNumber()) || c.fillLabel() != null)) {
            // Applied to no training row, but stored in the model file for the rows it will predict.
            fitted.add("the imputation values the model file stores");
        }
        if (inputs.stream().anyMatch(c -> c.kind() == ColumnKind.CATEGORICAL)) {
            fitted.add("categories");
        }
        // Dropped as constant (or empty) on these rows: one added row with another value would keep the column.
        if (!pre.unreadInputs().isEmpty()) {
            fitted.add("the columns dropped as constant or empty");
        }
        return fitted;
    }

    private static boolean anyMissing(Frame train, int column) {
        for (int i = 0; i < train.rows(); i++) {
            if (train.isMissing(column, i)) {
                return true;
            }
        }
        return false;
    }

    private static String message(List<String> fitted) {
        return "--dp: the (epsilon, delta) holds with the preprocessing fixed (" + String.join(", ", fitted)
                + ", fitted on the training rows without noise): one added row also moves those statistics, and with"
                + " them the encoding of every other row, which the accountant does not see; for a guarantee about the"
                + " raw rows, train on numeric columns without missing values with --scale none and --missing fail"
                + " (the default), leaving columns that are constant out of the file or with --ignore"
                + " (docs/responsible.md)";
    }
}
