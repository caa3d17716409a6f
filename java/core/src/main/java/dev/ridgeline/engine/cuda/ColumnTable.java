package dev.ridgeline.engine.cuda;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Distinct columns (targets or weights) of a batch of models, so that a column shared by several
 * models (the same array) is uploaded once. Model k reads column {@code index(k)}; -1 means "no column"
 * (unit weights).
 */
final class ColumnTable {
    private final List<float[]> columns = new ArrayList<>();
    private final int[] index;

    /** One entry per model; null entries map to -1. */
    ColumnTable(float[][] perModel) {
        Map<float[], Integer> seen = new IdentityHashMap<>();
        index = new int[perModel.length];
        for (int k = 0; k < perModel.length; k++) {
            float[] c = perModel[k];
            if (c == null) {
                index[k] = -1;
                continue;
            }
            Integer at = seen.get(c);
            if (at == null) {
                at = columns.size();
                seen.put(c, at);
                columns.add(c);
            }
            index[k] = at;
        }
    }

    List<float[]> columns() {
        return columns;
    }

    int size() {
        return columns.size();
    }

    int[] indices() {
        return index.clone();
    }
}
