package dev.ridgeline.fairness;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;

/**
 * {@link WeightedFit} through any {@link Backend} and the {@link Trainer}: the group weights travel as the
 * problem's weight column, which every backend supports. Shapes: X (m, n), y (m).
 */
public final class BackendWeightedFit implements WeightedFit<Parameters> {
    private final Backend backend;
    private final DenseMatrix x;
    private final float[] y;
    private final double lambda;
    private final TrainerConfig config;

    public BackendWeightedFit(Backend backend, DenseMatrix x, float[] y, double lambda, TrainerConfig config) {
        this.backend = backend;
        this.x = x;
        this.y = y;
        this.lambda = lambda;
        this.config = config;
    }

    @Override
    public Parameters fit(float[] rowWeights) {
        Problem problem = Problem.builder(x).model(y, rowWeights, lambda).build();
        try (BoundProblem bound = backend.bind(problem)) {
            return new Trainer(config).train(bound).parameters();
        }
    }

    // Shapes: x (m, n); model 0's theta (n) and bias; returns (m).
    @Override
    public double[] predict(Parameters model) {
        double[] out = new double[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            float[] a = x.rowArray(i);
            int off = x.rowOffset(i);
            double s = model.bias(0);
            for (int j = 0; j < x.cols(); j++) {
                s += model.theta(0, j) * a[off + j];
            }
            out[i] = s;
        }
        return out;
    }
}
