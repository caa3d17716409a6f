package dev.ridgeline.privacy;

/** An (epsilon, delta) guarantee and the Renyi order at which the conversion attained it. */
public record PrivacySpent(double epsilon, double delta, double order) {
}
