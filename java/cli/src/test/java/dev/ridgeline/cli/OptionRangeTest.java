package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A value of the right type out of its option's range (exit 3): one error line naming the option as typed, before
 * any data is read (the accountant and the splitter have their own words for it, which name no option).
 */
class OptionRangeTest {
    private static void assertRangeError(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(List.of(expected), r.err().lines().toList());
    }

    @Test
    void heldOutFractionsAreNamedByTheirOptions() {
        assertRangeError("ridgeline: error: --holdout must be a fraction in [0, 1), got 1.5",
                "train", "--holdout", "1.5", "--no-output");
        assertRangeError("ridgeline: error: --validation and --test must add up to less than 1 so that some rows"
                + " train, got 0.7 + 0.5", "train", "--validation", "0.7", "--test", "0.5", "--no-output");
        assertRangeError("ridgeline: error: --test must be a fraction in [0, 1), got -0.1",
                "train", "--test", "-0.1", "--no-output");
        assertRangeError("ridgeline: error: --test must be a fraction in [0, 1), got 1", "tune", "--test", "1",
                "--json");
        assertRangeError("ridgeline: error: --folds must be at least 2, got 1", "tune", "--folds", "1", "--data",
                "no-such-file.csv");
    }

    @Test
    void privacySettingsAreNamedByTheirOptions() {
        assertRangeError("ridgeline: error: --n must be at least 1, got 0",
                "privacy", "--n", "0", "--batch", "1", "--noise", "1", "--epochs", "1");
        assertRangeError("ridgeline: error: --batch must be between 1 and --n (100), got 200",
                "privacy", "--n", "100", "--batch", "200", "--noise", "1", "--epochs", "1");
        assertRangeError("ridgeline: error: --noise must be a finite number > 0, got 0",
                "privacy", "--n", "100", "--batch", "10", "--noise", "0", "--epochs", "1");
        assertRangeError("ridgeline: error: --target-epsilon must be a finite number > 0, got -1",
                "privacy", "--n", "100", "--batch", "10", "--target-epsilon", "-1", "--epochs", "1");
        assertRangeError("ridgeline: error: --epochs must be a finite number > 0, got 0",
                "privacy", "--n", "100", "--batch", "10", "--noise", "1", "--epochs", "0");
        assertRangeError("ridgeline: error: --delta must be in (0, 1), got 1",
                "privacy", "--n", "100", "--batch", "10", "--noise", "1", "--epochs", "1", "--delta", "1");
    }

    /**
     * train's DP and mitigation settings and tune's learning rates: named by their options before the data is
     * read (the missing file would be the error otherwise); they had been named by the library's words ("DP
     * epochs must be ...") after reading and preprocessing the data.
     */
    @Test
    void trainAndTuneSettingsAreNamedByTheirOptionsBeforeTheDataIsRead() {
        String[] train = {"train", "--data", "no-such-file.csv", "--no-output"};
        assertRangeError("ridgeline: error: --dp-epochs must be a finite number > 0, got 0",
                concat(train, "--dp", "--dp-epochs", "0"));
        assertRangeError("ridgeline: error: --dp-clip must be a finite number > 0, got 0",
                concat(train, "--dp", "--dp-clip", "0"));
        assertRangeError("ridgeline: error: --dp-clip must be at least 1.17549435E-38 (float32's smallest normal"
                + " number: the clipped gradients are summed in float32), got 1E-320",
                concat(train, "--dp", "--dp-clip", "1e-320"));
        assertRangeError("ridgeline: error: --dp-lr must be a finite number > 0, got -1",
                concat(train, "--dp", "--dp-lr", "-1"));
        assertRangeError("ridgeline: error: --dp-delta must be in (0, 1), got 2",
                concat(train, "--dp", "--dp-delta", "2"));
        assertRangeError("ridgeline: error: --dp-noise must be a finite number >= 0, got -1",
                concat(train, "--dp", "--dp-noise", "-1"));
        assertRangeError("ridgeline: error: --dp-epsilon must be a finite number > 0, got 0",
                concat(train, "--dp", "--dp-epsilon", "0"));
        assertRangeError("ridgeline: error: --dp-batch must be at least 1, got 0",
                concat(train, "--dp", "--dp-batch", "0"));
        assertRangeError("ridgeline: error: --mitigate-rounds must be between 1 and 1000000, got 0",
                concat(train, "--sensitive", "sex", "--mitigate", "--mitigate-rounds", "0"));
        // Its counter had wrapped at the largest int and the rounds never ended.
        assertRangeError("ridgeline: error: --mitigate-rounds must be between 1 and 1000000, got 2147483647",
                concat(train, "--sensitive", "sex", "--mitigate", "--mitigate-rounds", "2147483647"));
        assertRangeError("ridgeline: error: --learning-rates must be finite numbers > 0, got -1",
                "tune", "--data", "no-such-file.csv", "--learning-rates", "0.1,-1", "--json");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /** Out of range is exit 3 on every command, as train's --epochs 0 is. */
    @Test
    void doctorsEpochsOutOfRangeIsARangeError() {
        assertRangeError("ridgeline: error: --epochs must be at least 1, got 0", "doctor", "--epochs", "0");
    }
}
