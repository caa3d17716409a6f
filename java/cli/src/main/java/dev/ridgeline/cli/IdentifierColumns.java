package dev.ridgeline.cli;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.ValueHints;
import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.Preprocessing;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Categorical columns with a category for most training rows: an identifier (a customer number, a timestamp)
 * read as a feature. Each of its categories gets a one-hot feature fitted on a row or two, which the model
 * cannot use on new rows; the user most likely meant to leave the column out ({@code --ignore}).
 */
final class IdentifierColumns {
    /** More categories than this share of the training rows makes a column look like an identifier. */
    static final double SHARE = 0.5;

    private IdentifierColumns() {
    }

    /** Many categories, and not numbers written as text ($3,118.28), which have a warning of their own. */
    static boolean looksLikeIdentifier(InputColumn in, int trainingRows) {
        return in.kind() == ColumnKind.CATEGORICAL && trainingRows >= 10 && in.categories().size() > SHARE * trainingRows
                && !in.categories().stream().allMatch(ValueHints::numberAsText);
    }

    /** What the column's counts say and the option to leave it out, for an error or a warning. */
    static String hint(InputColumn in, int trainingRows) {
        return String.format(Locale.ROOT, "column '%s' has %,d categories in %,d training rows, as an identifier has:"
                + " leave it out with --ignore %s", DataException.shown(in.name()), in.categories().size(), trainingRows,
                ColumnNameText.forList(in.name()));
    }

    /** A warning naming the identifier-like columns among the inputs, if any. */
    static Optional<String> warning(Preprocessing pre, int trainingRows) {
        List<InputColumn> found = pre.inputs().stream().filter(in -> looksLikeIdentifier(in, trainingRows)).toList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(hint(found.get(0), trainingRows) + "; its one-hot features are each fitted on about one row"
                + " and say nothing about new rows" + (found.size() > 1 ? " (" + (found.size() - 1) + " more such"
                + " column" + (found.size() > 2 ? "s" : "") + ": " + String.join(", ", found.subList(1, found.size())
                .stream().map(in -> "'" + DataException.shown(in.name()) + "'").toList()) + ")" : ""));
    }
}
