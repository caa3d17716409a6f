package dev.ridgeline.cli;

import java.util.Arrays;

/** Doubles appended a chunk at a time (8 bytes a row, where the rows' text and frames are not kept). */
final class GrowingDoubles {
    private double[] values = new double[1024];
    private int size;

    void addAll(double[] more) {
        if (size + more.length > values.length) {
            values = Arrays.copyOf(values, Math.max(size + more.length, values.length + (values.length >> 1)));
        }
        System.arraycopy(more, 0, values, size, more.length);
        size += more.length;
    }

    void addAll(float[] more) {
        double[] wide = new double[more.length];
        for (int i = 0; i < more.length; i++) {
            wide[i] = more[i];
        }
        addAll(wide);
    }

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /** As float32 (exact for values added from floats). */
    float[] toFloats() {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
