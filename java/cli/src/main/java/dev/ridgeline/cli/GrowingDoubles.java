package dev.ridgeline.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Doubles appended a chunk at a time (8 bytes a row, where the rows' text and frames are not kept), held in
 * blocks of {@value #BLOCK} values: growing adds a block and never copies what is held, and the values are read
 * where they are. One array grown by half again had held its old and new copies together, and a trimmed copy at
 * the end its last two: {@code predict} on 10,000,000 rows peaked at about 2.5 times the 80 MB it kept.
 */
final class GrowingDoubles {
    /** Values per block: 128 KiB, so a few rows waste little and 10,000,000 take 611 blocks. */
    static final int BLOCK = 1 << 14;

    private final List<double[]> blocks = new ArrayList<>();
    private int size;

    void addAll(double[] more) {
        if (more.length > Integer.MAX_VALUE - size) {
            throw new IllegalStateException("more than " + Integer.MAX_VALUE + " values to hold");
        }
        int from = 0;
        while (from < more.length) {
            int at = size % BLOCK;
            if (at == 0) {
                blocks.add(new double[BLOCK]);
            }
            int n = Math.min(BLOCK - at, more.length - from);
            System.arraycopy(more, from, blocks.get(blocks.size() - 1), at, n);
            from += n;
            size += n;
        }
    }

    void addAll(float[] more) {
        double[] wide = new double[more.length];
        for (int i = 0; i < more.length; i++) {
            wide[i] = more[i];
        }
        addAll(wide);
    }

    /** How many values have been added. */
    int size() {
        return size;
    }

    /** Value {@code i} (0-based, below {@link #size}). */
    double get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("value " + i + " of " + size);
        }
        return blocks.get(i / BLOCK)[i % BLOCK];
    }

    /** The values as one array: a copy, for callers that need an array (8 bytes a value more while both live). */
    double[] toArray() {
        double[] out = new double[size];
        for (int b = 0, from = 0; from < size; b++, from += BLOCK) {
            System.arraycopy(blocks.get(b), 0, out, from, Math.min(BLOCK, size - from));
        }
        return out;
    }

    /** As float32 (exact for values added from floats). */
    float[] toFloats() {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) get(i);
        }
        return out;
    }
}
