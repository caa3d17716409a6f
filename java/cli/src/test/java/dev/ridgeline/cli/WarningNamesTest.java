package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warnings quote column names and values as errors do ({@link ColumnNameText#shown}): a backslash doubled, so that
 * once the line is made one (a line break written {@code \n}) the name {@code s\e} then a line break reads otherwise
 * than a name holding a backslash then n; ordinary names read as they are.
 */
class WarningNamesTest {
    /** A column name holding a backslash and a line break (quoted in the header). */
    private static final String NAME = "s\\e\nx";
    /** NAME as a warning line shows it. */
    private static final String SHOWN = "s\\\\e\\nx";

    @TempDir
    Path dir;

    @Test
    void mergedSensitiveBinsAndSmallGroupsNameTheColumnAsErrorsDo() throws Exception {
        Path csv = dir.resolve("tied.csv");
        StringBuilder s = new StringBuilder("x,\"" + NAME + "\",y\n");
        for (int i = 0; i < 200; i++) {
            // Most rows 0: the lower quantiles share an edge.
            s.append(i % 10).append(',').append(i < 120 ? 0 : i - 119).append(',').append(2 * (i % 10) + i % 3)
                    .append('\n');
        }
        Files.writeString(csv, s);
        CliRun run = CliRun.of("train", "--data", csv.toString(), "--sensitive", NAME, "--sensitive-bins", "4",
                "--bootstrap", "0", "--no-output");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("ridgeline: warning: sensitive column '" + SHOWN + "': 4 quantile bins asked"),
                run.err());
        assertTrue(run.err().contains("ridgeline: warning: fairness by " + SHOWN + ": groups with fewer than 30 rows"),
                run.err());
    }

    @Test
    void fairnessGroupsAreQuotedInWarningsAndInTheReportAsTheGroupTableQuotesThem() throws Exception {
        // A group labelled p\q (a backslash) and one holding a line break: the group table doubled the backslash
        // (p\\q), while the disparity lines and the small-groups warning wrote p\q, as the line break's \n is.
        Path csv = dir.resolve("groups.csv");
        StringBuilder s = new StringBuilder("x,g,y\n");
        for (int i = 0; i < 60; i++) {
            String group = i % 3 == 0 ? "p\\q" : i % 3 == 1 ? "\"p\nq\"" : "r";
            s.append(i % 7).append(',').append(group).append(',').append(2 * (i % 7) + i % 3).append('\n');
        }
        Files.writeString(csv, s);
        CliRun run = CliRun.of("train", "--data", csv.toString(), "--ignore", "g", "--sensitive", "g", "--holdout",
                "0", "--bootstrap", "0", "--no-output");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("ridgeline: warning: fairness by g: groups with fewer than 30 rows: "), run.err());
        assertTrue(run.err().contains("p\\\\q (20 rows)"), run.err());
        assertTrue(run.err().contains("p\\nq (20 rows)"), run.err());
        assertTrue(run.out().contains("\nfairness   by g on the training rows"), run.out());
        assertTrue(run.out().contains("\np\\\\q*"), run.out());  // the group table's line
        assertTrue(run.out().contains("highest p\\\\q*") || run.out().contains("lowest p\\\\q*"), run.out());
        // Every p\q of the report doubled, in the disparity lines as in the table.
        assertFalse(run.out().replace("p\\\\q", "").contains("p\\q"), run.out());
    }

    @Test
    void anUnseenCategoryNamesItsColumnAndValueAsErrorsDo() throws Exception {
        Path csv = dir.resolve("codes.csv");
        StringBuilder s = new StringBuilder("x,\"" + NAME + "\",y\n");
        for (int i = 0; i < 30; i++) {
            s.append(i % 5).append(',').append(i % 2 == 0 ? "red" : "blue").append(',').append(2 * (i % 5) + i % 2)
                    .append('\n');
        }
        Files.writeString(csv, s);
        Path out = dir.resolve("m");
        CliRun train = CliRun.of("train", "--data", csv.toString(), "--unseen", "zeros", "--solver", "exact", "--out",
                out.toString());
        assertEquals(0, train.code(), train.err());
        Path rows = dir.resolve("new.csv");
        Files.writeString(rows, "x,\"" + NAME + "\"\n1,red\n2,gr\\een\n");
        CliRun predict = CliRun.of("predict", "--model", out.resolve("model.json").toString(), "--data",
                rows.toString());
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.err().contains("(first: 'gr\\\\een' in column '" + SHOWN + "' at line 4)"), predict.err());
    }

    @Test
    void aCategoryThatReadsLikeAMissingValueNamesItsColumnAsErrorsDo() throws Exception {
        Path csv = dir.resolve("gaps.csv");
        StringBuilder s = new StringBuilder("x,\"" + NAME + "\",y\n");
        for (int i = 0; i < 30; i++) {
            s.append(i % 5).append(',').append(i % 3 == 0 ? "?" : i % 2 == 0 ? "red" : "blue").append(',')
                    .append(2 * (i % 5) + i % 2).append('\n');
        }
        Files.writeString(csv, s);
        CliRun run = CliRun.of("train", "--data", csv.toString(), "--solver", "exact", "--no-output");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("ridgeline: warning: column '" + SHOWN + "' has the category '?'"), run.err());
    }

    /** An ordinary name reads as it is. */
    @Test
    void anOrdinaryNameReadsAsItIs() throws Exception {
        Path csv = dir.resolve("plain.csv");
        StringBuilder s = new StringBuilder("x,colour,y\n");
        for (int i = 0; i < 30; i++) {
            s.append(i % 5).append(',').append(i % 3 == 0 ? "?" : "red").append(',').append(2 * (i % 5) + i % 2)
                    .append('\n');
        }
        Files.writeString(csv, s);
        CliRun run = CliRun.of("train", "--data", csv.toString(), "--solver", "exact", "--no-output");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("ridgeline: warning: column 'colour' has the category '?'"), run.err());
    }
}
