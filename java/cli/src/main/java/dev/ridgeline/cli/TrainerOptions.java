package dev.ridgeline.cli;

import dev.ridgeline.train.Initialization;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.TrainerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** How to train: solver, step size, stopping, backend, threads and seed. Shared by {@code train} and {@code tune}. */
final class TrainerOptions {
    @Option(names = "--solver", defaultValue = "gd", paramLabel = "gd|sgd|exact",
            description = "Full-batch gradient descent, mini-batch SGD, or the exact normal equations (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10000", description = "Maximum epochs, at least 1 (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "auto", paramLabel = "auto|RATE", converter = RateText.class,
            description = "Learning rate, or auto: 1/L for gd with L estimated by the Lanczos iteration, 1/(2 L_b) for sgd "
                    + "with L_b the expected smoothness of a --batch-size batch, that times 1 - M with --momentum M "
                    + "(gd's 1/L stays) (default: ${DEFAULT-VALUE}).")
    String lr;

    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "32", description = "Rows per mini-batch for --solver sgd, at least 1 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--plateau", defaultValue = "10", paramLabel = "EPOCHS",
            description = "For --solver sgd: halve the step after EPOCHS epochs without a new best training loss (by "
                    + "1e-5 of it); the fifth such plateau ends training; 0 keeps the step constant (default: ${DEFAULT-VALUE}).")
    int plateau;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0", description = "Momentum in [0, 1) (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--nesterov", description = "Use Nesterov momentum (set --momentum too, e.g. 0.9).")
    boolean nesterov;

    @Option(names = "--tol", paramLabel = "TOL", defaultValue = "1e-7",
            description = "Stop when the gradient norm falls to TOL times its value at zero coefficients (the start;"
                    + " under --init random too), and, where the features' curvatures span more than 100, the gradient"
                    + " measured in each feature's own scale to 10 TOL times its value there; 0 <= TOL < 1 (default:"
                    + " ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--init", defaultValue = "zeros", paramLabel = "zeros|random",
            description = "Initial weights: zeros, or seeded N(0, 0.01^2) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "auto|java-scalar|java-vector|cuda",
            description = "Where to train (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "Stop training after this many seconds, keeping the parameters so far (per training run; "
                    + "train --mitigate: each round, so up to --mitigate-rounds + 1 times it; tune: each fold's batch, or the one batch of --shared-preprocessing, and the refit each). Checked at each loss read; "
                    + "1e-9 to below 1e9. Default: no limit.")
    Double timeLimit;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Seed for splits, folds, shuffling, initialisation and the automatic rate's estimate; in train also the bootstrap and permutation resamples and, with --dp-seeded, the DP sampling and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Mixin
    ThreadsOption threads;

    /** Options the exact solver does not read: it solves the normal equations, with no steps to tune or stop. */
    static final List<String> NOT_FOR_EXACT = List.of("--epochs", "--lr", "--batch-size", "--plateau", "--momentum",
            "--nesterov", "--tol", "--init", "--time-limit", "--patience");

    /** Options only mini-batch SGD reads. */
    static final List<String> ONLY_FOR_SGD = List.of("--batch-size", "--plateau");

    Solver solverKind() {
        return Solver.parse(solver);
    }

    /**
     * The options given on the command line that the chosen solver would silently ignore: those of
     * {@link #NOT_FOR_EXACT} with {@code --solver exact}, those of {@link #ONLY_FOR_SGD} with full-batch {@code gd}.
     */
    List<String> ignoredBySolver(ParseResult given) {
        Solver kind = solverKind();
        List<String> ignored = kind == Solver.EXACT ? NOT_FOR_EXACT : kind == Solver.GD ? ONLY_FOR_SGD : List.of();
        return ignored.stream().filter(given::hasMatchedOption).toList();
    }

    /** The trainer's own names for its settings, and the options that set them. */
    private static final Map<String, String> OPTION_OF = Map.of("epochs", "--epochs", "batch size", "--batch-size",
            "momentum", "--momentum", "tolerance", "--tol", "plateau reads", "--plateau", "learning rate", "--lr");

    /**
     * Checks the trainer settings before any data is read, and names the option of one out of range: the
     * trainer's message names its setting ("epochs must be at least 1, got 0"), not the command's option.
     */
    void validate() {
        SettingNames.checkAsOptions(() -> config().build(), OPTION_OF);
    }

    /** The usage error for {@link #ignoredBySolver}, or null when every option given is read. */
    String ignoredBySolverMessage(ParseResult given) {
        List<String> ignored = ignoredBySolver(given);
        if (ignored.isEmpty()) {
            // Nesterov's look-ahead is a step of the momentum: with none, it is plain gradient descent.
            return nesterov && momentum == 0 ? "--nesterov needs --momentum M (0 < M < 1), and does nothing without it"
                    : null;
        }
        String why = solverKind() == Solver.EXACT ? "which solves the normal equations in one step"
                : ignored.contains("--plateau")
                        ? "which takes every row each epoch (mini-batches and their step schedule are --solver sgd)"
                        : "which takes every row each epoch (mini-batches are --solver sgd)";
        return String.join(", ", ignored) + (ignored.size() == 1 ? " does" : " do") + " not apply to --solver "
                + solver.trim().toLowerCase(Locale.ROOT) + ", " + why;
    }

    TrainerConfig.Builder config() {
        if (timeLimit != null && !(timeLimit > 0)) {
            throw new IllegalArgumentException("--time-limit must be a positive number of seconds, got "
                    + TrainPipeline.plain(timeLimit));
        }
        if (timeLimit != null && timeLimit > 0 && timeLimit < 1e-9) {
            // Below a nanosecond, the clock's unit: 6e-10 had been rounded up to one and 4e-10 down to none.
            throw new IllegalArgumentException("--time-limit must be at least 1e-9 seconds (one nanosecond), got "
                    + TrainPipeline.plain(timeLimit));
        }
        if (timeLimit != null && !(timeLimit < 1e9)) {
            // Nanoseconds in a long reach 292 years; the limit keeps far from them.
            throw new IllegalArgumentException("--time-limit must be below 1e9 seconds (about 31 years), got "
                    + TrainPipeline.plain(timeLimit) + "; leave it out for no limit");
        }
        return TrainerConfig.builder()
                .timeLimit(timeLimit == null ? null : Duration.ofNanos(Math.round(timeLimit * 1e9)))
                .solver(Solver.parse(solver))
                .maxEpochs(epochs)
                .learningRate(parseRate(lr))
                .batchSize(batchSize)
                .plateauReads(plateau)
                .momentum(momentum)
                .nesterov(nesterov)
                .tolerance(tolerance)
                .initialization(parseInit(init, seed))
                .seed(seed);
    }

    /**
     * Refuses at parsing (exit 2) a rate that is neither auto nor a number; a number out of range (NaN and the
     * infinities too, however spelled) is refused by {@link #parseRate} as every option's range is (exit 3).
     */
    static final class RateText implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String text) {
            if (!text.strip().equalsIgnoreCase("auto")) {
                try {
                    NumberConverters.parseReal(text);
                } catch (NumberConverters.BeyondRange e) {
                    throw new CommandLine.TypeConversionException(e.getMessage());
                } catch (NumberFormatException e) {
                    throw new CommandLine.TypeConversionException("'" + text + "' is neither auto nor a number");
                }
            }
            return text;
        }
    }

    /** The rate, NaN for auto (as the trainer takes it); a rate that is NaN is refused rather than read as auto. */
    static double parseRate(String text) {
        if (text.strip().equalsIgnoreCase("auto")) {
            return Double.NaN;
        }
        double rate;
        try {
            rate = NumberConverters.parseReal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--lr must be 'auto' or a positive number, got '" + text + "'");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            // The library refuses it too, but in its own spelling of the number (-5.0E-4 for -0.0005).
            throw new IllegalArgumentException("--lr must be a positive number or auto, got "
                    + TrainPipeline.plain(rate));
        }
        return rate;
    }

    static Initialization parseInit(String text, long seed) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "zeros":
                return Initialization.zeros();
            case "random":
                return Initialization.random(0.01, seed);
            default:
                throw new IllegalArgumentException("--init must be zeros or random, got '" + text + "'");
        }
    }
}
