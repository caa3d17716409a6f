package dev.ridgeline.cli;

/** "1 row", "2 rows": a count of rows as the reports print it. */
final class RowCount {
    private RowCount() {
    }

    static String of(long rows) {
        return rows + (rows == 1 ? " row" : " rows");
    }
}
