/**
 * JMH benchmarks: one epoch per backend against a streaming read of the same bytes and an unfused
 * two-pass epoch, K = 1, 8, 32 models at once, and peer libraries on the same data. Data is built in
 * {@code @Setup} with a fixed seed; helpers hold every loop so that benchmark methods stay one call.
 */
package dev.ridgeline.bench;
