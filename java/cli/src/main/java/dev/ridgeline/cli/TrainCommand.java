package dev.ridgeline.cli;

import dev.ridgeline.data.CsvDatasets;
import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.data.Split;
import dev.ridgeline.train.Initialization;
import dev.ridgeline.train.RidgeFitter;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.TrainerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ridgeline train}: read data (the embedded diabetes table by default), split off a seeded holdout,
 * z-score the features on the training rows, train, and report metrics and coefficients.
 */
@Command(name = "train", sortOptions = false,
        description = {"Train a ridge model and report its fit.",
            "With no options: the embedded diabetes data (442 rows, target 'progression'), lambda 1, 80/20 split."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE.csv", description = "CSV file with a header row (default: embedded diabetes data).")
    Path data;

    @Option(names = "--target", paramLabel = "COL", description = "Target column of --data (default: the last column).")
    String target;

    @Option(names = "--lambda", defaultValue = "1.0", description = "L2 penalty lambda >= 0 (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--solver", defaultValue = "gd", paramLabel = "gd|sgd|exact",
            description = "Full-batch gradient descent, mini-batch SGD, or the exact normal equations (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--epochs", defaultValue = "10000", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "auto", paramLabel = "auto|RATE",
            description = "Learning rate, or auto = 1/L with L estimated by power iteration (default: ${DEFAULT-VALUE}).")
    String lr;

    @Option(names = "--batch-size", defaultValue = "32", description = "Rows per mini-batch for --solver sgd (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--momentum", defaultValue = "0", description = "Momentum in [0, 1) (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--nesterov", description = "Use Nesterov momentum (set --momentum too, e.g. 0.9).")
    boolean nesterov;

    @Option(names = "--tol", defaultValue = "1e-7",
            description = "Stop when the gradient norm falls to TOL times its initial value (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--init", defaultValue = "zeros", paramLabel = "zeros|random",
            description = "Initial weights: zeros, or seeded N(0, 0.01^2) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--backend", defaultValue = "auto", description = "auto, java-scalar, java-vector or cuda (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the split, shuffling and initialisation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--holdout", defaultValue = "0.2", paramLabel = "FRACTION",
            description = "Fraction of rows held out for validation; 0 trains on every row (default: ${DEFAULT-VALUE}).")
    double holdout;

    @Option(names = "--json", description = "Print one JSON object instead of the report (keys in docs/cli.md).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("--lambda must be a finite number >= 0, got " + lambda);
        }
        Dataset all = load();
        Split split = Split.holdout(all.rows(), holdout, seed);
        Dataset train = all.selectRows(split.train());
        Dataset validation = split.holdout().length == 0 ? null : all.selectRows(split.holdout());
        RidgeFitter.Fit fit = new RidgeFitter(lambda, config(), backend).fit(train);
        TrainReport report = TrainReport.of(fit, train, validation, Solver.parse(solver), lambda);
        var out = spec.commandLine().getOut();
        out.print(json ? report.toJson() + System.lineSeparator() : report.toText());
        out.flush();
        return 0;
    }

    private Dataset load() {
        if (data == null) {
            if (target != null && !target.equals(EmbeddedData.DIABETES_TARGET)) {
                throw new DataException("--target " + target + " needs --data; the embedded data's target is '"
                        + EmbeddedData.DIABETES_TARGET + "'");
            }
            return EmbeddedData.diabetes();
        }
        CsvTable table = CsvTable.read(data, ',');
        String column = target != null ? target : table.header().get(table.header().size() - 1);
        return CsvDatasets.numeric(table, column);
    }

    private TrainerConfig config() {
        return TrainerConfig.builder()
                .solver(Solver.parse(solver))
                .maxEpochs(epochs)
                .learningRate(parseRate(lr))
                .batchSize(batchSize)
                .momentum(momentum)
                .nesterov(nesterov)
                .tolerance(tolerance)
                .initialization(parseInit(init, seed))
                .seed(seed)
                .build();
    }

    static double parseRate(String text) {
        if (text.equalsIgnoreCase("auto")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--lr must be 'auto' or a positive number, got '" + text + "'");
        }
    }

    static Initialization parseInit(String text, long seed) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "zeros":
                return Initialization.zeros();
            case "random":
                return Initialization.random(0.01, seed);
            default:
                throw new IllegalArgumentException("--init must be zeros or random, got '" + text + "'");
        }
    }
}
