/**
 * The self-check behind {@code ridgeline doctor}: every available backend against the scalar reference
 * on seeded random problems, run-to-run determinism, and on CUDA the effective bandwidth of an epoch
 * next to a device-to-device copy measured in the same run.
 */
package dev.ridgeline.engine.check;
