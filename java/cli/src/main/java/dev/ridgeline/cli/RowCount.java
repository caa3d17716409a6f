package dev.ridgeline.cli;

/** "1 row", "2 rows": a count of rows as the reports print it. */
final class RowCount {
    private RowCount() {
    }

    static String of(long rows) {
        return rows + (rows == 1 ? " row" : " rows");
    }

    /**
     * The rows left of {@code read} after --missing drop kept {@code kept}: "5 rows" when none were dropped,
     * else "5 rows (of 8; --missing drop removed 3)", so that a count too small to train on says why.
     */
    static String kept(long kept, long read) {
        return kept == read ? of(kept) : of(kept) + " (of " + read + "; --missing drop removed " + (read - kept) + ")";
    }
}
