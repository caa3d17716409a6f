package dev.ridgeline.engine.java;

/**
 * Spacing for arrays that one worker writes while the other workers run. Such an array keeps {@link #PAD}
 * unused elements before and after the elements in use (at least 64 bytes, a cache line, for any element
 * type), so no cache line holds both one worker's hot writes and another thread's data. Without it, two
 * workers of one pass slowed each other down by up to 2x on narrow rows, depending on where the heap
 * happened to place their arrays.
 */
final class WorkerPadding {
    /** Unused elements at each end; the first element in use is at index PAD. */
    static final int PAD = 16;

    private WorkerPadding() {
    }

    /** Length of a padded array holding {@code used} elements. */
    static int padded(int used) {
        return PAD + used + PAD;
    }
}
