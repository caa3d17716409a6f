package dev.ridgeline.train;

import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BackendChoice;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.preprocess.Standardizer;

/**
 * The short path from a dataset to a trained model: z-score the features (fitted on these rows), bind the
 * problem to a backend, train, and wrap the result with its scaler as a {@link LinearModel}.
 *
 * <pre>{@code
 * Fit fit = new RidgeFitter(1.0, TrainerConfig.builder().build(), "auto").fit(dataset);
 * double yHat = fit.model().predict(row);
 * }</pre>
 */
public final class RidgeFitter {
    private final double lambda;
    private final TrainerConfig config;
    private final String backend;
    private final boolean standardize;

    public RidgeFitter(double lambda, TrainerConfig config, String backend) {
        this(lambda, config, backend, true);
    }

    public RidgeFitter(double lambda, TrainerConfig config, String backend, boolean standardize) {
        this.lambda = lambda;
        this.config = config;
        this.backend = backend;
        this.standardize = standardize;
    }

    /** A trained model, how training went, and which backend ran it and why. */
    public record Fit(LinearModel model, TrainingResult training, String backend, String backendReason) {
    }

    /** Trains one model on the dataset's first target (and its weights, if any). */
    public Fit fit(Dataset data) {
        Standardizer scaler = standardize ? Standardizer.fit(data.x()) : null;
        DenseMatrix x = scaler == null ? data.x() : scaler.transform(data.x());
        Problem problem = Problem.builder(x).model(data.target(), data.weights(), lambda).build();
        BackendChoice choice = Backends.select(backend);
        TrainingResult result;
        try (BoundProblem bound = choice.backend().bind(problem)) {
            result = new Trainer(config).train(bound, data.featureNames());
        }
        LinearModel model = LinearModel.of(data.featureNames(), scaler, result.parameters(), 0);
        return new Fit(model, result, choice.backend().name(), choice.reason());
    }
}
