package dev.ridgeline.engine.java;

import dev.ridgeline.data.DenseMatrix;

/**
 * A copy of X laid out for {@link PanelPassKernel}: rows in panels of L (the float lanes), each panel
 * stored column by column, so that column j of a panel is one vector x[r .. r + L, j].
 *
 * <p>Shapes: a panel is (L, n) stored as n vectors of L floats, one array per panel; four panels make a
 * group of G = 4 L rows. Only whole groups are copied: rows [0, groups G). One array per panel lets a
 * loop over four panels address them all with one index (no offset arithmetic per stream).
 */
final class PanelMatrix {
    /** Panels per group: the kernel's loops take four panels at once. */
    static final int PANELS = 4;
    /** Rows per panel: one float vector. */
    static final int LANES = GroupLoops.LANES;
    /** Rows per group. */
    static final int GROUP_ROWS = PANELS * LANES;
    /** Features at most: a panel is one array of n L floats. */
    static final int MAX_FEATURES = (Integer.MAX_VALUE - 64) / LANES;

    private final int n;
    private final float[][] panels;

    private PanelMatrix(int n, float[][] panels) {
        this.n = n;
        this.panels = panels;
    }

    /** Whole groups in a matrix of {@code rows} rows. */
    static int groupsOf(int rows) {
        return rows / GROUP_ROWS;
    }

    /** Bytes the copy of an (rows, cols) matrix takes (array headers aside). */
    static long bytes(int rows, int cols) {
        return 4L * groupsOf(rows) * GROUP_ROWS * cols;
    }

    /**
     * {@link #copyOf}, or null with one warning when the heap has no room for the copy (the caller then
     * keeps to the row kernel, which needs no copy). Room means that after the copy at least {@link #reserve}
     * stays free. Copies decide and copy one at a time, in the JVM: concurrent fits on a large X had each seen
     * room for one copy and all begun one, and the rest of the service ran out of heap. Another fit's first
     * full-batch pass waits for the copy in progress, once per bind.
     */
    static PanelMatrix copyIfRoom(DenseMatrix x, BlockExecutor executor) {
        synchronized (PanelMatrix.class) {
            Runtime rt = Runtime.getRuntime();
            long need = bytes(x.rows(), x.cols());
            if (x.cols() <= MAX_FEATURES && need > free(rt) - reserve(need, rt.maxMemory())) {
                // The heap's use counts garbage not yet collected (after reading a large file, most of it): collect
                // once before deciding, rather than train without the copy for want of room that is there.
                System.gc();
            }
            return copyIfRoom(x, executor, free(rt), rt.maxMemory());
        }
    }

    /** Heap bytes not in use, garbage counted as in use. */
    private static long free(Runtime rt) {
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Heap bytes a copy of {@code need} bytes leaves free for the rest of the JVM: an eighth of the heap, or
     * four times the copy where that is less. A fixed eighth had refused (and collected the heap for) a 15 KiB
     * copy with 244 MiB free in a 2 GiB heap, at every fit of a service whose heap held 1.8 GiB of its own.
     */
    static long reserve(long need, long max) {
        return Math.min(max / 8, 4 * need);
    }

    /**
     * {@link #copyIfRoom(DenseMatrix, BlockExecutor)} for a heap of {@code max} bytes with {@code free} free. An
     * OutOfMemoryError of the copy, on this thread or a worker (the executor hands a worker's Error to this
     * thread once every worker is done), leaves nothing reachable and is reported as no room.
     */
    static PanelMatrix copyIfRoom(DenseMatrix x, BlockExecutor executor, long free, long max) {
        long need = bytes(x.rows(), x.cols());
        if (x.cols() <= MAX_FEATURES && need <= free - reserve(need, max)) {
            try {
                return copyOf(x, executor);
            } catch (OutOfMemoryError e) {
                // reported below
            }
        }
        System.getLogger(PanelMatrix.class.getName()).log(System.Logger.Level.WARNING,
                "java-vector: no room on the heap for the panel copy of X: it takes " + size(need) + ", about "
                        + size(Math.max(0, free)) + " are free, and " + size(reserve(need, max)) + " must stay free"
                        + " beside it for the rest of the JVM; full-batch passes use the row kernel, which is slower"
                        + " for several models. A larger -Xmx makes room.");
        return null;
    }

    /** Bytes as KiB or MiB, for the warning. */
    static String size(long bytes) {
        return bytes < (1 << 20) ? (bytes >> 10) + " KiB" : (bytes >> 20) + " MiB";
    }

    /**
     * Copies the whole groups of x, in {@link #COPY_TASKS} tasks on the executor's threads, each allocating the
     * panels it fills: the allocation's zeroing runs in parallel too. Allocated on the calling thread, the bind
     * and first step had taken 114 / 104 / 130 and 133 / 134 / 130 ms at 1,000,000 x 64 / 250,000 x 256 / 65,536 x
     * 1,024, against 74 / 75 / 109 and 72 / 80 / 91 ms this way (VectorBindBenchmark, one fork of 8 + 8 shots,
     * alternated twice, Intel host, 2026-12-07). Shapes: x (m, n); the copy 4 groupsOf(m) panels, each (L, n)
     * stored column by column.
     */
    static PanelMatrix copyOf(DenseMatrix x, BlockExecutor executor) {
        float[][] panels = new float[groupsOf(x.rows()) * PANELS][];
        PanelMatrix p = new PanelMatrix(x.cols(), panels);
        int count = panels.length;
        int tasks = Math.min(COPY_TASKS, count);
        executor.run(tasks, (t, worker) -> {
            for (int q = (int) ((long) count * t / tasks); q < (long) count * (t + 1) / tasks; q++) {
                float[] panel = new float[PanelLoops.FIRST + x.cols() * LANES];
                p.transpose(x, q, panel);
                panels[q] = panel;
            }
        });
        return p;
    }

    private static final int COPY_TASKS = 64;

    /** Rows covered by the copy: whole groups. */
    int rows() {
        return panels.length * LANES;
    }

    /** Panel q: rows q L .. q L + L, column j at [F + j L, F + j L + L), F = {@link PanelLoops#FIRST}. */
    float[] panel(int q) {
        return panels[q];
    }

    /**
     * Rows q L .. q L + L of x, column by column, into dst. Shapes: x (m, n); dst F + n L floats, column j at
     * [F + j L, F + j L + L), F = {@link PanelLoops#FIRST}.
     */
    private void transpose(DenseMatrix x, int q, float[] dst) {
        for (int l = 0; l < LANES; l++) {
            int i = q * LANES + l;
            float[] src = x.rowArray(i);
            int s = x.rowOffset(i);
            for (int j = 0; j < n; j++) {
                dst[PanelLoops.FIRST + j * LANES + l] = src[s + j];
            }
        }
    }
}
