package dev.ridgeline.engine;

/**
 * A compute backend: binds a {@link Problem} once and then runs per-epoch operations on it.
 * Implementations: java-scalar (the plain reference and oracle), java-vector (SIMD, threads), cuda.
 */
public interface Backend {
    /** Stable name used on the command line and in reports, e.g. {@code java-scalar}. */
    String name();

    /**
     * Makes the data resident (uploaded or pinned) and returns the handle for per-epoch operations.
     * Parameters start at zero. The caller closes the handle.
     */
    BoundProblem bind(Problem problem);
}
