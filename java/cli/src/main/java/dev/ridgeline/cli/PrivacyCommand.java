package dev.ridgeline.cli;

import dev.ridgeline.card.PrivacyInfo;
import dev.ridgeline.privacy.DeltaAdvice;
import dev.ridgeline.privacy.NoiseSolver;
import dev.ridgeline.privacy.PrivacySpent;
import dev.ridgeline.privacy.RdpAccountant;
import dev.ridgeline.privacy.RdpConversion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ridgeline privacy}: the (epsilon, delta) of DP-SGD with Poisson sampling for a dataset size, batch,
 * noise multiplier and epochs; or, with {@code --target-epsilon}, the noise multiplier that reaches it.
 */
@Command(name = "privacy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Privacy accounting for DP-SGD (RDP accountant of the Poisson-subsampled Gaussian).",
            "Example: ridgeline privacy --n 60000 --batch 150 --noise 1.3 --epochs 15 --delta 1e-5"})
final class PrivacyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--n", paramLabel = "N", required = true, description = "Number of training rows.")
    long n;

    @Option(names = "--batch", paramLabel = "B", required = true, description = "Expected batch size, 1 to N; the sampling rate is B / N.")
    long batch;

    @Option(names = "--noise", paramLabel = "SIGMA", description = "Noise multiplier (noise std / clipping norm), above 0;"
            + " give this or --target-epsilon.")
    Double noise;

    @Option(names = "--target-epsilon", paramLabel = "EPS", description = "Solve for the noise multiplier that reaches this epsilon.")
    Double targetEpsilon;

    @Option(names = "--epochs", paramLabel = "E", required = true, description = "Epochs; steps = ceil(E * N / B).")
    double epochs;

    @Option(names = "--delta", paramLabel = "D", defaultValue = "1e-5", description = "Target delta (default: ${DEFAULT-VALUE}).")
    double delta;

    @Option(names = "--conversion", defaultValue = "improved", paramLabel = "improved|classic",
            description = "RDP to (epsilon, delta): improved (Balle et al. 2020) or classic (Mironov 2017) (default: ${DEFAULT-VALUE}).")
    String conversion;

    @Option(names = "--json", description = "Print one JSON object (keys: epsilon, order, delta, noise, steps, sampling_rate,"
            + " warnings).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if ((noise == null) == (targetEpsilon == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --noise and --target-epsilon");
        }
        RdpConversion conv = parseConversion(conversion, spec.commandLine());
        checkRanges();
        double sigma = noise != null ? noise : NoiseSolver.noiseFor(targetEpsilon, n, batch, epochs, delta, conv);
        PrivacySpent spent = RdpAccountant.dpSgd(n, batch, sigma, epochs, delta, conv);
        long steps = RdpAccountant.stepsFor(n, batch, epochs);
        String deltaWarning = DeltaAdvice.warning("--delta", delta, n, "rows, --n");
        if (deltaWarning != null) {
            spec.commandLine().getErr().println(ErrorHandler.warningLine(deltaWarning));
        }
        var out = spec.commandLine().getOut();
        // A noise so small that every order's bound overflows: no order is "best", and no guarantee is left.
        boolean bounded = Double.isFinite(spent.epsilon());
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("epsilon", spent.epsilon());
            doc.put("order", bounded ? spent.order() : null);
            doc.put("delta", delta);
            doc.put("noise", sigma);
            doc.put("steps", steps);
            doc.put("sampling_rate", (double) batch / n);
            doc.put("warnings", deltaWarning == null ? List.of() : List.of(deltaWarning));
            out.println(CliJson.compact(doc));
        } else {
            if (targetEpsilon != null) {
                out.printf(Locale.ROOT, "noise      %s (smallest noise multiplier reaching epsilon %s)%n",
                        SolvedNoise.text(sigma), targetEpsilon);
            }
            if (bounded) {
                // Rounded up, as every privacy figure shown: the line must not claim a smaller epsilon than it has.
                out.printf(Locale.ROOT, "epsilon    %s at delta %s (%s conversion)%n",
                        PrivacyInfo.roundedUp(spent.epsilon(), 6), PrivacyInfo.roundedUp(delta, 3),
                        conv.name().toLowerCase(Locale.ROOT));
                out.printf(Locale.ROOT, "order      %s (best Renyi order)%n", trim(spent.order()));
            } else {
                out.printf(Locale.ROOT, "epsilon    infinite at delta %.3g: this noise bounds nothing at any order (no"
                        + " privacy guarantee)%n", delta);
            }
            // A solved multiplier is shown rounded up, so that passed back as --noise it still meets the target.
            out.printf(Locale.ROOT, "steps      %d, sampling rate %.6g, noise multiplier %s%n", steps, (double) batch / n,
                    targetEpsilon != null ? SolvedNoise.text(sigma) : String.format(Locale.ROOT, "%.6g", sigma));
        }
        out.flush();
        return 0;
    }

    /** Each setting in range, named by its option (the accountant's own messages name its parameters). */
    private void checkRanges() {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be at least 1, got " + n);
        }
        if (batch < 1 || batch > n) {
            throw new IllegalArgumentException("--batch must be between 1 and --n (" + n + "), got " + batch);
        }
        if (noise != null && !(noise > 0 && Double.isFinite(noise))) {
            throw new IllegalArgumentException("--noise must be a finite number > 0, got " + TrainPipeline.plain(noise));
        }
        if (targetEpsilon != null && !(targetEpsilon > 0 && Double.isFinite(targetEpsilon))) {
            throw new IllegalArgumentException("--target-epsilon must be a finite number > 0, got " + TrainPipeline.plain(targetEpsilon));
        }
        if (!(epochs > 0 && Double.isFinite(epochs))) {
            throw new IllegalArgumentException("--epochs must be a finite number > 0, got " + TrainPipeline.plain(epochs));
        }
        try {
            RdpAccountant.stepsFor(n, batch, epochs);
        } catch (IllegalArgumentException e) {
            // The accountant's refusal, with the option named and the value as typed (it writes 1.0E300).
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--epochs %s with --n %d and --batch %d is"
                    + " %.3g steps, more than the accountant counts (2^53); give fewer", TrainPipeline.plain(epochs), n,
                    batch, Math.ceil(epochs * n / batch)));
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("--delta must be in (0, 1), got " + TrainPipeline.plain(delta));
        }
    }

    static RdpConversion parseConversion(String text, CommandLine cmd) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "improved":
                return RdpConversion.IMPROVED;
            case "classic":
                return RdpConversion.CLASSIC;
            default:
                throw new ParameterException(cmd, "--conversion must be one of improved, classic, got '" + text + "'");
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
