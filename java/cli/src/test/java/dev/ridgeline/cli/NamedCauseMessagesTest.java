package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that name what the user did, not a neighbouring cause: the target given to --stratify, a
 * --time-limit beyond its bound, a --model-name with a line break, a grid that repeats a value, more
 * sensitive bins than values, and line breaks in column names in the report's tables and warnings.
 */
class NamedCauseMessagesTest {
    @TempDir
    Path dir;

    @Test
    void stratifyingByTheTargetSaysItIsTheTarget() {
        CliRun r = CliRun.of("train", "--stratify", "progression", "--no-output");
        assertEquals(Main.EXIT_DATA, r.code(), r.out());
        assertEquals("ridgeline: error: diabetes.csv (embedded): --stratify progression names the target; stratify by"
                + " a feature or an --ignore'd column (to keep the target's spread in every part, bin it into a column"
                + " of its own and stratify by that)", r.err().strip());
    }

    @Test
    void aTimeLimitBeyondItsBoundSaysWhatTheBoundIs() {
        CliRun r = CliRun.of("train", "--time-limit", "1e9", "--no-output");
        assertEquals(Main.EXIT_DATA, r.code(), r.out());
        assertEquals("ridgeline: error: --time-limit must be below 1e9 seconds (about 31 years), got 1000000000; leave it"
                + " out for no limit", r.err().strip());
        assertEquals(0, CliRun.of("train", "--time-limit", "5e8", "--no-output", "--json").code());
        // The lower bound is the one stated, not where a value rounds to no nanosecond (6e-10 had run).
        CliRun small = CliRun.of("train", "--time-limit", "6e-10", "--no-output");
        assertEquals(Main.EXIT_DATA, small.code(), small.out());
        assertEquals("ridgeline: error: --time-limit must be at least 1e-9 seconds (one nanosecond), got 0.0000000006",
                small.err().strip());
    }

    @Test
    void aModelNameWithALineBreakIsShownWithTheBreakWrittenOut() {
        CliRun r = CliRun.of("train", "--model-name", "a\nb\tc", "--out", dir.resolve("never").toString());
        assertEquals(Main.EXIT_DATA, r.code(), r.out());
        assertEquals("ridgeline: error: --model-name must be a non-empty name on one line, got 'a\\nb\\tc'",
                r.err().strip());
        assertFalse(Files.exists(dir.resolve("never")));
    }

    @Test
    void aGridThatRepeatsAValueIsRefused() {
        Path out = dir.resolve("tuned");
        CliRun list = CliRun.of("tune", "--lambdas", "1,0.5,1", "--out", out.toString());
        assertEquals(Main.EXIT_DATA, list.code(), list.out());
        assertEquals("ridgeline: error: --lambdas 1,0.5,1 holds 1.0 more than once: give each value once",
                list.err().strip());
        CliRun range = CliRun.of("tune", "--lambdas", "5:5:3", "--out", out.toString());
        assertEquals(Main.EXIT_DATA, range.code(), range.out());
        assertEquals("ridgeline: error: --lambdas 5:5:3 holds 5.0 more than once: give each value once; MIN:MAX:COUNT"
                + " needs MIN below MAX for more than one lambda", range.err().strip());
        CliRun rates = CliRun.of("tune", "--lambdas", "0.1,1", "--learning-rates", "0.1,0.2,0.1", "--out",
                out.toString());
        assertEquals(Main.EXIT_DATA, rates.code(), rates.out());
        assertEquals("ridgeline: error: --learning-rates 0.1,0.2,0.1 holds 0.1 more than once: give each value once",
                rates.err().strip());
        assertFalse(Files.exists(out));
    }

    /**
     * A grid list with an empty item at its end ("1,2,") had dropped it, where one at its start was refused; a
     * descending MIN:MAX:COUNT was refused by a message that named no option.
     */
    @Test
    void aGridWithAnEmptyItemOrMaxBelowMinIsRefusedNamingTheOption() {
        Path out = dir.resolve("tuned");
        CliRun trailing = CliRun.of("tune", "--lambdas", "1,2,", "--out", out.toString());
        assertEquals(Main.EXIT_USAGE, trailing.code(), trailing.out());
        assertTrue(trailing.err().startsWith("ridgeline: error: --lambdas must be MIN:MAX:COUNT or a comma list of "
                + "numbers, got '1,2,'"), trailing.err());
        CliRun descending = CliRun.of("tune", "--lambdas", "1e3:1e-3:5", "--out", out.toString());
        assertEquals(Main.EXIT_DATA, descending.code(), descending.out());
        assertEquals("ridgeline: error: --lambdas 1e3:1e-3:5: MIN:MAX:COUNT needs 0 < MIN <= MAX, both finite (a log "
                + "grid from MIN up to MAX), got MIN 1e3 and MAX 1e-3", descending.err().strip());
        assertFalse(Files.exists(out));
    }

