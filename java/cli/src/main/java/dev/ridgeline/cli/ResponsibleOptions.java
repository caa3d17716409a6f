package dev.ridgeline.cli;

import dev.ridgeline.fairness.BootstrapSettings;
import dev.ridgeline.fairness.BoundedGroupLoss;
import dev.ridgeline.privacy.DpSgdConfig;
import dev.ridgeline.privacy.RdpAccountant;
import dev.ridgeline.privacy.RdpConversion;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The responsible-modelling options of {@code train} (a picocli mixin): differential privacy, sensitive
 * attributes and mitigation, and what the model card says about intended use. The card and its plots go
 * into {@code train}'s output folder.
 */
final class ResponsibleOptions {
    @Option(names = "--dp", description = "Train with DP-SGD (Poisson sampling, per-example clipping, Gaussian noise) and report (epsilon, delta).")
    boolean dp;

    @Option(names = "--dp-noise", paramLabel = "SIGMA", description = "DP noise multiplier (default: 1.0, or solved from --dp-epsilon); 0 adds no noise and gives no"
            + " privacy guarantee (warned).")
    Double dpNoise;

    @Option(names = "--dp-epsilon", paramLabel = "EPS", description = "Target epsilon: solve for the smallest noise multiplier that meets it.")
    Double dpEpsilon;

    @Option(names = "--dp-clip", defaultValue = "1.0", paramLabel = "C",
            description = "Clipping norm of each example's gradient, at least 1.2e-38 (float32's smallest normal number;"
                    + " default: ${DEFAULT-VALUE}).")
    double dpClip;

    static final int DEFAULT_DP_BATCH = 64;

    @Option(names = "--dp-batch", defaultValue = "" + DEFAULT_DP_BATCH, paramLabel = "B",
            description = "Expected Poisson batch size, 1 to the training rows; sampling rate B / rows (default: ${DEFAULT-VALUE}).")
    int dpBatch;

    @Option(names = "--dp-epochs", defaultValue = "5", paramLabel = "E", description = "DP passes over the training rows, in expectation (a fraction allowed): ceil(E / q) steps at sampling rate q (default: ${DEFAULT-VALUE}).")
    double dpEpochs;

    @Option(names = "--dp-lr", defaultValue = "0.5", paramLabel = "RATE", description = "DP-SGD learning rate (default: ${DEFAULT-VALUE}).")
    double dpLr;

    @Option(names = "--dp-delta", defaultValue = "1e-5", paramLabel = "D", description = "Delta of the guarantee (default: ${DEFAULT-VALUE}).")
    double dpDelta;

    @Option(names = "--dp-secure-random", description = "Draw sampling and noise from SecureRandom, as --dp does unless --dp-seeded is given (the only private release; not reproducible).")
    boolean dpSecureNamed;

    @Option(names = "--dp-seeded", description = "Draw sampling and noise from a generator seeded by --seed: a reproducible run, for tests and debugging, that is NOT private (anyone who knows the seed can replay the noise).")
    boolean dpSeeded;

    @Option(names = "--sensitive", converter = ColumnNameText.Listed.class, arity = "1..*", split = ",",
            paramLabel = "COL",
            description = "Sensitive column(s), separated by commas (as --ignore's) or given as separate arguments (--sensitive sex age): metrics per group, disparities with bootstrap intervals and permutation p-values. Several columns also give their intersection.")
    List<String> sensitive;

    static final int MAX_SENSITIVE_BINS = 1000;

    @Option(names = "--sensitive-bins", defaultValue = "4", paramLabel = "N",
            description = "Quantile bins for a numeric sensitive column with more than 10 distinct values, 2 to " + MAX_SENSITIVE_BINS + " (default: ${DEFAULT-VALUE}).")
    int sensitiveBins;

