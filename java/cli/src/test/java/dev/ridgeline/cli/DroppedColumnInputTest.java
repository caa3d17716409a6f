package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column that training dropped as constant feeds no coefficient: predict, evaluate and explain take files
 * without it, and do not read it where it is (it had been required, and parsed as a number).
 */
class DroppedColumnInputTest {
    @TempDir
    Path dir;
    private Path model;

    @BeforeEach
    void trainWithAConstantColumn() throws Exception {
        Path csv = dir.resolve("constant-k.csv");
        Files.writeString(csv, "a,k,y\n1,5,3\n2,5,4\n3,5,6\n4,5,8\n5,5,9\n6,5,12\n");
        Path out = dir.resolve("model");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--holdout", "0", "--solver", "exact",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("feature 'k' is constant (5.0) on the training rows and was dropped"), r.err());
        model = out.resolve("model.json");
    }

    private CliRun predict(String csv, String... more) throws Exception {
        Path file = dir.resolve("rows-" + Integer.toHexString(csv.hashCode()) + ".csv");
        Files.writeString(file, csv);
        String[] args = {"predict", "--model", model.toString(), "--data", file.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void predictTakesRowsWithoutTheDroppedColumnAndIgnoresItsValues() throws Exception {
        CliRun with = predict("a,k\n1,5\n7,5\n");
        assertEquals(0, with.code(), with.err());
        CliRun without = predict("a\n1\n7\n");
        assertEquals(0, without.code(), without.err());
        CliRun text = predict("a,k\n1,zz\n7,\n");
        assertEquals(0, text.code(), text.err());
        assertEquals(with.out(), without.out());
        assertEquals(with.out(), text.out());
        CliRun ignored = predict("a,k\n1,5\n7,5\n", "--ignore", "k");
        assertEquals(0, ignored.code(), ignored.err());
        assertEquals(with.out(), ignored.out());
    }

    @Test
    void evaluateAndExplainTakeRowsWithoutTheDroppedColumn() throws Exception {
        Path rows = dir.resolve("scored.csv");
        Files.writeString(rows, "a,y\n1,3\n2,4\n7,15\n");
        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", rows.toString(), "--json");
        assertEquals(0, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().contains("\"rows\":3"), evaluate.out());
        CliRun explain = CliRun.of("explain", "--model", model.toString(), "--data", rows.toString(), "--ignore", "y",
                "--row", "2");
        assertEquals(0, explain.code(), explain.err());
        assertTrue(explain.out().contains("row 2 (line 4 of " + rows + ")"), explain.out());
    }
}
