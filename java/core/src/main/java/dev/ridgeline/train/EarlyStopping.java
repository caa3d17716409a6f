package dev.ridgeline.train;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import java.util.Arrays;

/**
 * Early stopping on validation loss with patience, per model. The validation loss of model k is the data
 * term of section 1 on the validation rows, without the penalty: {@code 1/(2 W_k) sum_i w_ik r_ik^2}.
 * It remembers each model's best parameters, and their epoch, so that a model can be reset to them however
 * its training ended.
 */
final class EarlyStopping {
    private final Problem validation;
    private final int patience;
    private final double[] best;
    private final int[] sinceBest;
    private final double[][] bestTheta;
    private final double[] bestBias;
    private final int[] bestEpoch;

    EarlyStopping(Problem validation, int patience, Problem training) {
        if (validation.models() != training.models() || validation.features() != training.features()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the validation problem has %d models of %d features, "
                    + "training has %d of %d", validation.models(), validation.features(), training.models(),
                    training.features()));
        }
        this.validation = validation;
        this.patience = patience;
        int k = training.models();
        this.best = new double[k];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        this.sinceBest = new int[k];
        this.bestTheta = new double[k][];
        this.bestBias = new double[k];
        this.bestEpoch = new int[k];
        Arrays.fill(bestEpoch, -1);
    }

    /**
     * Validation losses at {@code p}, the parameters after {@code epoch} epochs; updates the best of every model
     * that is still {@code active}. Shapes: p theta (K, n) and bias (K), active (K); returns loss (K).
     */
    double[] observe(Parameters p, boolean[] active, int epoch) {
        double[] loss = new double[p.models()];
        for (int k = 0; k < loss.length; k++) {
            loss[k] = loss(validation, p, k);
            if (!active[k]) {
                continue;
            }
            if (loss[k] < best[k]) {
                best[k] = loss[k];
                sinceBest[k] = 0;
                bestTheta[k] = p.theta(k);
                bestBias[k] = p.bias(k);
                bestEpoch[k] = epoch;
            } else {
                sinceBest[k]++;
            }
        }
        return loss;
    }

    /** The epoch of model k's best parameters; -1 before its first read. */
    int bestEpoch(int k) {
        return bestEpoch[k];
    }

    /** True when model k has gone {@code patience} reads without a new best. */
    boolean exhausted(int k) {
        return sinceBest[k] >= patience;
    }

    /**
     * {@code current} with the models flagged in {@code reset} replaced by their best parameters. Shapes: current
     * theta (K, n) and bias (K), reset (K); returns theta (K, n), bias (K).
     */
    Parameters restore(Parameters current, boolean[] reset) {
        int k = current.models();
        double[][] theta = new double[k][];
        double[] bias = new double[k];
        for (int model = 0; model < k; model++) {
            boolean useBest = reset[model] && bestTheta[model] != null;
            theta[model] = useBest ? bestTheta[model] : current.theta(model);
            bias[model] = useBest ? bestBias[model] : current.bias(model);
        }
        return new Parameters(theta, bias);
    }

    // X is (m, n) row-major, theta_k is (n); accumulated in double.
    static double loss(Problem v, Parameters p, int k) {
        DenseMatrix x = v.x();
        float[] y = v.target(k);
        double[] theta = p.theta(k);
        double sum = 0;
        for (int i = 0; i < x.rows(); i++) {
            double w = v.weight(k, i);
            if (w == 0) {
                continue;
            }
            float[] a = x.rowArray(i);
            int off = x.rowOffset(i);
            double r = p.bias(k) - y[i];
            for (int j = 0; j < theta.length; j++) {
                r += a[off + j] * theta[j];
            }
            sum += w * r * r;
        }
        return sum / (2 * v.totalWeight(k));
    }
}
