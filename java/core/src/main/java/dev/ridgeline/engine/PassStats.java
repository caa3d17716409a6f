package dev.ridgeline.engine;

/**
 * What a fused pass measured, per model, for the parameters it read (before its update):
 * the objective J_k and the Euclidean norm of the full gradient (theta and bias parts together).
 */
public record PassStats(double[] loss, double[] gradientNorm) {
    public PassStats {
        loss = loss.clone();
        gradientNorm = gradientNorm.clone();
    }

    public double loss(int k) {
        return loss[k];
    }

    public double gradientNorm(int k) {
        return gradientNorm[k];
    }

    @Override
    public double[] loss() {
        return loss.clone();
    }

    @Override
    public double[] gradientNorm() {
        return gradientNorm.clone();
    }
}
