package dev.ridgeline.bench;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.java.VectorBackend;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The practical memory limit: sum every float of X once, SIMD, four streams per slice, on the epochs' threads
 * (a parallel stream over row slices in {@link EpochThreads}). An epoch cannot read X faster than this.
 */
public final class StreamingRead {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int SLICE_ELEMENTS = 1 << 18;

    private StreamingRead() {
    }

    /**
     * Rows per slice: about 1 MiB of X, but no more than an equal share of the rows per thread, so that a
     * small X (4,096 x 64 is one such slice) still spreads over every thread the epochs use.
     */
    static int rowsPerSlice(int rows, int cols, int threads) {
        int share = (int) Math.min(Integer.MAX_VALUE, ((long) rows + threads - 1) / threads);
        return Math.max(1, Math.min(SLICE_ELEMENTS / cols, share));
    }

    /** The number of slices of {@link #rowsPerSlice} rows. */
    static int slices(int rows, int rowsPerSlice) {
        return (rows + rowsPerSlice - 1) / rowsPerSlice;
    }

    /** Sum of all elements of X (m, n), in slices of at most 1 MiB, at least one per processor, run in parallel. */
    public static double sum(DenseMatrix x) {
        int rowsPerSlice = rowsPerSlice(x.rows(), x.cols(), VectorBackend.defaultThreads());
        int slices = slices(x.rows(), rowsPerSlice);
        return EpochThreads.run(() -> IntStream.range(0, slices).parallel().mapToDouble(s -> {
            int from = s * rowsPerSlice;
            int to = Math.min(x.rows(), from + rowsPerSlice);
            double total = 0;
            int i = from;
            while (i < to) {
                // Rows [i, end) are contiguous in one chunk.
                int chunk = i / x.rowsPerChunk();
                int end = Math.min(to, x.chunkFirstRow(chunk) + x.chunkRows(chunk));
                total += sumRange(x.chunk(chunk), x.rowOffset(i), (end - i) * x.cols());
                i = end;
            }
            return total;
        }).sum());
    }

    /**
     * Sum of a[from .. from + length), read as four forward streams a quarter of the range apart. The
     * epoch kernel reads X the same way, and four streams per core keep more memory reads in flight than
     * one: a single stream would understate what memory delivers and flatter every ratio against it.
     */
    static double sumRange(float[] a, int from, int length) {
        int lanes = SPECIES.length();
        int quarter = length / 4 / lanes * lanes;
        int q1 = from + quarter;
        int q2 = from + 2 * quarter;
        int q3 = from + 3 * quarter;
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        for (int e = 0; e < quarter; e += lanes) {
            s0 = s0.add(FloatVector.fromArray(SPECIES, a, from + e));
            s1 = s1.add(FloatVector.fromArray(SPECIES, a, q1 + e));
            s2 = s2.add(FloatVector.fromArray(SPECIES, a, q2 + e));
            s3 = s3.add(FloatVector.fromArray(SPECIES, a, q3 + e));
        }
        double total = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (int e = from + 4 * quarter; e < from + length; e++) {
            total += a[e];
        }
        return total;
    }
}
