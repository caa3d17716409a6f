package dev.ridgeline.tune;

/** Log-spaced grids of penalties (or learning rates): {@code count} values from {@code min} to {@code max}. */
public final class LambdaGrid {
    private LambdaGrid() {
    }

    /**
     * {@code count} values log-spaced from {@code min} to {@code max}, both ends exact ({@code 0 < min <= max},
     * finite; one value only when {@code min == max}): {@code log(1e-3, 1e3, 7)} is 1e-3, 1e-2, ..., 1e3.
     * Shape: returns (count).
     */
    public static double[] log(double min, double max, int count) {
        if (!(min > 0) || !(max >= min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("a log grid needs 0 < min <= max, finite; got " + min + " and " + max);
        }
        if (count < 1 || (count == 1 && min != max)) {
            throw new IllegalArgumentException("a log grid from " + min + " to " + max + " needs at least 2 points, got " + count);
        }
        double[] out = new double[count];
        double a = Math.log10(min);
        double b = Math.log10(max);
        for (int i = 0; i < count; i++) {
            out[i] = count == 1 ? min : Math.pow(10, a + (b - a) * i / (count - 1));
        }
        out[0] = min;
        out[count - 1] = max;
        return out;
    }
}
