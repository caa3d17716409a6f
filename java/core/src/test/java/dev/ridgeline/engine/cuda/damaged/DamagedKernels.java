package dev.ridgeline.engine.cuda.damaged;

/** Anchors the test resources of a jar whose kernel properties are damaged (minimumDriverVersion not a number). */
public final class DamagedKernels {
    private DamagedKernels() {
    }
}