    /**
     * A log grid from a subnormal MIN is refused: the double holds only some of its digits, so 1e-320:1:3 had
     * stepped through 9.9999e-161 where 1e-160 was meant, and a penalty that small changes no fit. The smallest
     * MIN a double holds in full is accepted.
     */
    @Test
    void aLogGridFromASubnormalMinIsRefused() throws Exception {
        Path out = dir.resolve("subnormal");
        CliRun r = CliRun.of("tune", "--lambdas", "1e-320:1:3", "--out", out.toString());
        assertEquals(Main.EXIT_DATA, r.code(), r.out());
        assertEquals("ridgeline: error: --lambdas 1e-320:1:3: MIN 1e-320 is below 2.2250738585072014e-308, the least"
                + " number a double holds to all its digits, so the grid's steps would not be exact; a penalty that small changes no fit"
                + " (float32 holds it as 0): give a MIN of 1e-300 or more, or list 0 for a fit without penalty"
                + " (--lambdas 0,1e-3,1)", r.err().strip());
        assertFalse(Files.exists(out));
        picocli.CommandLine cmd = new picocli.CommandLine(new TuneCommand());
        assertArrayEquals(new double[] {1e-300, 1e-150, 1}, TuneGrid.parse("1e-300:1:3", cmd), 0.0);
        assertArrayEquals(new double[] {Double.MIN_NORMAL, Math.sqrt(Double.MIN_NORMAL), 1},
                TuneGrid.parse(Double.MIN_NORMAL + ":1:3", cmd), 1e-12 * Math.sqrt(Double.MIN_NORMAL));
    }

    @Test
    void aSubnormalMinTypedAsTheRoundedThresholdIsNotSaidToBeBelowItself() {
        // 2.2e-308 is below Double.MIN_NORMAL (2.2250738585072014e-308), so refused; the message had said
        // "MIN 2.2e-308 is below 2.2e-308".
        CliRun r = CliRun.of("tune", "--lambdas", "2.2e-308:1:3", "--no-output");
        assertEquals(Main.EXIT_DATA, r.code(), r.out());
        assertTrue(r.err().contains("MIN 2.2e-308 is below 2.2250738585072014e-308, the least number a double holds"),
                r.err());
        assertFalse(r.err().contains("below 2.2e-308"), r.err());
    }

