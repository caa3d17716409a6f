package dev.ridgeline.engine.cuda;

import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;

/**
 * The CUDA backend: each {@link #bind} uploads the problem to device 0 and returns a handle whose
 * epochs run our kernels. CUDA graphs batch full-batch epochs unless {@code -Dridgeline.cuda.graphs=false}.
 */
public final class CudaBackend implements Backend {
    public static final String NAME = "cuda";

    private final boolean useGraphs;

    public CudaBackend() {
        this(!"false".equalsIgnoreCase(System.getProperty("ridgeline.cuda.graphs", "true")));
    }

    /** With {@code useGraphs} false, {@link BoundProblem#steps} launches every kernel from the host. */
    public CudaBackend(boolean useGraphs) {
        this.useGraphs = useGraphs;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BoundProblem bind(Problem problem) {
        KernelImage image = KernelImage.fromJar().orElseThrow(() -> new IllegalStateException(
                "CUDA kernels not built into this jar (build it with nvcc on the PATH)"));
        return new CudaBoundProblem(problem, image, useGraphs);
    }
}
