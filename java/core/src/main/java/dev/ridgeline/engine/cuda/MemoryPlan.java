package dev.ridgeline.engine.cuda;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The device memory a bound problem needs, item by item, checked against the free memory before
 * anything is allocated so that too large a dataset is refused with a clear message, not a crash.
 */
final class MemoryPlan {
    /** Kept free for the driver, the module and allocator rounding. */
    static final long RESERVE_BYTES = 64L << 20;

    private final Map<String, Long> items = new LinkedHashMap<>();

    /**
     * The buffers of a bind, every one {@link ResidentBuffers} allocates: X (m, n) float; targetColumns and
     * weightColumns of m floats; parameters, velocity and gradient (K, n + 1) double plus a float mirror; block
     * partials of the gradient ({@code gradientBlocks} rows of K (n + 1) floats) and of the loss
     * ({@code lossBlocks} rows of K floats); the reduction's norm partials; per-model settings; row indices (m);
     * the wide path's residuals (K, m).
     */
    static MemoryPlan forBind(long m, int n, int models, int targetColumns, int weightColumns,
                              int gradientBlocks, int lossBlocks, boolean wide) {
        MemoryPlan p = new MemoryPlan();
        long params = (long) models * (n + 1);
        p.add("X", m * n * 4L);
        p.add("targets", targetColumns * m * 4L);
        p.add("weights", weightColumns * m * 4L);
        p.add("parameters", params * (8 + 8 + 8 + 4));
        p.add("statistics", models * 2L * 2 * 8);
        p.add("block partials", (long) gradientBlocks * params * 4 + (long) lossBlocks * models * 4);
        // Per model: its target and weight column indices, 1/W, m/(bW), lambda/W, learning rate and loss.
        p.add("per-model settings", models * (4L + 4 + 8 + 8 + 8 + 8 + 8));
        p.add("block counter", 4);
        p.add("norm partials", (long) models * KernelGeometry.reduceGridX(n) * 2 * 8);
        p.add("batch rows", m * 4L);
        if (wide) {
            p.add("wide residuals", models * m * 4L);
        }
        return p;
    }

    void add(String what, long bytes) {
        items.merge(what, bytes, Long::sum);
    }

    /** The bytes planned under one name (0 when none). */
    long bytesOf(String what) {
        return items.getOrDefault(what, 0L);
    }

    long totalBytes() {
        return items.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Throws IllegalArgumentException, naming the sizes, when the plan does not fit in freeBytes. */
    void checkFits(long freeBytes, String device) {
        long needed = totalBytes() + RESERVE_BYTES;
        if (needed <= freeBytes) {
            return;
        }
        StringBuilder parts = new StringBuilder();
        items.forEach((what, bytes) -> {
            if (bytes > 0) {
                parts.append(parts.length() == 0 ? "" : ", ").append(what).append(' ').append(gib(bytes));
            }
        });
        throw new IllegalArgumentException("the problem needs " + gib(needed) + " of device memory (" + parts
                + ", reserve " + gib(RESERVE_BYTES) + ") but " + device + " has only " + gib(freeBytes)
                + " free; use fewer rows or models, or another backend");
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
