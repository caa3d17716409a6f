package dev.ridgeline.cli;

import dev.ridgeline.engine.Backends;
import dev.ridgeline.engine.check.SelfCheck;
import dev.ridgeline.engine.check.SelfCheckReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Checks every available backend against the scalar reference on this machine, and on CUDA times an
 * epoch against a device-to-device copy. Exit code 1 when a check fails.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Check every available backend against the java-scalar reference on random problems (tail sizes,"
            + " K = 1, 8, 9, weights), run-to-run determinism, and on CUDA the epoch bandwidth next to a"
            + " device-to-device copy. Exit code 1 on FAIL."})
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ThreadsOption.OfBackend threads;

    @Option(names = "--json", description = "Print the report as one JSON object (keys: tolerance, passed, backends;"
            + " see docs/cli.md).")
    boolean json;

    @Option(names = "--no-bench", description = "Skip the CUDA bandwidth measurement.")
    boolean noBench;

    @Option(names = "--bench-shape", paramLabel = "ROWSxCOLS", defaultValue = "1048576x256",
            description = "Large CUDA benchmark shape, float32 (default: ${DEFAULT-VALUE}, 1 GiB).")
    String benchShape;

    @Option(names = "--small-shape", paramLabel = "ROWSxCOLS", defaultValue = "8192x128",
            description = "Small CUDA benchmark shape for the amortised epoch time (default: ${DEFAULT-VALUE}).")
    String smallShape;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "200",
            description = "Timed epochs on the large shape; the small one runs 50 times as many (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Override
    public Integer call() {
        if (noBench) {
            // Options the run would ignore are refused, as every subcommand does (exit 2).
            for (String option : new String[] {"--bench-shape", "--small-shape", "--epochs"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new ParameterException(spec.commandLine(), option + " does not apply with --no-bench, which"
                            + " skips the CUDA bandwidth measurement it sets");
                }
            }
        }
        int[] big = shape(benchShape, "--bench-shape");
        int[] small = shape(smallShape, "--small-shape");
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);  // out of range: exit 3
        }
        // A malformed backend setting (-Dridgeline.threads=abc) fails as train would; checking the others and
        // saying PASS would hide it.
        Backends.select("auto");
        SelfCheckReport report = SelfCheck.run(new SelfCheck.Options(!noBench, big[0], big[1], small[0], small[1], epochs));
        var out = spec.commandLine().getOut();
        out.print(json ? CliJson.pretty(report) + System.lineSeparator() : report.toText());
        out.flush();
        warnOfUnusedBenchmarkSettings(report);
        return report.passed() ? 0 : 1;
    }

    /**
     * The benchmark's settings given where no CUDA backend ran them (none available, or its check failed first): a
     * warning, not the usage error of --no-bench, since the same command measures on a machine with a GPU (they had
     * been taken in silence).
     */
    private void warnOfUnusedBenchmarkSettings(SelfCheckReport report) {
        var cuda = report.backends().stream().filter(b -> b.name().equals("cuda")).findFirst();
        if (noBench || cuda.isPresent() && !cuda.get().bandwidth().isEmpty()) {
            return;
        }
        String why = cuda.isPresent() && cuda.get().available() ? "the cuda backend's check failed before it"
                : "the cuda backend is unavailable here";
        List<String> given = new ArrayList<>();
        for (String option : new String[] {"--bench-shape", "--small-shape", "--epochs"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                given.add(option);
            }
        }
        if (!given.isEmpty()) {
            var err = spec.commandLine().getErr();
            err.println(ErrorHandler.warningLine(String.join(", ", given) + " set the CUDA bandwidth measurement, which"
                    + " did not run: " + why + "; the same command line measures with them where a CUDA backend runs"));
            err.flush();
        }
    }

    private int[] shape(String text, String option) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int rows = Integer.parseInt(parts[0].trim());
                int cols = Integer.parseInt(parts[1].trim());
                if (rows >= 1 && cols >= 1) {
                    return new int[] {rows, cols};
                }
                // Well formed, out of range: a bad setting (exit 3), as every option's range is.
                throw new IllegalArgumentException(option + " needs at least 1 row and 1 column, got '" + text + "'");
            }
        } catch (NumberFormatException e) {
            // Digits beyond an int are too large, as every whole-number option says (exit 2 like theirs).
            if (parts.length == 2 && parts[0].trim().matches("\\d+") && parts[1].trim().matches("\\d+")) {
                throw new ParameterException(spec.commandLine(), option + " '" + text + "' is too large: at most "
                        + Integer.MAX_VALUE + " rows and " + Integer.MAX_VALUE + " columns");
            }
        }
        throw new ParameterException(spec.commandLine(), option + " must look like 1048576x256, got '" + text + "'");
    }
}
