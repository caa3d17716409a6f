package dev.ridgeline.engine.java;

import dev.ridgeline.data.DenseMatrix;

/**
 * A copy of X laid out for {@link PanelPassKernel}: rows in panels of L (the float lanes), each panel
 * stored column by column, so that column j of a panel is one vector x[r .. r + L, j].
 *
 * <p>Shapes: a panel is (L, n) stored as n vectors of L floats; four panels make a group of G = 4 L rows.
 * Only whole groups are copied: rows [0, groups G). Group g sits in chunk g / groupsPerChunk at offset
 * (g % groupsPerChunk) 4 n L; its panel q at + q n L; column j of that panel at + j L.
 */
final class PanelMatrix {
    /** Panels per group: the kernel's loops take four panels at once. */
    static final int PANELS = 4;
    /** Rows per panel: one float vector. */
    static final int LANES = GroupLoops.LANES;
    /** Rows per group. */
    static final int GROUP_ROWS = PANELS * LANES;
    /** Floats per chunk at most, as {@link DenseMatrix}'s default: arrays well below 2^31 elements. */
    private static final int CHUNK_ELEMENTS = 1 << 24;

    private final int n;
    private final int groups;
    private final int groupsPerChunk;
    private final float[][] chunks;

    private PanelMatrix(int n, int groups) {
        this.n = n;
        this.groups = groups;
        this.groupsPerChunk = Math.max(1, CHUNK_ELEMENTS / (GROUP_ROWS * n));
        int count = (groups + groupsPerChunk - 1) / groupsPerChunk;
        this.chunks = new float[count][];
        for (int c = 0; c < count; c++) {
            int inChunk = Math.min(groupsPerChunk, groups - c * groupsPerChunk);
            chunks[c] = new float[inChunk * GROUP_ROWS * n];
        }
    }

    /** Whole groups in a matrix of {@code rows} rows. */
    static int groupsOf(int rows) {
        return rows / GROUP_ROWS;
    }

    /** Bytes the copy of an (rows, cols) matrix takes. */
    static long bytes(int rows, int cols) {
        return 4L * groupsOf(rows) * GROUP_ROWS * cols;
    }

    /**
     * {@link #copyOf}, or null with one warning when the heap has no room for the copy (the caller then
     * keeps to the row kernel, which needs no copy).
     */
    static PanelMatrix copyIfRoom(DenseMatrix x, BlockExecutor executor) {
        long need = bytes(x.rows(), x.cols());
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if ((long) GROUP_ROWS * x.cols() <= CHUNK_ELEMENTS * 8L && need <= free - rt.maxMemory() / 8) {
            try {
                return copyOf(x, executor);
            } catch (OutOfMemoryError e) {
                // reported below; the failed allocation left nothing behind
            }
        }
        System.getLogger(PanelMatrix.class.getName()).log(System.Logger.Level.WARNING,
                "java-vector: no room on the heap for the panel copy of X (" + (need >> 20) + " MiB, about "
                        + (free >> 20) + " MiB free); full-batch passes use the row kernel, which is slower for"
                        + " several models. A larger -Xmx makes room.");
        return null;
    }

    /** Copies the whole groups of x, one chunk per task on the executor's threads. */
    static PanelMatrix copyOf(DenseMatrix x, BlockExecutor executor) {
        PanelMatrix p = new PanelMatrix(x.cols(), groupsOf(x.rows()));
        executor.run(p.chunks.length, (c, worker) -> p.fillChunk(x, c));
        return p;
    }

    /** Rows covered by the copy: groups() G. */
    int rows() {
        return groups * GROUP_ROWS;
    }

    int groups() {
        return groups;
    }

    /** The array holding group g. */
    float[] array(int g) {
        return chunks[g / groupsPerChunk];
    }

    /** Where group g starts in {@link #array(int)}. */
    int offset(int g) {
        return (g % groupsPerChunk) * GROUP_ROWS * n;
    }

    /** Transposes the rows of chunk c's groups, one row at a time (reads along the row, writes every L-th float). */
    private void fillChunk(DenseMatrix x, int c) {
        int first = c * groupsPerChunk;
        int last = Math.min(groups, first + groupsPerChunk);
        float[] dst = chunks[c];
        for (int g = first; g < last; g++) {
            int base = offset(g);
            for (int r = 0; r < GROUP_ROWS; r++) {
                int i = g * GROUP_ROWS + r;
                float[] src = x.rowArray(i);
                int s = x.rowOffset(i);
                int d = base + (r / LANES) * n * LANES + r % LANES;
                for (int j = 0; j < n; j++) {
                    dst[d + j * LANES] = src[s + j];
                }
            }
        }
    }
}
