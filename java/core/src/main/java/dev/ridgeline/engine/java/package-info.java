/**
 * Pure-Java backends: {@code ScalarBackend}, the plain reference and test oracle, and {@code VectorBackend},
 * the SIMD and multi-threaded backend that matches it within a stated tolerance. The vector classes need
 * {@code --add-modules jdk.incubator.vector}; {@code VectorBackendProvider} checks for the module first.
 */
package dev.ridgeline.engine.java;
