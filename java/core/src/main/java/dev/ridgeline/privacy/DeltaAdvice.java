package dev.ridgeline.privacy;

import java.util.Locale;

/**
 * Whether a delta means anything for n rows. A mechanism that publishes each row in the clear with probability
 * delta is (0, delta)-differentially private, so at delta >= 1/n the definition admits publishing a whole row
 * (n delta of them, in expectation): delta must be well below 1/n.
 */
public final class DeltaAdvice {
    private DeltaAdvice() {
    }

    /**
     * A one-line warning when {@code delta >= 1/n}, else null.
     *
     * @param option the option that set delta, named in the warning (e.g. "--delta")
     * @param rows what the n rows are, e.g. "training rows"
     */
    public static String warning(String option, double delta, long n, String rows) {
        if (!(delta >= 1.0 / n)) {
            return null;
        }
        return String.format(Locale.ROOT, "%s %s is not below 1/n = %.4g (n = %d %s): at this delta, (epsilon, "
                + "delta)-differential privacy allows publishing each row in the clear with probability delta (%.3g "
                + "rows expected); choose delta well below 1/n", option, delta, 1.0 / n, n, rows, delta * n);
    }
}
