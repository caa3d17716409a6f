package dev.ridgeline.cli;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BackendChoice;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.preprocess.Standardizer;
import dev.ridgeline.privacy.DpSgdConfig;
import dev.ridgeline.privacy.DpSgdResult;
import dev.ridgeline.privacy.DpSgdTrainer;
import dev.ridgeline.privacy.NoiseSolver;
import dev.ridgeline.privacy.RdpConversion;
import dev.ridgeline.train.History;
import dev.ridgeline.train.RidgeFitter;
import dev.ridgeline.train.StopReason;
import dev.ridgeline.train.TrainingResult;
import java.util.List;

/**
 * {@code train --dp}: z-scores the features on the training rows (as plain training does), runs DP-SGD and
 * wraps the outcome as a {@link RidgeFitter.Fit} so the usual report applies. With {@code --backend auto}
 * it runs on java-scalar, the backend that implements per-example clipping.
 */
record DpFit(RidgeFitter.Fit fit, DpSgdConfig config, DpSgdResult result) {

    static DpFit train(ResponsibleOptions o, Dataset train, double lambda, String backend, long seed) {
        int rows = train.rows();
        if (o.dpBatch < 1 || o.dpBatch > rows) {
            throw new DataException("--dp-batch must be in [1, " + rows + "] (the training rows), got " + o.dpBatch);
        }
        double q = DpSgdConfig.rateFor(o.dpBatch, rows);
        double sigma = o.dpEpsilon != null
                ? NoiseSolver.noiseFor(o.dpEpsilon, rows, o.dpBatch, o.dpEpochs, o.dpDelta, RdpConversion.IMPROVED)
                : (o.dpNoise != null ? o.dpNoise : 1.0);
        DpSgdConfig config = new DpSgdConfig(q, sigma, o.dpClip, o.dpEpochs, o.dpLr, o.dpDelta, seed, o.dpSecure,
                RdpConversion.IMPROVED);
        Standardizer scaler = Standardizer.fit(train.x());
        DenseMatrix x = scaler.transform(train.x());
        Problem problem = Problem.builder(x).model(train.target(), train.weights(), lambda).build();
        Backend chosen;
        String reason;
        if (backend.equalsIgnoreCase("auto")) {
            chosen = new ScalarBackend();
            reason = "DP-SGD needs per-example clipping, which java-scalar implements";
        } else {
            BackendChoice choice = Backends.select(backend);
            chosen = choice.backend();
            reason = choice.reason();
        }
        DpSgdResult result = new DpSgdTrainer(config).train(chosen, problem);
        double loss;
        try (BoundProblem bound = new ScalarBackend().bind(problem)) {
            bound.setParameters(result.parameters());
            loss = bound.loss()[0];
        }
        TrainingResult training = new TrainingResult(result.parameters(), new int[] {(int) Math.ceil(o.dpEpochs)},
                List.of(StopReason.MAX_EPOCHS), new double[] {loss}, new double[] {Double.NaN}, new double[] {o.dpLr},
                new History());
        LinearModel model = LinearModel.of(train.featureNames(), scaler, result.parameters(), 0);
        return new DpFit(new RidgeFitter.Fit(model, training, chosen.name(), reason), config, result);
    }
}
