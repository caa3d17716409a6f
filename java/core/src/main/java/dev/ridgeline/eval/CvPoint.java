package dev.ridgeline.eval;

/**
 * Cross-validation error of one setting (lambda, learning rate) over k folds.
 *
 * @param foldMse the mean squared error on each held-out fold (k); NaN for a fold whose model diverged
 * @param mean the mean of {@code foldMse}, NaN if any fold diverged
 * @param std the sample standard deviation of {@code foldMse} (divisor k - 1)
 */
public record CvPoint(double lambda, double learningRate, double[] foldMse, double mean, double std) {

    public static CvPoint of(double lambda, double learningRate, double[] foldMse) {
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
        return new CvPoint(lambda, learningRate, foldMse.clone(), mean, k > 1 ? Math.sqrt(ss / (k - 1)) : 0);
    }

    /** Standard error of the mean: std / sqrt(k). */
    public double standardError() {
        return std / Math.sqrt(foldMse.length);
    }
}
