/**
 * Turns JMH's {@code jmh.json} into {@code summary.md} (epoch time, effective bandwidth, ratio to the
 * streaming read of the same run, the performance targets, the peers, the CSV reads as multiples of
 * decoding the file) and {@code bandwidth.png}.
 */
package dev.ridgeline.bench.report;