    @Test
    void moreSensitiveBinsThanValuesSaysSo() {
        // age has 57 distinct values on the 354 training rows of the default split.
        CliRun r = CliRun.of("train", "--sensitive", "age", "--sensitive-bins", "100", "--bootstrap", "0",
                "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("ridgeline: warning: sensitive column 'age': 100 quantile bins asked, 50 made: the"
                + " training rows hold 57 distinct values of it, fewer than the bins, so several quantiles fall on one"
                + " value (--sensitive-bins 30 is the most that cuts these rows into as many bins)"), r.err());
        // The advice holds: 30 bins merge none, 31 do (it had advised the 50 made, which merged again into 45).
        CliRun advised = CliRun.of("train", "--sensitive", "age", "--sensitive-bins", "30", "--bootstrap", "0",
                "--no-output");
        assertEquals(0, advised.code(), advised.err());
        assertFalse(advised.err().contains("quantile bins asked"), advised.err());
        CliRun oneMore = CliRun.of("train", "--sensitive", "age", "--sensitive-bins", "31", "--bootstrap", "0",
                "--no-output");
        assertTrue(oneMore.err().contains("31 quantile bins asked"), oneMore.err());
    }

    /** -0 and 0 are one value: ten distinct numbers with both are the groups, not cut into quantile bins. */
    @Test
    void minusZeroAndZeroAreOneSensitiveValue() throws Exception {
        StringBuilder csv = new StringBuilder("s,x,y\n");
        for (int i = 0; i < 40; i++) {
            String s = i % 11 == 10 ? "-0" : Integer.toString(i % 11);
            csv.append(s).append(',').append(i % 5).append(',').append(i % 7).append('\n');
        }
        Path data = Files.writeString(dir.resolve("minus-zero.csv"), csv);
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--ignore", "s", "--sensitive", "s",
                "--holdout", "0", "--bootstrap", "0", "--json", "--no-output");
        assertEquals(0, r.code(), r.err());
        JsonNode groups = new ObjectMapper().readTree(r.out()).at("/fairness/attributes/0/groups");
        List<String> labels = new java.util.ArrayList<>();
        groups.forEach(g -> labels.add(g.get("group").asText()));
        assertEquals(10, labels.size(), labels.toString());
        assertTrue(labels.contains("0") && labels.stream().noneMatch(l -> l.startsWith("[")), labels.toString());
    }

    /** A file of {@code header} and 12 rows of two feature columns and a target that depends on both. */
    private Path twelveRows(String name, String header) throws Exception {
        StringBuilder s = new StringBuilder(header).append('\n');
        for (int i = 0; i < 12; i++) {
            s.append(i % 5).append(',').append(i).append(',').append(3 * i + i % 5 + (i * 7) % 3).append('\n');
        }
        return Files.writeString(dir.resolve(name), s);
    }

    /** A quoted column name holding a line break keeps each table row on one line, written \n as in errors. */
    @Test
    void aLineBreakInAColumnNameStaysInItsTableRow() throws Exception {
        Path csv = twelveRows("broken-name.csv", "\"b\nx\",a,y");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--holdout", "0", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("b\\\\nx +-?[0-9.e+-]+ +-?[0-9.e+-]+")), r.out());
        assertFalse(r.out().lines().anyMatch(l -> l.startsWith("x ")), r.out());
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("ridgeline: warning: ") || l.startsWith("WARNING: ")),
                r.err());
    }

    /**
     * A name holding a backslash then n reads otherwise than one holding a line break, in errors and in the report's
     * table: the backslash is written doubled, the line break \n. Both had read b\nx.
     */
    @Test
    void aBackslashInANameIsNotReadAsALineBreak() throws Exception {
        Path csv = twelveRows("backslash-name.csv", "\"b\nx\",\"b\\nx\",y");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--holdout", "0", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("b\\\\nx +-?[0-9.e+-]+ +-?[0-9.e+-]+")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("b\\\\\\\\nx +-?[0-9.e+-]+ +-?[0-9.e+-]+")), r.out());
        CliRun absent = CliRun.of("train", "--data", csv.toString(), "--target", "zz", "--no-output");
        assertEquals(3, absent.code(), absent.err());
        assertTrue(absent.err().contains("the columns are [b\\nx, b\\\\nx, y]"), absent.err());
        CliRun stratify = CliRun.of("train", "--data", csv.toString(), "--stratify", "b\\n", "--no-output");
        assertEquals(3, stratify.code(), stratify.err());
        assertTrue(stratify.err().contains("no column named 'b\\\\n' to stratify by"), stratify.err());
    }

    /**
     * A control character in a column name (ESC, BEL, NUL) is written as \u001b and so on, in the report and in
     * errors: a name from a CSV header or a model file had sent escape sequences to the terminal.
     */
    @Test
    void controlCharactersInANameReachNoTerminal() throws Exception {
        Path csv = dir.resolve("escape-name.csv");
        StringBuilder s = new StringBuilder("\"b\u001b[2J\u0007c\",a,y\n");
        for (int i = 0; i < 12; i++) {
            s.append(i % 5).append(',').append(i).append(',').append(3 * i + i % 5 + (i * 7) % 3).append('\n');
        }
        Files.writeString(csv, s);
        Path out = dir.resolve("escape-out");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--holdout", "0", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("b\\u001b[2J\\u0007c ")), r.out());
        Path rows = Files.writeString(dir.resolve("escape-rows.csv"), "a\n1\n");
        CliRun missing = CliRun.of("predict", "--model", out.resolve("model.json").toString(), "--data",
                rows.toString());
        assertEquals(3, missing.code(), missing.err());
        assertTrue(missing.err().contains("missing: [b\\u001b[2J\\u0007c]"), missing.err());
        for (String text : new String[] {r.out(), r.err(), missing.out(), missing.err()}) {
            assertTrue(text.chars().noneMatch(c -> c == 0x1b || c == 0x07), text);
        }
    }

    /**
     * float32's largest value as Java and numpy print it, 3.4028235e38, is read as a float32 (it rounds to the
     * maximum), and so is a median fill or mean of it: both had been refused at the fit as "beyond float32's
     * range", naming no file or line.
     */
    @Test
    void float32sLargestValueAsPrintedTrainsAsAFillToo() throws Exception {
        Path data = Files.writeString(dir.resolve("fmax.csv"),
                "x,z,y\n3.4028235e38,1,1\n3.4028235e38,2,2\n1,3,3\n,4,4\n");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--holdout", "0", "--solver", "exact",
                "--missing", "median", "--no-output");
        assertEquals(0, r.code(), r.err());
        CliRun beyond = CliRun.of("train", "--data", Files.writeString(dir.resolve("beyond.csv"),
                "x,z,y\n3.4028236e38,1,1\n1,2,2\n1,3,3\n").toString(), "--target", "y", "--no-output");
        assertEquals(Main.EXIT_DATA, beyond.code(), beyond.err());
        assertTrue(beyond.err().contains("line 2, column 'x'"), beyond.err());
    }
}
