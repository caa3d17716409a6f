package dev.ridgeline.engine.cuda;

import dev.ridgeline.engine.BackendProvider.Availability;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import java.util.Objects;

/**
 * The CUDA backend: each {@link #bind} uploads the problem to device 0 and returns a handle whose
 * epochs run our kernels. CUDA graphs batch full-batch epochs unless {@code -Dridgeline.cuda.graphs=false}.
 * With {@code -Dridgeline.cuda.checkLaunches=true} the host waits for every kernel and a fault names the
 * kernel that raised it (slower, and without graphs): for diagnosis, not for production.
 */
public final class CudaBackend implements Backend {
    public static final String NAME = "cuda";
    /** System property: wait for each kernel and name it in the error (default false). */
    public static final String CHECK_LAUNCHES_PROPERTY = "ridgeline.cuda.checkLaunches";
    /** How the call of a checked launch is named in a {@link CudaException}. */
    static final String CHECKED_LAUNCH = "kernel ";

    private final boolean useGraphs;
    private final boolean checkLaunches;

    public CudaBackend() {
        this(!"false".equalsIgnoreCase(System.getProperty("ridgeline.cuda.graphs", "true")),
                Boolean.getBoolean(CHECK_LAUNCHES_PROPERTY));
    }

    /** With {@code useGraphs} false, {@link BoundProblem#steps} launches every kernel from the host. */
    public CudaBackend(boolean useGraphs) {
        this(useGraphs, false);
    }

    /**
     * With {@code checkLaunches} true every kernel is launched from the host (no graphs) and waited for, so a
     * kernel's fault is reported by its own launch, naming it, rather than by whichever call comes next.
     */
    public CudaBackend(boolean useGraphs, boolean checkLaunches) {
        this.useGraphs = useGraphs && !checkLaunches;
        this.checkLaunches = checkLaunches;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** One line for reports: how the epochs are launched. */
    @Override
    public String toString() {
        return checkLaunches ? "every kernel launched and waited for" : useGraphs ? "epochs as CUDA graphs"
                : "every kernel launched from the host";
    }

    @Override
    public BoundProblem bind(Problem problem) {
        Objects.requireNonNull(problem, "problem");
        KernelGeometry.checkModels(problem.models());  // a problem no launch can hold is named before the machine
        // The checks Backends.select makes (once per JVM), for a backend made directly: without them a driver too
        // old for the kernels failed at module load with a bare CUDA error code.
        Availability availability = new CudaBackendProvider().availability();
        if (!availability.available()) {
            throw new IllegalStateException("CUDA backend unavailable: " + availability.reason());
        }
        KernelImage image = KernelImage.fromJar().orElseThrow(() -> new IllegalStateException(
                "CUDA kernels not built into this jar (build it with nvcc on the PATH)"));
        return new CudaBoundProblem(problem, image, useGraphs, checkLaunches);
    }
}
