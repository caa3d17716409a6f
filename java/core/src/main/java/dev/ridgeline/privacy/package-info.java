/**
 * Differential privacy for ridge training: the RDP accountant of the Poisson-subsampled Gaussian mechanism,
 * RDP to (epsilon, delta) conversions, a noise-multiplier solver, and DP-SGD (Poisson sampling, per-example
 * clipping, Gaussian noise) on any backend that implements {@link dev.ridgeline.engine.ClippedGradientStep}.
 */
package dev.ridgeline.privacy;
