package dev.ridgeline.engine.cuda;

import static jcuda.driver.JCudaDriver.cuGraphDestroy;
import static jcuda.driver.JCudaDriver.cuGraphExecDestroy;
import static jcuda.driver.JCudaDriver.cuGraphInstantiate;
import static jcuda.driver.JCudaDriver.cuGraphLaunch;
import static jcuda.driver.JCudaDriver.cuStreamBeginCapture;
import static jcuda.driver.JCudaDriver.cuStreamEndCapture;

import jcuda.driver.CUgraph;
import jcuda.driver.CUgraphExec;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.CUstreamCaptureMode;

/**
 * Several full-batch epochs captured once as a CUDA graph, so that small problems pay one host launch
 * per {@link #epochs()} epochs instead of one per kernel. The kernels read the learning rates from a
 * device buffer, so the graph stays valid when they change; momentum and Nesterov are baked in.
 */
final class EpochGraph implements AutoCloseable {
    private final CUgraph graph;
    private final CUgraphExec exec;
    private final int epochs;
    private final double momentum;
    private final boolean nesterov;
    private boolean live = true;

    private EpochGraph(CUgraph graph, CUgraphExec exec, int epochs, double momentum, boolean nesterov) {
        this.graph = graph;
        this.exec = exec;
        this.epochs = epochs;
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    /** Captures {@code epochs} calls of {@code enqueueEpoch} on the stream into one graph. */
    static EpochGraph capture(CUstream stream, int epochs, double momentum, boolean nesterov, Runnable enqueueEpoch) {
        CudaException.check("cuStreamBeginCapture", cuStreamBeginCapture(stream,
                CUstreamCaptureMode.CU_STREAM_CAPTURE_MODE_THREAD_LOCAL));
        CUgraph graph = new CUgraph();
        try {
            for (int e = 0; e < epochs; e++) {
                enqueueEpoch.run();
            }
        } catch (Throwable failure) {
            // End the capture even when a launch failed, so the stream is usable again; the launch's
            // error is the one to report.
            endFailedCapture(failure, cuStreamEndCapture(stream, graph), () -> cuGraphDestroy(graph));
            throw failure;
        }
        CudaException.check("cuStreamEndCapture", cuStreamEndCapture(stream, graph));
        CUgraphExec exec = new CUgraphExec();
        int instantiated = cuGraphInstantiate(exec, graph, 0);
        if (instantiated != 0) {
            cuGraphDestroy(graph);
            CudaException.check("cuGraphInstantiate", instantiated);
        }
        return new EpochGraph(graph, exec, epochs, momentum, nesterov);
    }

    /**
     * After a launch failed during the capture and cuStreamEndCapture returned {@code ended}: destroys
     * the partial graph the capture returned, or, when ending failed too, adds that failure to the
     * launch's as suppressed (it returns no graph then).
     */
    static void endFailedCapture(Throwable failure, int ended, Runnable destroyGraph) {
        if (ended == CUresult.CUDA_SUCCESS) {
            destroyGraph.run();
        } else {
            failure.addSuppressed(new CudaException("cuStreamEndCapture", ended));
        }
    }

    boolean matches(double mu, boolean nest) {
        return live && mu == momentum && nest == nesterov;
    }

    int epochs() {
        return epochs;
    }

    void launch(CUstream stream) {
        CudaException.check("cuGraphLaunch", cuGraphLaunch(exec, stream));
    }

    @Override
    public void close() {
        if (live) {
            live = false;
            int a = cuGraphExecDestroy(exec);
            int b = cuGraphDestroy(graph);
            CudaException.check("cuGraphExecDestroy", a);
            CudaException.check("cuGraphDestroy", b);
        }
    }
}
