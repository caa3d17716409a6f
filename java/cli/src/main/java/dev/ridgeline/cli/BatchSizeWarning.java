package dev.ridgeline.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * The warning for an SGD mini-batch larger than the rows it is drawn from. The trainer takes every row in
 * each such step (a full batch on SGD's schedule), which is a legitimate run but rarely what a batch size
 * of 5,000 on 354 rows meant; DP-SGD refuses the same mistake (its sampling rate would pass 1).
 */
final class BatchSizeWarning {
    private BatchSizeWarning() {
    }

    /**
     * Empty unless {@code batchSize > rows}; {@code rowsName} says which rows ("training rows"), {@code typed}
     * whether the user gave --batch-size (else the message names it as the default).
     */
    static Optional<String> of(int batchSize, int rows, String rowsName, boolean typed) {
        if (batchSize <= rows) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "--batch-size %d%s is more than the %d %s: each step of "
                + "--solver sgd takes all of them (full-batch steps on sgd's schedule)", batchSize,
                typed ? "" : " (the default)", rows, rowsName));
    }
}
