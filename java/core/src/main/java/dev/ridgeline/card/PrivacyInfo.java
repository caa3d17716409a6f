package dev.ridgeline.card;

import dev.ridgeline.privacy.DpSgdConfig;
import dev.ridgeline.privacy.DpSgdResult;

/**
 * The privacy section: either a formal (epsilon, delta) guarantee from DP-SGD with its settings, or the plain
 * statement that the model has none.
 */
public record PrivacyInfo(boolean guaranteed, double epsilon, double delta, double order, String mechanism,
        double noiseMultiplier, double clipNorm, double samplingRate, long steps, String accounting) {

    public static final String NO_GUARANTEE = "no formal privacy guarantee";

    /** Trained without differential privacy. */
    public static PrivacyInfo none() {
        return new PrivacyInfo(false, Double.NaN, Double.NaN, Double.NaN, NO_GUARANTEE, Double.NaN, Double.NaN,
                Double.NaN, 0, "none");
    }

    public static PrivacyInfo of(DpSgdConfig config, DpSgdResult result) {
        if (!result.hasGuarantee()) {
            return new PrivacyInfo(false, Double.POSITIVE_INFINITY, config.delta(), Double.NaN,
                    "DP-SGD without noise: " + NO_GUARANTEE, config.noiseMultiplier(), config.clipNorm(),
                    config.samplingRate(), result.steps(), "none");
        }
        return new PrivacyInfo(true, result.privacy().epsilon(), result.privacy().delta(), result.privacy().order(),
                "DP-SGD (Poisson sampling, per-example clipping, Gaussian noise)", config.noiseMultiplier(),
                config.clipNorm(), config.samplingRate(), result.steps(),
                "RDP accountant, " + config.conversion().name().toLowerCase(java.util.Locale.ROOT) + " conversion");
    }

    /** One line for reports: "(epsilon = 1.23, delta = 1e-05)-DP" or the no-guarantee statement. */
    public String summary() {
        if (!guaranteed) {
            return NO_GUARANTEE;
        }
        return String.format(java.util.Locale.ROOT, "(epsilon = %.4g, delta = %.3g)-differential privacy", epsilon, delta);
    }
}
