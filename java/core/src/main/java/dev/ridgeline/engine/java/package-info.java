/** Pure-Java backends: the scalar reference (the test oracle) and the SIMD, multi-threaded backend. */
package dev.ridgeline.engine.java;
