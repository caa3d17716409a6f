package dev.ridgeline.cli;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.UnseenCategory;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Counts the rows that {@code --unseen zeros} encoded as none of the known categories, chunk by chunk, for
 * one warning (predict, evaluate and explain, and train for its validation and test rows): such a row is predicted as if its column held no category,
 * which a user who passed "1.0" for the code "1", or "Oslo" for "oslo", would not know without it. (Under
 * {@code --unseen error} such a row is refused instead.)
 */
final class UnseenCategories {
    private final List<InputColumn> columns;
    private final List<Set<String>> known;
    private long rows;
    private long unseenRows;
    private String first;

    /** What the model made of such a row, for the warning ("predicted as none of the known ones"). */
    private final String treated;

    /** For predict and evaluate: such rows are predicted as none of the known categories. */
    UnseenCategories(LinearModel model) {
        this(model, "predicted as none of the known ones");
    }

    /** {@code treated} says what the command made of such a row, for the warning. */
    UnseenCategories(LinearModel model, String treated) {
        this(model.preprocessing(), treated);
    }

    /** For a preprocessing alone (tune's per-fold fits, which count held-out rows new to their fold). */
    UnseenCategories(Preprocessing preprocessing, String treated) {
        this.treated = treated;
        this.columns = preprocessing.unseen() == UnseenCategory.ZEROS
                ? preprocessing.inputs().stream().filter(c -> c.kind() == ColumnKind.CATEGORICAL).toList()
                : List.of();
        this.known = columns.stream().map(c -> (Set<String>) new HashSet<>(c.categories())).toList();
    }

    /** Rows counted that held an unseen category. */
    long unseenRows() {
        return unseenRows;
    }

    /** The first such row's category, column and line ("'x' in column 'c' at line 9"), or null. */
    String first() {
        return first;
    }

    /** Counts the chunk's rows holding a category that training never saw. */
    void count(Frame chunk) {
        rows += chunk.rows();
        if (columns.isEmpty()) {
            return;  // --unseen error, or no categorical column: nothing to count
        }
        int[] at = columns.stream().mapToInt(c -> chunk.indexOf(c.name())).toArray();
        for (int i = 0; i < chunk.rows(); i++) {
            for (int k = 0; k < at.length; k++) {
                String label = chunk.label(at[k], i);
                if (label != null && !known.get(k).contains(label)) {
                    unseenRows++;
                    if (first == null) {
                        first = String.format(Locale.ROOT, "'%s' in column '%s' at line %d",
                                DataException.shown(label), ColumnNameText.shown(columns.get(k).name()),
                                chunk.line(i));
                    }
                    break;  // a row counts once, whatever number of its columns are unseen
                }
            }
        }
    }

    /** The warning, when any row held an unseen category. */
    Optional<String> warning() {
        if (unseenRows == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%d of %s held a category not seen in training (first: %s),"
                + " %s (the model's --unseen zeros); categories are matched as text, so '1.0' is not '1'", unseenRows,
                RowCount.of(rows), first, treated));
    }
}
