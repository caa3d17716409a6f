package dev.ridgeline.card;

import dev.ridgeline.privacy.DpSgdConfig;
import dev.ridgeline.privacy.DpSgdResult;
import java.util.List;

/**
 * The privacy section: a formal (epsilon, delta) guarantee from DP-SGD with its settings, the accountant's
 * (epsilon, delta) of a run whose random draws are not secret (seeded: reproducible, so not private against
 * anyone who knows the seed, which the card itself records), or the plain statement that the model has none.
 *
 * @param guaranteed true only for DP-SGD with noise and sampling drawn from {@code SecureRandom}
 * @param secureRandom whether sampling and noise came from {@code SecureRandom} (false also without DP)
 * @param fittedPreprocessing what of the preprocessing was fitted on the training rows without noise ("zscore
 *     scaling", "categories", ...), which the (epsilon, delta) holds fixed rather than covers; empty when the
 *     steps saw the raw rows (and without DP)
 */
public record PrivacyInfo(boolean guaranteed, double epsilon, double delta, double order, String mechanism,
        double noiseMultiplier, double clipNorm, double samplingRate, long steps, String accounting,
        boolean secureRandom, List<String> fittedPreprocessing) {

    public PrivacyInfo {
        fittedPreprocessing = List.copyOf(fittedPreprocessing);
    }

    public static final String NO_GUARANTEE = "no formal privacy guarantee";

    /** Trained without differential privacy. */
    public static PrivacyInfo none() {
        return new PrivacyInfo(false, Double.NaN, Double.NaN, Double.NaN, NO_GUARANTEE, Double.NaN, Double.NaN,
                Double.NaN, 0, "none", false, List.of());
    }

    /** A DP-SGD run on rows whose encoding depends on none of them (no fitted scaling, fills or categories). */
    public static PrivacyInfo of(DpSgdConfig config, DpSgdResult result) {
        return of(config, result, List.of());
    }

    /**
     * A DP-SGD run; {@code fittedPreprocessing} names what of its preprocessing was fitted on the training rows
     * without noise (empty when nothing was), which the statement then names as held fixed.
     */
    public static PrivacyInfo of(DpSgdConfig config, DpSgdResult result, List<String> fittedPreprocessing) {
        java.util.Objects.requireNonNull(config, "config");
        java.util.Objects.requireNonNull(result, "result");
        java.util.Objects.requireNonNull(fittedPreprocessing, "fittedPreprocessing");
        if (!result.hasFiniteEpsilon()) {
            return new PrivacyInfo(false, Double.POSITIVE_INFINITY, config.delta(), Double.NaN,
                    (config.noiseMultiplier() == 0 ? "DP-SGD without noise: "
                            : "DP-SGD with too little noise for a finite epsilon: ") + NO_GUARANTEE,
                    config.noiseMultiplier(), config.clipNorm(),
                    config.samplingRate(), result.steps(), "none", config.secureRandom(), List.of());
        }
        String draws = config.secureRandom() ? "sampling and noise from SecureRandom"
                : "sampling and noise from a generator seeded by --seed " + config.seed();
        return new PrivacyInfo(config.secureRandom(), result.privacy().epsilon(), result.privacy().delta(),
                result.privacy().order(), "DP-SGD (Poisson sampling, per-example clipping, Gaussian noise; " + draws + ")",
                config.noiseMultiplier(), config.clipNorm(), config.samplingRate(), result.steps(),
                "RDP accountant, " + config.conversion().name().toLowerCase(java.util.Locale.ROOT) + " conversion",
                config.secureRandom(), fittedPreprocessing);
    }

    /**
     * What the guarantee's headline adds when the preprocessing was fitted on the training rows: " of the gradient
     * steps, with the preprocessing fitted on the training rows held fixed (zscore scaling; not covered)"; empty
     * otherwise.
     */
    public String heldFixed() {
        return fittedPreprocessing.isEmpty() ? "" : " of the gradient steps, with the preprocessing fitted on the"
                + " training rows held fixed (" + String.join(", ", fittedPreprocessing) + "; not covered)";
    }

    /**
     * Whether an accounted (epsilon, delta) covers the raw rows: true only when the preprocessing was fitted on
     * none of them, so that one added row changes nothing but its own gradient.
     */
    public boolean coversRawRows() {
        return accounted() && fittedPreprocessing.isEmpty();
    }

    /** Whether DP-SGD with noise produced the model (the accountant's epsilon is finite), secret draws or not. */
    public boolean accounted() {
        return Double.isFinite(epsilon);
    }

    /**
     * One line for reports: "(epsilon = 1.23, delta = 1e-05)-differential privacy", qualified when the preprocessing
     * was fitted on the training rows (a reader of the headline alone had read it as covering the raw rows, while
     * the model file holds those statistics), the same figures marked as no guarantee for seeded draws, or the
     * no-guarantee statement.
     */
    public String summary() {
        String figures = figures(epsilon, delta);
        if (guaranteed) {
            return figures + "-differential privacy" + heldFixed();
        }
        if (accounted()) {
            return figures + " by the accountant, but " + SEEDED;
        }
        return NO_GUARANTEE;
    }

    /**
     * "(epsilon = 4.606, delta = 1.00e-05)": epsilon to four significant digits and delta to three, each rounded
     * up, so that the statement never claims less than the accountant's figures (rounded to the nearest,
     * epsilon 4.605059 had read 4.605, a guarantee the run does not have).
     */
    public static String figures(double epsilon, double delta) {
        return "(epsilon = " + roundedUp(epsilon, 4) + ", delta = " + roundedUp(delta, 3) + ")";
    }

    /**
     * {@code value} as {@code %.<digits>g} writes it, but rounded towards +infinity: a privacy figure (epsilon,
     * delta, a noise multiplier solved for a target) shown rounded must never claim more privacy than it has.
     */
    public static String roundedUp(double value, int digits) {
        double up = !(value > 0) || Double.isInfinite(value) ? value : java.math.BigDecimal.valueOf(value)
                .round(new java.math.MathContext(digits, java.math.RoundingMode.CEILING)).doubleValue();
        return String.format(java.util.Locale.ROOT, "%." + digits + "g", up);
    }

    /** What an accounted (epsilon, delta) covers: the steps, under which neighbouring relation, and what is public. */
    public static final String COVERS = "the gradient steps that produced the parameters, for training sets that "
            + "differ by one training row added or removed (the accountant's neighbouring relation; replacing a row is "
            + "a removal and an addition, not covered at this epsilon and delta), with the number of training rows "
            + "taken as public: it sets the sampling rate and the steps, and the card gives it. The steps see the rows "
            + "as the preprocessing encodes them, so this holds with the preprocessing statistics fixed; where they "
            + "were fitted on the training rows (scaling, imputed values, categories), one added row moves them too, "
            + "and with them every row's encoding, outside this (epsilon, delta).";

    /** What a DP run computes from the data without noise: outside any (epsilon, delta) of the run. */
    public static final List<String> NOT_COVERED = List.of(
            "the metrics, fairness figures and explanation (base value, mean absolute SHAP) of the card and report, and "
                    + "the metrics that metrics.json, --json and the model file store",
            "the bin edges of a numeric --sensitive column, quantiles of the training rows shown in the group labels "
                    + "(the first bin's low edge and the last bin's high edge are the least and greatest training "
                    + "value, a single row's)",
            "the plots of single rows (predicted against actual, residuals, the SHAP waterfall of one row), which "
                    + "show those rows' values and are training rows when nothing is held out",
            "the data file's SHA-256, which confirms any guess of the whole file",
            "the mean batch size and share of clipped gradients of the report",
            "the training loss (the objective on the training rows) of the report, metrics.json and --json",
            "the number of rows dropped for missing values and the rows read",
            "the preprocessing statistics fitted on the data and stored in the model file: each feature's mean and "
                    + "standard deviation, its minimum and maximum under --scale minmax and its median under --missing "
                    + "median (training rows' values as they are: the median is the middle row's, or the mean of the two "
                    + "middle ones), the mean fill, and the categories",
            "which columns the preprocessing dropped as constant, and which unscaled ones vary by less than float32 "
                    + "holds at their size, named in the warnings",
            "other runs on the same rows, which spend their own (epsilon, delta), and settings chosen by looking at "
                    + "them");

    /** Why a seeded DP-SGD run is not private as trained. */
    public static final String SEEDED = "NOT a guarantee: sampling and noise came from a generator seeded by --seed, "
            + "so anyone who knows the seed can replay them (train without --dp-seeded for a private release)";
}
