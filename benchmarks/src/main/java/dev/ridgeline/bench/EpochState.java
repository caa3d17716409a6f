package dev.ridgeline.bench;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;

/** The data every epoch benchmark shares: X and y for a shape, built once per trial with the fixed seed. */
final class EpochState {
    private EpochState() {
    }

    static Problem problem(String shape, int models) {
        Shape s = Shape.parse(shape);
        DenseMatrix x = BenchData.features(s, BenchData.SEED);
        return BenchData.problem(x, BenchData.target(x, BenchData.SEED), models);
    }
}
