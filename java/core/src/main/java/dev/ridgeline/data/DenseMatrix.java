package dev.ridgeline.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 matrix, row-major, stored as a list of chunks that each hold whole rows.
 *
 * <p>Shape: {@code rows x cols}. Row {@code i} lives in chunk {@code i / rowsPerChunk()} at offset
 * {@code (i % rowsPerChunk()) * cols}. Chunking lets a matrix hold more than 2^31 elements while every
 * row stays contiguous, so backends can stream a chunk as one flat array.
 */
public final class DenseMatrix {
    /** Default chunk size in elements (64 MiB of floats): large enough to stream, small enough to allocate. */
    public static final int DEFAULT_CHUNK_ELEMENTS = 1 << 24;

    private final int rows;
    private final int cols;
    private final int rowsPerChunk;
    private final float[][] chunks;

    private DenseMatrix(int rows, int cols, int chunkElements) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape must be non-negative, got " + rows + " x " + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.rowsPerChunk = rowsPerChunk(cols, chunkElements);
        int chunkCount = chunkCount(rows, rowsPerChunk);
        this.chunks = new float[chunkCount][];
        for (int c = 0; c < chunkCount; c++) {
            int chunkRows = (int) Math.min(rowsPerChunk, rows - (long) c * rowsPerChunk);
            chunks[c] = new float[Math.multiplyExact(chunkRows, cols)];
        }
    }

    /** A matrix over the given chunks, used as they are (no copy). */
    private DenseMatrix(int rows, int cols, int rowsPerChunk, float[][] chunks) {
        this.rows = rows;
        this.cols = cols;
        this.rowsPerChunk = rowsPerChunk;
        this.chunks = chunks;
    }

    /** Whole rows per chunk: as many as fit in {@code chunkElements}, at least one. */
    static int rowsPerChunk(int cols, int chunkElements) {
        return Math.max(1, chunkElements / Math.max(1, cols));
    }

    /** Chunks needed for {@code rows} rows. */
    static int chunkCount(int rows, int rowsPerChunk) {
        return rows == 0 ? 0 : (int) ((rows + (long) rowsPerChunk - 1) / rowsPerChunk);
    }

    /** A zero matrix of the given shape with the default chunk size. */
    public static DenseMatrix zeros(int rows, int cols) {
        return new DenseMatrix(rows, cols, DEFAULT_CHUNK_ELEMENTS);
    }

    /** A zero matrix whose chunks hold at most {@code chunkElements} elements (tests use small chunks). */
    public static DenseMatrix zeros(int rows, int cols, int chunkElements) {
        if (chunkElements < 1) {
            throw new IllegalArgumentException("chunkElements must be positive, got " + chunkElements);
        }
        return new DenseMatrix(rows, cols, chunkElements);
    }

    /**
     * A matrix over the caller's row-major array, not a copy of it: row i is {@code data[i cols, (i + 1) cols)}.
     * For data that is already one float array this saves the copy that {@link #of(float[][])} makes (1 GB at
     * 1,000,000 x 256). The matrix, and every {@code Problem} built on it, read the array itself: it must not
     * change while they are in use (training on an array that changes gives undefined results). One array holds
     * at most about 2^31 floats; larger data goes through {@link #zeros(int, int)} and {@link #chunk(int)}.
     *
     * @throws IllegalArgumentException when the array's length is not rows x cols, or a size is negative
     */
    public static DenseMatrix wrap(float[] data, int rows, int cols) {
        Objects.requireNonNull(data, "data");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape must be non-negative, got " + rows + " x " + cols);
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix has " + (long) rows * cols
                    + " values, but the array holds " + data.length);
        }
        return new DenseMatrix(rows, cols, Math.max(1, rows), rows == 0 ? new float[0][] : new float[][] {data});
    }

    /** Copies a rectangular array of rows; every row must have the same length. */
    public static DenseMatrix of(float[][] data) {
        Objects.requireNonNull(data, "data");
        int cols = data.length == 0 ? 0 : requireRow(data[0], 0).length;
        DenseMatrix m = zeros(data.length, cols);
        for (int i = 0; i < data.length; i++) {
            if (requireRow(data[i], i).length != cols) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + data[i].length + " values, expected " + cols);
            }
            m.setRow(i, data[i]);
        }
        return m;
    }

    /**
     * Copies a rectangular array of double rows, rounding to float32. A finite value beyond float32's range
     * is refused naming it (it would round to an infinity that later errors would name instead); NaN and the
     * infinities are kept as they are.
     */
    public static DenseMatrix of(double[][] data) {
        Objects.requireNonNull(data, "data");
        int cols = data.length == 0 ? 0 : requireRow(data[0], 0).length;
        DenseMatrix m = zeros(data.length, cols);
        float[] row = new float[cols];
        for (int i = 0; i < data.length; i++) {
            if (requireRow(data[i], i).length != cols) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + data[i].length + " values, expected " + cols);
            }
            for (int j = 0; j < cols; j++) {
                row[j] = (float) data[i][j];
                if (Float.isInfinite(row[j]) && Double.isFinite(data[i][j])) {
                    throw new IllegalArgumentException("row " + i + ", column " + j + ": " + data[i][j]
                            + " is beyond the float32 range (magnitudes up to " + Float.MAX_VALUE + ")");
                }
            }
            m.setRow(i, row);
        }
        return m;
    }

    /** A null row fails with a NullPointerException naming it, not an anonymous one. */
    private static <T> T requireRow(T row, int i) {
        if (row == null) {
            throw new NullPointerException("row " + i);
        }
        return row;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of elements, which may exceed {@link Integer#MAX_VALUE}. */
    public long size() {
        return (long) rows * cols;
    }

    /** Rows of every chunk but the last (X is held in chunks of whole rows, so it may pass 2^31 floats). */
    public int rowsPerChunk() {
        return rowsPerChunk;
    }

    /** The number of chunks: at least 1 when there are rows. */
    public int chunkCount() {
        return chunks.length;
    }

    /** The backing array of chunk {@code c}: {@link #chunkRows(int)} rows of {@link #cols()} floats. */
    public float[] chunk(int c) {
        return chunks[chunkIndex(c)];
    }

    /** The index of chunk {@code c}'s first row. */
    public int chunkFirstRow(int c) {
        return c * rowsPerChunk;
    }

    /**
     * Refuses, naming the first by row and column, a value that is not finite: a NaN or an infinity turns every
     * loss and gradient into NaN, where the trainers would then blame the learning rate or call the system
     * singular, and every prediction of its row into NaN or an infinity. Checked by {@code Problem.build()} and by
     * each backend's {@code predict}.
     */
    public void requireFinite() {
        for (int c = 0; c < chunks.length; c++) {
            float[] chunk = chunks[c];
            int used = chunkRows(c) * cols;
            for (int e = 0; e < used; e++) {
                if (!Float.isFinite(chunk[e])) {
                    throw new DataException("row " + (chunkFirstRow(c) + e / cols) + ", column " + e % cols + ": value "
                            + chunk[e] + " is not a finite number");
                }
            }
        }
    }

    /** The rows in chunk {@code c}: {@link #rowsPerChunk()}, fewer in the last. */
    public int chunkRows(int c) {
        return Math.min(rowsPerChunk, rows - chunkIndex(c) * rowsPerChunk);
    }

    /**
     * c itself when the matrix has chunk c; else an IndexOutOfBoundsException naming both (chunk(99) had thrown the
     * JDK's "Index 99 out of bounds for length 1", chunkRows(99) had returned a negative count). Once per chunk.
     */
    private int chunkIndex(int c) {
        if (c < 0 || c >= chunks.length) {
            throw new IndexOutOfBoundsException("chunk " + c + " of a matrix of " + chunks.length
                    + (chunks.length == 1 ? " chunk" : " chunks"));
        }
        return c;
    }

    public float get(int i, int j) {
        checkIndex(i, j);
        return chunks[i / rowsPerChunk][(i % rowsPerChunk) * cols + j];
    }

    public void set(int i, int j, float value) {
        checkIndex(i, j);
        chunks[i / rowsPerChunk][(i % rowsPerChunk) * cols + j] = value;
    }

    /** The array holding row {@code i}; the row starts at {@link #rowOffset(int)}. */
    public float[] rowArray(int i) {
        checkRow(i);
        return chunks[i / rowsPerChunk];
    }

    /** Where row {@code i} starts in {@link #rowArray(int)}: its n values follow. */
    public int rowOffset(int i) {
        checkRow(i);
        return (i % rowsPerChunk) * cols;
    }

    /** Copies row {@code i}'s n values to the start of {@code dst}. */
    public void copyRow(int i, float[] dst) {
        Objects.requireNonNull(dst, "dst");
        if (dst.length < cols) {
            // As setRow says it: the copy had failed inside arraycopy, naming neither the row nor the matrix.
            throw new IllegalArgumentException("the row buffer has " + dst.length + " places, a row has " + cols
                    + " values");
        }
        checkIndex(i, 0);
        System.arraycopy(chunks[i / rowsPerChunk], (i % rowsPerChunk) * cols, dst, 0, cols);
    }

    public void setRow(int i, float[] src) {
        if (src.length != cols) {
            throw new IllegalArgumentException("row has " + src.length + " values, expected " + cols);
        }
        checkIndex(i, 0);
        System.arraycopy(src, 0, chunks[i / rowsPerChunk], (i % rowsPerChunk) * cols, cols);
    }

    /** A new matrix holding the given rows, in the given order. */
    public DenseMatrix selectRows(int[] rowIndices) {
        DenseMatrix out = zeros(rowIndices.length, cols);
        float[] row = new float[cols];
        for (int r = 0; r < rowIndices.length; r++) {
            copyRow(rowIndices[r], row);
            out.setRow(r, row);
        }
        return out;
    }

    /** A deep copy with the default chunk size. */
    public DenseMatrix copy() {
        return selectRows(identity(rows));
    }

    /** Every element as a double[rows][cols] (for small matrices: tests and benchmarks). */
    public double[][] toDoubleArray() {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            float[] a = rowArray(i);
            int off = rowOffset(i);
            for (int j = 0; j < cols; j++) {
                out[i][j] = a[off + j];
            }
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        return idx;
    }

    /** Row i must exist; a matrix of 0 columns still has its rows. */
    private void checkRow(int i) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " outside " + rows + " x " + cols + " matrix");
        }
    }

    private void checkIndex(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException(
                    "index (" + i + ", " + j + ") outside " + rows + " x " + cols + " matrix");
        }
    }
}
