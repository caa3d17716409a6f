package dev.ridgeline.cli;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.ValueHints;
import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.UnseenCategory;
import java.util.Optional;
import java.util.Set;

/**
 * Under {@code --unseen error}, a category that the split put only into held-out rows stops the run when
 * those rows are scored. Checked before training, so that the error can say why (a rare category the seeded
 * split happened to hold out) and what to do, rather than read like bad data.
 */
final class HeldOutCategories {
    private HeldOutCategories() {
    }

    /**
     * Refuses the first row of {@code part} (named, e.g. "validation") whose category the preprocessing,
     * fitted on the {@code trainingRows} training rows, has not seen; {@code stratify} is the run's --stratify
     * column or null, {@code group} its --group column or null.
     */
    static void requireSeen(Preprocessing pre, Frame part, String partName, String stratify, String group,
            int trainingRows) {
        if (pre.unseen() != UnseenCategory.ERROR) {
            return;
        }
        for (InputColumn in : pre.inputs()) {
            int c = part.indexOf(in.name());
            if (in.kind() != ColumnKind.CATEGORICAL || c < 0) {
                continue;
            }
            Set<String> known = Set.copyOf(in.categories()); // a lookup per row, not a scan of every category
            for (int i = 0; i < part.rows(); i++) {
                String label = part.label(c, i);
                if (label != null && !known.contains(label) && DateColumns.holdsDates(in)) {
                    // A date column has new dates in every later row: stratifying by its thousand dates or encoding
                    // each new one as zeros would be the wrong advice (the date warning never showed, as this came first).
                    // Before the identifier test: timestamps, one per row, are dates to give as numbers.
                    throw new DataException(part.where(c, i) + ": category '" + DataException.shown(label) + "' is in a "
                            + partName + " row but in no training row; " + DateColumns.hint(in)
                            + " (or, if its dates are categories, train with --unseen zeros)");
                }
                if (label != null && !known.contains(label) && IdentifierColumns.looksLikeIdentifier(in, trainingRows)) {
                    // Stratifying by an identifier or encoding its new values as zeros would be the wrong advice.
                    throw new DataException(part.where(c, i) + ": category '" + DataException.shown(label) + "' is in a "
                            + partName + " row but in no training row; " + IdentifierColumns.hint(in, trainingRows)
                            + " (or, if it is a feature, train with --unseen zeros)");
                }
                if (label != null && !known.contains(label) && ValueHints.numberAsText(label)) {
                    // Numbers read as text (decimal commas, signs): encoding them as zeros would be the wrong advice.
                    Optional<String> numbers = PreprocessingFitter.numbersAsText(in.name(), in.categories(), "");
                    if (numbers.isPresent()) {
                        throw new DataException(part.where(c, i) + ": '" + DataException.shown(label) + "' is in a "
                                + partName + " row but in no training row: " + numbers.get() + "; if they are "
                                + "categories, give --unseen zeros to encode one no training row holds as all zeros");
                    }
                }
                if (label != null && !known.contains(label)) {
                    // A grouped split cannot also be stratified: it held out whole groups, and with them this category.
                    String spread = group != null ? " (--group " + group + " holds out whole groups, so a category of"
                            + " few groups can be in held-out rows alone)" : in.name().equals(stratify) ? ""
                            : ", or with --stratify " + in.name() + " to keep rows of each category in training";
                    throw new DataException(part.where(c, i) + ": category '" + DataException.shown(label)
                            + "' is in a " + partName
                            + " row but in no training row (known: " + Preprocessing.categoryList(in.categories()) + "); train with --unseen zeros"
                            + " to encode it as all zeros" + spread);
                }
            }
        }
    }
}
