package dev.ridgeline.cli;

/** The fractions of rows held out, checked before any data is read and named by their options. */
final class SplitFractions {
    private SplitFractions() {
    }

    /**
     * Refuses (exit 3: out of range) a held-out fraction outside [0, 1), or fractions that leave no row to train
     * on; {@code validationOption} is null where the command has no validation part.
     */
    static void check(String validationOption, double validation, String testOption, double test) {
        if (validationOption != null && !(validation >= 0 && validation < 1)) {
            throw new IllegalArgumentException(validationOption + " must be a fraction in [0, 1), got " + TrainPipeline.plain(validation));
        }
        if (!(test >= 0 && test < 1)) {
            throw new IllegalArgumentException(testOption + " must be a fraction in [0, 1), got " + TrainPipeline.plain(test));
        }
        if (!(validation + test < 1)) {
            throw new IllegalArgumentException(validationOption + " and " + testOption + " must add up to less than"
                    + " 1 so that some rows train, got " + TrainPipeline.plain(validation) + " + " + TrainPipeline.plain(test));
        }
    }
}
