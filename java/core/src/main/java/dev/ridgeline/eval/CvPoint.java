package dev.ridgeline.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * Cross-validation error of one setting (lambda, learning rate) over k folds.
 *
 * @param foldMse the mean squared error on each held-out fold (k); NaN for a fold whose model diverged
 * @param mean the mean of {@code foldMse}, NaN if any fold diverged
 * @param std the sample standard deviation of {@code foldMse} (divisor k - 1)
 */
public record CvPoint(double lambda, double learningRate, double[] foldMse, double mean, double std) {
    // Copied in and out: the CV table a caller holds cannot be changed through it.
    public CvPoint {
        foldMse = foldMse.clone();
    }

    @Override
    public double[] foldMse() {
        return foldMse.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CvPoint p && Double.compare(lambda, p.lambda) == 0
                && Double.compare(learningRate, p.learningRate) == 0 && Arrays.equals(foldMse, p.foldMse)
                && Double.compare(mean, p.mean) == 0 && Double.compare(std, p.std) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lambda, learningRate, Arrays.hashCode(foldMse), mean, std);
    }

    @Override
    public String toString() {
        return "CvPoint[lambda=" + lambda + ", learningRate=" + learningRate + ", foldMse=" + Arrays.toString(foldMse)
                + ", mean=" + mean + ", std=" + std + "]";
    }

    /** The point with the mean and sample standard deviation of its fold errors. Shape: foldMse (k). */
    public static CvPoint of(double lambda, double learningRate, double[] foldMse) {
        Objects.requireNonNull(foldMse, "foldMse");
        int k = foldMse.length;
        double mean = 0;
        for (double e : foldMse) {
            mean += e;
        }
        mean /= k;
        double ss = 0;
        for (double e : foldMse) {
            ss += (e - mean) * (e - mean);
        }
        return new CvPoint(lambda, learningRate, foldMse, mean, k > 1 ? Math.sqrt(ss / (k - 1)) : 0);
    }

    /** Standard error of the mean: std / sqrt(k). */
    public double standardError() {
        return std / Math.sqrt(foldMse.length);
    }
}
