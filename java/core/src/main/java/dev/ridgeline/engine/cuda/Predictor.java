package dev.ridgeline.engine.cuda;

import dev.ridgeline.data.DenseMatrix;
import jcuda.driver.CUstream;

/**
 * Predictions on new rows: X' (rows, n) is uploaded to a temporary buffer, ridge_predict writes
 * (K, rows) doubles, both buffers are freed before returning (also when a call fails).
 */
final class Predictor {
    private final CudaContext ctx;
    private final EpochLauncher launcher;

    Predictor(CudaContext ctx, EpochLauncher launcher) {
        this.ctx = ctx;
        this.launcher = launcher;
    }

    /** Shapes: x (rows, n) float, packed (K rows) double, model k at k rows; returns (K, rows), K = models. */
    double[][] predict(DenseMatrix x, int models) {
        long rows = x.rows();
        long outCount = models * rows;
        if (outCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(models + " models x " + rows + " rows of predictions do not fit one array");
        }
        MemoryPlan plan = new MemoryPlan();
        plan.add("rows to predict", rows * x.cols() * 4L);
        plan.add("predictions", outCount * 8);
        plan.checkFits(ctx.freeBytes(), ctx.deviceName());
        double[] packed = new double[(int) outCount];
        CUstream stream = ctx.stream();
        try (DeviceBuffer xs = DeviceBuffer.allocateOn("rows to predict", rows * x.cols() * 4L, stream);
             DeviceBuffer out = DeviceBuffer.allocateOn("predictions", outCount * 8, stream)) {
            long offset = 0;
            for (int c = 0; c < x.chunkCount(); c++) {
                int floats = x.chunkRows(c) * x.cols();
                xs.upload(x.chunk(c), floats, offset, ctx.stream());
                offset += floats * 4L;
            }
            if (rows > 0) {
                launcher.enqueuePredict(xs, rows, out, ctx.multiprocessors());
            }
            out.download(packed, ctx.stream());
        }
        double[][] result = new double[models][(int) rows];
        for (int k = 0; k < models; k++) {
            System.arraycopy(packed, (int) (k * rows), result[k], 0, (int) rows);
        }
        return result;
    }
}
