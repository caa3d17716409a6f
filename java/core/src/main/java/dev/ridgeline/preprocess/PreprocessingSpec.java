package dev.ridgeline.preprocess;

import dev.ridgeline.data.MissingPolicy;
import java.util.Objects;

/** What to fit: the missing-value policy, the scaling and the unseen-category policy. */
public record PreprocessingSpec(MissingPolicy missing, ScaleKind scale, UnseenCategory unseen) {
    public PreprocessingSpec {
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(unseen, "unseen");
    }

    /** fail on missing values, z-score, error on unseen categories. */
    public static PreprocessingSpec defaults() {
        return new PreprocessingSpec(MissingPolicy.FAIL, ScaleKind.ZSCORE, UnseenCategory.ERROR);
    }
}
