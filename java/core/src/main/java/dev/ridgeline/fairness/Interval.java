package dev.ridgeline.fairness;

/** A confidence interval [low, high] at the given level (e.g. 0.95); NaN bounds when undefined. */
public record Interval(double low, double high, double level) {
    public boolean contains(double v) {
        return v >= low && v <= high;
    }
}
