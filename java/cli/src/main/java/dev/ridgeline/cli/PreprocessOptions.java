package dev.ridgeline.cli;

import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.UnseenCategory;
import picocli.CommandLine.Option;

/** Scaling and unseen-category handling, fitted on the training rows only. */
final class PreprocessOptions {
    @Option(names = "--scale", defaultValue = "zscore", paramLabel = "zscore|minmax|none",
            description = "Feature scaling fitted on the training rows (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--unseen", defaultValue = "error", paramLabel = "error|zeros",
            description = "A category not seen in training: error refuses the row at prediction, and stops train"
                    + " (tune with --test) when the split put all of a category's rows in the validation or test"
                    + " part; zeros encodes it as all zeros (default: ${DEFAULT-VALUE}).")
    String unseen;

    PreprocessingSpec spec(DataOptions data) {
        return new PreprocessingSpec(data.missingPolicy(), ScaleKind.parse(scale), UnseenCategory.parse(unseen));
    }
}
