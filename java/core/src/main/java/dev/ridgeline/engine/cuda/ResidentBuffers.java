package dev.ridgeline.engine.cuda;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUstream;

/**
 * Every device allocation of a bound problem, uploaded once at bind. Shapes: X (m, n) float; targets
 * (ny, m) and weights (nw, m) float (distinct columns only); ycol, wcol (K) int; scales (K) double;
 * paramsD, velocity, gradOut (K, n + 1) double; paramsF (K, n + 1) float; gradPartial (B, K, n + 1) and
 * lossPartial (B, K) float; statPartial (K, reduceGridX, 2) double; stats (K, 2) double.
 * Allocation is all or nothing: on a failure everything allocated so far is freed.
 */
final class ResidentBuffers implements AutoCloseable {
    private final List<DeviceBuffer> all = new ArrayList<>();
    final DeviceBuffer x;
    final DeviceBuffer targets;
    final DeviceBuffer weights;
    final DeviceBuffer targetColumn;
    final DeviceBuffer weightColumn;
    final DeviceBuffer fullDataScale;
    final DeviceBuffer batchDataScale;
    final DeviceBuffer l2Scale;
    final DeviceBuffer alpha;
    final DeviceBuffer paramsD;
    final DeviceBuffer paramsF;
    final DeviceBuffer velocity;
    final DeviceBuffer gradOut;
    final DeviceBuffer gradPartial;
    final DeviceBuffer lossPartial;
    final DeviceBuffer statPartial;
    final DeviceBuffer counter;
    final DeviceBuffer stats;
    final DeviceBuffer evalStats;
    final DeviceBuffer lossOut;
    final DeviceBuffer batchRows;
    final DeviceBuffer wideResiduals;

    /** How a buffer comes to be: {@link DeviceBuffer#allocate} on a device. */
    interface Allocator {
        DeviceBuffer allocate(String name, long bytes);
    }

    private final Allocator allocator;

    ResidentBuffers(Problem p, ColumnTable ys, ColumnTable ws, LaunchPlan plan, Allocator allocator) {
        this.allocator = allocator;
        long m = p.rows();
        int k = p.models();
        long params = (long) k * (p.features() + 1);
        try {
            x = add("X", m * p.features() * 4L);
            targets = add("targets", ys.size() * m * 4L);
            weights = add("weights", ws.size() * m * 4L);
            targetColumn = add("target columns", k * 4L);
            weightColumn = add("weight columns", k * 4L);
            fullDataScale = add("1/W", k * 8L);
            batchDataScale = add("m/(bW)", k * 8L);
            l2Scale = add("lambda/W", k * 8L);
            alpha = add("learning rates", k * 8L);
            paramsD = add("parameters", params * 8);
            paramsF = add("parameters (float)", params * 4);
            velocity = add("velocity", params * 8);
            gradOut = add("gradient", params * 8);
            gradPartial = add("gradient partials", plan.gradientPartialBlocks() * params * 4);
            lossPartial = add("loss partials", plan.lossPartialBlocks() * k * 4L);
            statPartial = add("norm partials", (long) k * plan.reduceGridX() * 2 * 8);
            counter = add("block counter", 4);
            stats = add("pass statistics", k * 2L * 8);
            evalStats = add("evaluation statistics", k * 2L * 8);
            lossOut = add("loss", k * 8L);
            batchRows = add("batch rows", m * 4L);
            wideResiduals = plan.narrow() ? null : add("wide residuals", k * m * 4L);
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);  // the allocation's failure is the one to report
            }
            throw e;
        }
    }

    private DeviceBuffer add(String name, long bytes) {
        DeviceBuffer b = allocator.allocate(name, bytes);
        all.add(b);
        return b;
    }

    /** Uploads X chunk by chunk (chunks hold consecutive whole rows) and the distinct columns. */
    void uploadData(Problem p, ColumnTable ys, ColumnTable ws, CUstream stream) {
        DenseMatrix matrix = p.x();
        long offset = 0;
        for (int c = 0; c < matrix.chunkCount(); c++) {
            int floats = matrix.chunkRows(c) * matrix.cols();
            x.upload(matrix.chunk(c), floats, offset, stream);
            offset += floats * 4L;
        }
        uploadColumns(targets, ys, p.rows(), stream);
        uploadColumns(weights, ws, p.rows(), stream);
        targetColumn.upload(ys.indices(), 0, p.models(), stream);
        weightColumn.upload(ws.indices(), 0, p.models(), stream);
    }

    private static void uploadColumns(DeviceBuffer into, ColumnTable table, long m, CUstream stream) {
        for (int c = 0; c < table.size(); c++) {
            float[] column = table.columns().get(c);
            into.upload(column, column.length, c * m * 4L, stream);
        }
    }

    /** Frees every allocation, newest first; reports the first failure after trying them all. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        all.clear();
        if (first != null) {
            throw first;
        }
    }
}