    @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "N",
            description = "Bootstrap resamples for intervals, and as many relabellings for the permutation p-values: 40 to 100000, or 0 to disable both; also, with or without --sensitive, the resamples of the model card's metric intervals (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--mitigate", description = "Bounded group loss: reweight the groups of --sensitive (their intersection if several) to lower the worst group MSE.")
    boolean mitigate;

    @Option(names = "--mitigate-rounds", defaultValue = "20", paramLabel = "N", description = "Reweighting rounds, 1 to 1000000 (default: ${DEFAULT-VALUE}).")
    int mitigateRounds;

    /** --intended-use and --model-name, which tune takes too. */
    @Mixin
    CardAuthorOptions author;

    boolean hasSensitive() {
        return sensitive != null && !sensitive.isEmpty();
    }

    /**
     * The first combination of these options that cannot run, as one line for a usage error (exit 2), or null.
     * An option whose feature is off (--dp-clip without --dp, --sensitive-bins without --sensitive,
     * --mitigate-rounds without --mitigate) would be ignored in silence, so it is refused too.
     */
    String conflict(ParseResult given) {
        if (mitigate && !hasSensitive()) {
            return "--mitigate needs --sensitive COL (the groups to protect)";
        }
        if (mitigate && dp) {
            return "--mitigate and --dp cannot be combined: reweighting by group MSE is not private";
        }
        if (dpNoise != null && dpEpsilon != null) {
            return "give at most one of --dp-noise and --dp-epsilon";
        }
        if (dpSeeded && dpSecureNamed) {
            return "give at most one of --dp-seeded and --dp-secure-random";
        }
        String repeated = firstRepeated(sensitive);
        if (repeated != null) {
            // The column would be reported twice and "intersected" with itself (groups "c=red, c=red").
            return "--sensitive names the column '" + ColumnNameText.shown(repeated) + "' twice; name each column once";
        }
        String idle = dp ? null : needing(given, "--dp-", "--dp");
        if (idle == null && !hasSensitive()) {
            idle = needing(given, "--sensitive-", "--sensitive COL");
        }
        if (idle == null && !mitigate) {
            idle = needing(given, "--mitigate-", "--mitigate");
        }
        return idle;
    }

    /** The first name that occurs twice in {@code names} (null when there is none, or no list). */
    private static String firstRepeated(List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names == null ? List.<String>of() : names) {
            if (!seen.add(name)) {
                return name;
            }
        }
        return null;
    }

    /** "A, B need PARENT, and do nothing without it" for the given options named {@code prefix}..., or null. */
    private static String needing(ParseResult given, String prefix, String parent) {
        List<String> names = given.matchedOptions().stream().map(OptionSpec::longestName)
                .filter(name -> name.startsWith(prefix)).distinct().toList();
        if (names.isEmpty()) {
            return null;
        }
        return String.join(", ", names) + (names.size() == 1 ? " needs " : " need ") + parent + ", and "
                + (names.size() == 1 ? "does" : "do") + " nothing without it";
    }

    /**
     * Whether DP-SGD draws its sampling and noise from SecureRandom: unless --dp-seeded asks for a generator
     * seeded by --seed. A seeded default had made every plain --dp run replayable by anyone who read its
     * model card (or guessed the default seed 42).
     */
    boolean dpSecure() {
        return !dpSeeded;
    }

    /** Checks values before any work is done (combinations: {@link #conflict}). */
    void validate() {
        // Read now, so that a bad file fails before training, also with --no-output.
        author.validate();
        // More bins than a thousand would make groups too small to measure; 2^31 - 1 overflowed an array size.
        if (sensitiveBins < 2 || sensitiveBins > MAX_SENSITIVE_BINS) {
            throw new IllegalArgumentException("--sensitive-bins must be between 2 and " + MAX_SENSITIVE_BINS + ", got "
                    + sensitiveBins);
        }
        if (bootstrap != 0 && (bootstrap < BootstrapSettings.MIN_RESAMPLES || bootstrap > BootstrapSettings.MAX_RESAMPLES)) {
            throw new IllegalArgumentException("--bootstrap must be 0 (no intervals) or between "
                    + BootstrapSettings.MIN_RESAMPLES + " and " + BootstrapSettings.MAX_RESAMPLES + " (a 95% interval's"
                    + " 2.5% tails need " + BootstrapSettings.MIN_RESAMPLES + " resamples to hold one), got " + bootstrap);
        }
        if (mitigate && (mitigateRounds < 1 || mitigateRounds > BoundedGroupLoss.Settings.MAX_ROUNDS)) {
            throw new IllegalArgumentException("--mitigate-rounds must be between 1 and "
                    + BoundedGroupLoss.Settings.MAX_ROUNDS + ", got " + mitigateRounds);
        }
        if (dp) {
            validateDp();
        }
    }

    /** The DP settings' own names, as the library's messages give them, and the options that set them. */
    private static final Map<String, String> DP_OPTION_OF = Map.of("DP noise multiplier", "--dp-noise",
            "DP clipping norm", "--dp-clip", "DP epochs", "--dp-epochs", "DP learning rate", "--dp-lr",
            "DP delta", "--dp-delta");

    /**
     * Checks the DP settings that do not depend on the data, naming the option (the library's check comes
     * after the data is read and names its setting: "DP epochs must be ..."). The batch's upper bound, the
     * training rows, is checked once they are known.
     */
    private void validateDp() {
        if (dpEpsilon != null && !(dpEpsilon > 0 && dpEpsilon < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--dp-epsilon must be a finite number > 0, got " + TrainPipeline.plain(dpEpsilon));
        }
        if (dpBatch < 1) {
            throw new IllegalArgumentException("--dp-batch must be at least 1, got " + dpBatch);
        }
        // At a sampling rate of 1, each epoch is one step: more epochs than the accountant counts are too many at
        // any --dp-batch (the message had quoted the stand-in rate of 1.0 below as the run's).
        if (Double.isFinite(dpEpochs) && dpEpochs > RdpAccountant.MAX_STEPS) {  // Infinity: "must be finite" below
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "--dp-epochs %s are at least %.3g "
                    + "steps (an epoch is one step or more at any --dp-batch), more than the accountant counts (2^53);"
                    + " give fewer", TrainPipeline.plain(dpEpochs), dpEpochs));
        }
        // A sampling rate of 1 stands in for the data's: every other setting is checked as the run will check it.
        SettingNames.checkAsOptions(() -> new DpSgdConfig(1.0, dpNoise == null ? 1.0 : dpNoise, dpClip, dpEpochs, dpLr,
                dpDelta, 0, false, RdpConversion.IMPROVED), DP_OPTION_OF);
    }
}
