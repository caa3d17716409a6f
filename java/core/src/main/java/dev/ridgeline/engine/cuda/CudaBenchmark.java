package dev.ridgeline.engine.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;

import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.StepRule;
import jcuda.driver.CUevent;
import jcuda.driver.CUstream;

/**
 * Times full-batch epochs of a bound problem and a device-to-device copy in the same run, for the
 * self-check. Effective bandwidth = the size of X (rows x features x 4 bytes) / epoch time, as the JMH suite
 * counts it, whatever the kernels read (the wide path reads X twice: {@code bytesPerEpoch}); the copy moves
 * 2 x bytes (read + write), as a device-to-device copy's bandwidth is usually counted.
 */
public final class CudaBenchmark {
    /**
     * @param epochSeconds device time per epoch (CUDA events)
     * @param wallSeconds host wall time per epoch, amortised over the epochs of one steps() call
     * @param bytesPerEpoch bytes of X one epoch reads (the wide path reads X twice)
     * @param copyGBps device-to-device copy bandwidth, read + write
     */
    public record Result(String device, String path, long rows, int features, int models, int epochs,
                         double epochSeconds, double wallSeconds, long bytesPerEpoch, double copyGBps) {
        public double effectiveGBps() {
            return rows * (double) features * 4 / epochSeconds / 1e9;
        }
    }

    private CudaBenchmark() {
    }

    /**
     * Prints one line per shape ("ridgeline SHAPE ..." and "copy ...", the lines native/gpu-check.sh collects
     * beside a PyTorch peer's), K models (default 1) on one X, random data:
     * {@code CudaBenchmark ROWSxCOLS[,ROWSxCOLS...] [EPOCHS] [graphs|nographs] [MODELS]}.
     */
    public static void main(String[] args) {
        String shapes = args.length > 0 ? args[0] : "4194304x64,1048576x256,262144x1024,65536x4096";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        boolean graphs = args.length < 3 || !args[2].equals("nographs");
        int models = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        var availability = new CudaBackendProvider().availability();
        if (!availability.available()) {
            System.out.println("ridgeline cuda unavailable: " + availability.reason());
            System.exit(1);
        }
        for (String shape : shapes.split(",")) {
            String[] mn = shape.trim().split("x");
            int m = Integer.parseInt(mn[0]);
            int n = Integer.parseInt(mn[1]);
            Result r = measure(randomProblem(m, n, models), epochs, graphs);
            System.out.printf(java.util.Locale.ROOT, "ridgeline device=%s shape=%dx%d models=%d epochs=%d graphs=%s"
                    + " path=[%s] epoch_ms=%.4f wall_us_per_epoch=%.2f effective_GBps=%.1f copy_GBps=%.1f"
                    + " fraction_of_copy=%.3f%n", r.device(), m, n, models, epochs, graphs, r.path(),
                    r.epochSeconds() * 1e3, r.wallSeconds() * 1e6, r.effectiveGBps(), r.copyGBps(),
                    r.effectiveGBps() / r.copyGBps());
        }
    }

    /**
     * X (m, n) uniform in [-1, 1), y = the first feature + the last + noise; {@code models} models on that
     * target with lambda 1, 2, 3, ...
     */
    static Problem randomProblem(int m, int n, int models) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        dev.ridgeline.data.DenseMatrix x = dev.ridgeline.data.DenseMatrix.zeros(m, n);
        float[] y = new float[m];
        for (int c = 0; c < x.chunkCount(); c++) {
            float[] chunk = x.chunk(c);
            for (int e = 0; e < chunk.length; e++) {
                chunk[e] = (float) (2 * rng.nextDouble() - 1);
            }
        }
        for (int i = 0; i < m; i++) {
            y[i] = x.get(i, 0) + x.get(i, n - 1) + (float) (0.1 * rng.nextDouble());
        }
        Problem.Builder builder = Problem.builder(x);
        for (int k = 0; k < models; k++) {
            builder.model(y, null, 1.0 + k);
        }
        return builder.build();
    }

    /** Binds the problem, runs warm-up epochs, then times {@code epochs} epochs in one steps() call. */
    public static Result measure(Problem problem, int epochs, boolean useGraphs) {
        StepRule rule = StepRule.plain(problem.models(), 1e-6);
        try (CudaBoundProblem bound = new CudaBoundProblem(problem, KernelImage.fromJar().orElseThrow(), useGraphs, false)) {
            CudaContext ctx = bound.context();
            // The bound problem gives the thread back its context after each call; the timing's own driver calls
            // (events, the copy) need the problem's.
            jcuda.driver.CUcontext previous = ctx.enter();
            try {
                bound.steps(rule, 2 * CudaBoundProblem.GRAPH_EPOCHS);
                ctx.synchronize();
                long start = System.nanoTime();
                double device = timed(ctx.stream(), () -> bound.steps(rule, epochs));
                double wall = (System.nanoTime() - start) / 1e9;
                long copyBytes = Math.max(64L << 20, Math.min(2L << 30, problem.rows() * (long) problem.features() * 4));
                double copy = copyBandwidth(ctx, copyBytes);
                return new Result(ctx.deviceName(), bound.path(), problem.rows(), problem.features(), problem.models(),
                        epochs, device / epochs, wall / epochs, bound.plan().bytesReadPerEpoch(), copy);
            } finally {
                CudaContext.restore(previous);
            }
        }
    }

    /** GB/s of cuMemcpyDtoDAsync between two buffers of {@code bytes}, counting read + write. */
    static double copyBandwidth(CudaContext ctx, long bytes) {
        MemoryPlan plan = new MemoryPlan();
        plan.add("copy source", bytes);
        plan.add("copy target", bytes);
        plan.checkFits(ctx.freeBytes(), ctx.deviceName());
        try (DeviceBuffer a = DeviceBuffer.allocateOn("copy source", bytes, ctx.stream());
             DeviceBuffer b = DeviceBuffer.allocateOn("copy target", bytes, ctx.stream())) {
            Runnable copy = () -> CudaException.check("cuMemcpyDtoDAsync",
                    cuMemcpyDtoDAsync(b.pointer(), a.pointer(), bytes, ctx.stream()));
            copy.run();
            int reps = 10;
            double seconds = timed(ctx.stream(), () -> {
                for (int r = 0; r < reps; r++) {
                    copy.run();
                }
            });
            return 2.0 * bytes * reps / seconds / 1e9;
        }
    }

    /** Seconds between events recorded before and after {@code work} on the stream. */
    private static double timed(CUstream stream, Runnable work) {
        CUevent start = new CUevent();
        CUevent stop = new CUevent();
        CudaException.check("cuEventCreate", cuEventCreate(start, 0));
        try {
            CudaException.check("cuEventCreate", cuEventCreate(stop, 0));
            try {
                CudaException.check("cuEventRecord", cuEventRecord(start, stream));
                work.run();
                CudaException.check("cuEventRecord", cuEventRecord(stop, stream));
                CudaException.check("cuEventSynchronize", cuEventSynchronize(stop));
                float[] ms = {0};
                CudaException.check("cuEventElapsedTime", cuEventElapsedTime(ms, start, stop));
                return ms[0] / 1e3;
            } finally {
                cuEventDestroy(stop);
            }
        } finally {
            cuEventDestroy(start);
        }
    }
}
