package dev.ridgeline.cli;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.DataException;
import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.UnseenCategory;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Warnings about what the training rows hold that the run cannot fix but the user most likely did not mean:
 * categories that differ only in letter case ("Red" and "red" are two categories), and a target that does
 * not vary (there is nothing to learn: the model predicts that value for every row); and {@code --unseen zeros}
 * given for data without a categorical column, where it changes nothing.
 */
final class DataShapeWarnings {
    private DataShapeWarnings() {
    }

    /** The first categorical input with two categories equal but for case, named with the pair. */
    static Optional<String> caseVariants(Preprocessing pre) {
        for (InputColumn in : pre.inputs()) {
            if (in.kind() != ColumnKind.CATEGORICAL) {
                continue;
            }
            Optional<String[]> pair = caseVariantPair(in.categories());
            if (pair.isPresent()) {
                return Optional.of(String.format(Locale.ROOT, "column '%s' has the categories '%s' and '%s', which"
                        + " differ only in letter case and are two categories here: if they are one, write them"
                        + " alike", DataException.shown(in.name()), DataException.shown(pair.get()[0]),
                        DataException.shown(pair.get()[1])));
            }
        }
        return Optional.empty();
    }

    /** The first two distinct labels, in the given order, that are equal but for letter case. */
    static Optional<String[]> caseVariantPair(Iterable<String> labels) {
        Map<String, String> seen = new HashMap<>();
        for (String label : labels) {
            String other = seen.putIfAbsent(label.toLowerCase(Locale.ROOT), label);
            if (other != null && !other.equals(label)) {
                return Optional.of(new String[] {other, label});
            }
        }
        return Optional.empty();
    }

    /**
     * A warning when {@code --unseen zeros} was given (the default is error) but no input is categorical: the
     * policy applies to categories a later row has and training did not, so here it changes nothing. Often
     * the sign of a column meant as categorical that was read as numbers ({@code --categorical COL}).
     */
    static Optional<String> unseenWithoutCategories(Preprocessing pre) {
        if (pre.unseen() != UnseenCategory.ZEROS
                || pre.inputs().stream().anyMatch(in -> in.kind() == ColumnKind.CATEGORICAL)) {
            return Optional.empty();
        }
        return Optional.of("--unseen zeros changes nothing here: no feature column is categorical (it decides what a"
                + " category not seen in training becomes); a column of codes read as numbers is one-hot encoded"
                + " with --categorical COL");
    }

    /**
     * A warning when every target of the rows fitted on (of weight > 0, or every one without weights) is the
     * same; {@code rows} names them ("training", "tuning").
     */
    static Optional<String> constantTarget(String target, double[] y, float[] weights, String rows) {
        double first = Double.NaN;
        for (int i = 0; i < y.length; i++) {
            if (weights != null && !(weights[i] > 0)) {
                continue;
            }
            if (Double.isNaN(first)) {
                first = y[i];
            } else if (y[i] != first) {
                return Optional.empty();
            }
        }
        return Double.isNaN(first) ? Optional.empty() : Optional.of(String.format(Locale.ROOT, "the target '%s' is %s"
                + " on every %s row: there is nothing to learn, and the model predicts about that value for every row"
                + " (R2 is undefined)", DataException.shown(target), Double.toString(first), rows));
    }
}
