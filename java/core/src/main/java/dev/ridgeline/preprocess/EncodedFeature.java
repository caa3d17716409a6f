package dev.ridgeline.preprocess;

import dev.ridgeline.data.UnicodeText;
import java.util.Objects;

/**
 * One model feature: a numeric input column, or one category of a categorical column (1 when the row has
 * that category, else 0), then scaled: z = (value - shift) / scale.
 *
 * @param input index of the source column in {@link Preprocessing#inputs()}
 * @param category the category this one-hot feature stands for, null for a numeric column
 */
public record EncodedFeature(String name, int input, String category, double shift, double scale) {
    public EncodedFeature {
        name = UnicodeText.composed(Objects.requireNonNull(name, "name"));  // as InputColumn's names and categories
        category = category == null ? null : UnicodeText.composed(category);
        if (!(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(shift)) {
            throw new IllegalArgumentException("feature '" + name + "': shift " + shift + " and scale " + scale
                    + " must be finite with scale > 0");
        }
    }

    public boolean oneHot() {
        return category != null;
    }
}
