package dev.ridgeline.cli;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.preprocess.ScaleKind;
import java.util.ArrayList;
import java.util.List;

/** The fitted preprocessing of a model, as the steps a reader of the model card needs, in order. */
final class PreprocessingText {
    private PreprocessingText() {
    }

    /** The most imputed values a step lists by column; a wide file's card names the rest by count. */
    static final int FILLS_SHOWN = 10;

    /**
     * The values imputation puts in place of a missing one, per column ("; the values: x1 5.88889, color 'red'"), or
     * nothing when missing values are refused or dropped. A numeric column dropped in fitting (constant, or
     * with no value) feeds no feature: its fill is never used and is not listed.
     */
    private static String fills(Preprocessing pre) {
        List<String> fills = new ArrayList<>();
        for (InputColumn c : pre.inputs()) {
            if (pre.unreadInputs().contains(c.name())) {
                continue;
            }
            if (c.kind() == ColumnKind.CATEGORICAL && c.fillLabel() != null) {
                fills.add(c.name() + " '" + c.fillLabel() + "'");
            } else if (c.kind() != ColumnKind.CATEGORICAL && !Double.isNaN(c.fillNumber())) {
                fills.add(c.name() + " " + String.format(java.util.Locale.ROOT, "%.6g", c.fillNumber()));
            }
        }
        if (fills.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", fills.subList(0, Math.min(FILLS_SHOWN, fills.size())));
        return "; the values: " + shown + (fills.size() > FILLS_SHOWN ? " and " + (fills.size() - FILLS_SHOWN)
                + " more (all in the model file)" : "");
    }

    static List<String> steps(Preprocessing pre, PreprocessingSpec spec) {
        return steps(pre, spec, List.of(), null, null);
    }

    /**
     * As {@link #steps(Preprocessing, PreprocessingSpec)}, first naming the columns --ignore (or --group, whose
     * column is {@code group}, null without it) left out, and saying that the statistics weighed each row by its
     * weight when the training rows had {@code weights} (the column's name, or null).
     */
    static List<String> steps(Preprocessing pre, PreprocessingSpec spec, List<String> ignored, String group,
            String weights) {
        List<String> out = new ArrayList<>();
        if (!ignored.isEmpty()) {
            // Each name as --ignore takes it: one holding a comma in double quotes, so the list reads back whole.
            String options = group == null ? "--ignore" : ignored.equals(List.of(group)) ? "--group"
                    : "--ignore, --group";
            out.add("left out of the features (" + options + "): " + String.join(", ", ignored.stream()
                    .map(ColumnNameText::forList).toList())
                    + "; the model file lists them, and data to predict for may hold them");
        }
        out.add("missing values (empty or NA): " + switch (spec.missing()) {
            case FAIL -> "refused (none were present)";
            case DROP -> "rows with a missing value dropped before the split";
            case MEAN -> "imputed with the training rows' mean (most frequent category for text columns)";
            case MEDIAN -> "imputed with the training rows' median (most frequent category for text columns)";
        } + fills(pre));
        List<String> categorical = new ArrayList<>();
        for (InputColumn c : pre.inputs()) {
            if (c.kind() == ColumnKind.CATEGORICAL) {
                categorical.add(c.name() + " (" + c.categories().size() + " categories)");
            }
        }
        if (!categorical.isEmpty()) {
            out.add("one-hot encoding of the categorical columns " + String.join(", ", categorical)
                    + " with the categories of the training rows; an unseen category later: "
                    + pre.unseen().name().toLowerCase(java.util.Locale.ROOT));
        }
        out.add(switch (pre.scale()) {
            case ZSCORE -> "z-score scaling of every feature with the mean and population standard deviation of the training rows";
            case MINMAX -> "min-max scaling of every feature to [0, 1] with the range of the training rows";
            case NONE -> "no scaling";
        });
        boolean fills = spec.missing() == MissingPolicy.MEAN || spec.missing() == MissingPolicy.MEDIAN;
        boolean scaling = pre.scale() != ScaleKind.NONE;
        if (weights != null && (fills || scaling)) {
            // Only the steps that take statistics of the training rows: no fills under fail or drop, no scaling under none.
            out.add((fills && scaling ? "the fills and the scaling weigh" : fills ? "the fills weigh" : "the scaling weighs")
                    + " each training row by its weight in '" + weights + "', as the fit does");
        }
        pre.warnings().forEach(w -> out.add("note: " + w));
        out.add("the model file stores these steps and applies them to raw rows by column name");
        return out;
    }
}
