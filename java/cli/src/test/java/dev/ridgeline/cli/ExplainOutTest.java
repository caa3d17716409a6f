package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain --out}: every row's SHAP values, the same as the report's and as {@code predict}'s predictions. */
class ExplainOutTest {
    @TempDir
    Path dir;
    Path model;
    Path data;

    @BeforeEach
    void trainModel() throws Exception {
        Path out = dir.resolve("ridgeline-out");
        assertEquals(0, CliRun.of("train", "--holdout", "0.2", "--out", out.toString()).code());
        model = out.resolve("model.json");
        data = dir.resolve("diabetes.csv");
        try (InputStream in = getClass().getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            Files.write(data, in.readAllBytes());
        }
    }

    /**
     * The train run's folder holds its own importance.png (over its training rows) and waterfall-row-0.png (its
     * first validation row), which its model card describes: explain --plots there had replaced them with plots
     * of --data, exit 0, the card left describing the wrong figures.
     */
    @Test
    void plotsIntoARunsFolderAreRefusedWhereTheyWouldReplaceItsPlots() throws Exception {
        Path run = model.getParent();
        byte[] importance = Files.readAllBytes(run.resolve("importance.png"));
        byte[] waterfall = Files.readAllBytes(run.resolve("waterfall-row-0.png"));
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--row", "0",
                "--plots", run.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("--plots " + run + ": importance.png and waterfall-row-0.png in it are plots of"
                + " the run whose files .ridgeline-files lists, which its model card describes; explain would replace"
                + " them with plots of --data: choose another folder"), r.err());
        assertArrayEquals(importance, Files.readAllBytes(run.resolve("importance.png")));
        assertArrayEquals(waterfall, Files.readAllBytes(run.resolve("waterfall-row-0.png")));
        // A folder of explain's own plots (no run lists them) gathers them, as before.
        Path mine = dir.resolve("mine");
        assertEquals(0, CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--row", "0",
                "--plots", mine.toString()).code());
        CliRun again = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--row", "2",
                "--plots", mine.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(Files.exists(mine.resolve("waterfall-row-0.png")) && Files.exists(mine.resolve("waterfall-row-2.png")));
    }

    /**
     * "-" is no standard output here: predict, explain and export refuse it rather than write a file named "-" (as
     * they had, exit 0), saying what to give instead.
     */
    @Test
    void aDashAsTheOutputFileIsRefused() {
        Path dash = Path.of("-");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--out", "-");
        assertEquals(3, predict.code(), predict.err());
        assertTrue(predict.err().contains("--out - would write a file named '-', not standard output: leave --out out"
                + " to write to standard output, or give ./- for a file of that name"), predict.err());
        CliRun explain = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--out", "-");
        assertEquals(3, explain.code(), explain.err());
        assertTrue(explain.err().contains("--out - would write a file named '-', not standard output: give ./-"),
                explain.err());
        CliRun export = CliRun.of("export", "--model", model.toString(), "--onnx", "-");
        assertEquals(3, export.code(), export.err());
        assertTrue(export.err().contains("--onnx - would write a file named '-'"), export.err());
        assertTrue(!Files.exists(dash), "no file named '-' in " + dash.toAbsolutePath());
    }

    @Test
    void everyRowsShapValuesAddUpToPredictsPredictionAndGiveTheReportsImportance() throws Exception {
        Path shap = dir.resolve("shap.csv");
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--out", shap.toString(),
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(442, doc.get("rows").asInt());
        assertEquals(shap.toString(), doc.get("out").asText());
        List<String> lines = Files.readAllLines(shap);
        assertEquals("shap_age,shap_sex,shap_bmi,shap_bp,shap_s1,shap_s2,shap_s3,shap_s4,shap_s5,shap_s6,base,"
                + "progression_predicted", lines.get(0));
        assertEquals(443, lines.size());

        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, predict.code(), predict.err());
        List<String> predicted = predict.out().lines().toList();
        double[] absoluteSums = new double[10];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(12, f.length, lines.get(i));
            assertEquals(doc.get("base").asDouble(), Double.parseDouble(f[10]), "line " + i);
            assertEquals(predicted.get(i), f[11], "line " + i);  // the prediction predict writes, to the digit
            double sum = Double.parseDouble(f[10]);
            for (int j = 0; j < 10; j++) {
                sum += Double.parseDouble(f[j]);
                absoluteSums[j] += Math.abs(Double.parseDouble(f[j]));
            }
            assertEquals(Double.parseDouble(f[11]), sum, 1e-9 * Math.abs(sum), "additivity, line " + i);
        }
        // The importance is the mean |SHAP| over the same rows, added in the same order: the same bits.
        String[] features = {"age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"};
        for (int j = 0; j < 10; j++) {
            assertEquals(doc.get("importance").get(features[j]).asDouble(), absoluteSums[j] / 442, features[j]);
        }

        // A row's line holds the values --row reports for it.
        CliRun row = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--row", "17", "--json");
        JsonNode shap17 = new ObjectMapper().readTree(row.out()).get("row").get("shap");
        String[] line17 = lines.get(18).split(",");
        for (int j = 0; j < 10; j++) {
            assertEquals(shap17.get(features[j]).asDouble(), Double.parseDouble(line17[j]), features[j]);
        }
    }

    @Test
    void oneHotColumnsAndABackgroundFile() throws Exception {
        StringBuilder train = new StringBuilder("a,city,y\n");
        StringBuilder fresh = new StringBuilder("a,city\n");
        String[] cities = {"Oslo", "Bergen", "Tromso"};
        for (int i = 0; i < 60; i++) {
            double a = (i * 37 % 17) - 8;
            train.append(a).append(',').append(cities[i % 3]).append(',').append(2 * a + 3 * (i % 3) + (i % 5) * 0.1)
                    .append('\n');
        }
        fresh.append("1.5,Bergen\n-2,Oslo\n0,Tromso\n");
        Path trainCsv = Files.writeString(dir.resolve("cities.csv"), train);
        Path newCsv = Files.writeString(dir.resolve("new.csv"), fresh);
        Path out = dir.resolve("cities-out");
        assertEquals(0, CliRun.of("train", "--data", trainCsv.toString(), "--target", "y", "--out", out.toString()).code());
        Path shap = dir.resolve("cities-shap.csv");
        CliRun r = CliRun.of("explain", "--model", out.resolve("model.json").toString(), "--data", newCsv.toString(),
                "--background", trainCsv.toString(), "--out", shap.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote      " + shap + ": SHAP values of 3 rows"), r.out());
        List<String> lines = Files.readAllLines(shap);
        assertEquals(4, lines.size());
        List<String> header = List.of(lines.get(0).split(","));
        assertTrue(header.containsAll(List.of("shap_a", "shap_city=Bergen", "shap_city=Oslo", "shap_city=Tromso",
                "base", "y_predicted")), header.toString());
        CliRun predict = CliRun.of("predict", "--model", out.resolve("model.json").toString(), "--data", newCsv.toString());
        List<String> predicted = predict.out().lines().toList();
        for (int i = 1; i < 4; i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(predicted.get(i), f[f.length - 1]);
            double sum = 0;
            for (int j = 0; j < f.length - 1; j++) {
                sum += Double.parseDouble(f[j]);
            }
            assertEquals(Double.parseDouble(f[f.length - 1]), sum, 1e-9 * Math.abs(sum));
        }
    }

    /**
     * A named pipe as --data is read once, its rows kept: the SHAP file is the one a regular file gives, byte for
     * byte (the importance too).
     */
    @Test
    void aPipeGivesTheSameFileAsARegularFile() throws Exception {
        Path fromFile = dir.resolve("from-file.csv");
        CliRun file = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--out",
                fromFile.toString(), "--json");
        assertEquals(0, file.code(), file.err());
        Path fromPipe = dir.resolve("from-pipe.csv");
        CliRun pipe = explainThroughPipe(data, "rows.fifo", "--out", fromPipe.toString(), "--json");
        assertEquals(0, pipe.code(), pipe.err());
        assertEquals(Files.readString(fromFile), Files.readString(fromPipe));
        JsonNode a = new ObjectMapper().readTree(file.out()).get("importance");
        JsonNode b = new ObjectMapper().readTree(pipe.out()).get("importance");
        assertEquals(a, b);
    }

    /**
     * --keep copies columns of --data ahead of the SHAP values, as read (quoted where they need it), from a file and
     * from a pipe alike; it needs --out, and a kept column may not share a name with the file's own columns.
     */
    @Test
    void keptColumnsGoAheadOfTheShapValues() throws Exception {
        List<String> rows = Files.readAllLines(data);
        StringBuilder s = new StringBuilder("id,note," + rows.get(0) + "\n");
        for (int i = 1; i < rows.size(); i++) {
            s.append("p").append(i - 1).append(',').append(i == 1 ? "\"a, \"\"quoted\"\" note\"" : "n").append(',')
                    .append(rows.get(i)).append('\n');
        }
        Path ids = Files.writeString(dir.resolve("ids.csv"), s);
        Path plain = dir.resolve("plain.csv");
        assertEquals(0, CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--out",
                plain.toString()).code());
        Path kept = dir.resolve("kept.csv");
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", ids.toString(), "--keep", "id,note,id",
                "--out", kept.toString());
        assertEquals(0, r.code(), r.err());
        List<String> withIds = Files.readAllLines(kept);
        List<String> without = Files.readAllLines(plain);
        assertEquals("id,note," + without.get(0), withIds.get(0));
        assertEquals("p0,\"a, \"\"quoted\"\" note\"," + without.get(1), withIds.get(1));
        assertEquals("p441,n," + without.get(442), withIds.get(442));

        Path fromPipe = dir.resolve("kept-pipe.csv");
        CliRun pipe = explainThroughPipe(ids, "ids.fifo", "--keep", "id,note", "--out", fromPipe.toString());
        assertEquals(0, pipe.code(), pipe.err());
        assertEquals(Files.readString(kept), Files.readString(fromPipe));

        CliRun noOut = CliRun.of("explain", "--model", model.toString(), "--data", ids.toString(), "--keep", "id",
                "--ignore", "note");
        assertEquals(2, noOut.code(), noOut.err());
        assertTrue(noOut.err().contains("--keep copies columns into the --out file of every row's SHAP values: give"
                + " --out too"), noOut.err());
        CliRun extra = CliRun.of("explain", "--model", model.toString(), "--data", ids.toString(), "--out",
                dir.resolve("x.csv").toString());
        assertEquals(3, extra.code(), extra.err());
        assertTrue(extra.err().contains("pass --ignore id,note to read past them, or --keep (with --out) to copy them"
                + " into the SHAP file"), extra.err());
        Path clash = dir.resolve("clash.csv");
        CliRun base = CliRun.of("explain", "--model", model.toString(), "--data", ids.toString(), "--keep", "id",
                "--keep", "shap_bmi", "--ignore", "note", "--out", clash.toString());
        assertEquals(3, base.code(), base.err());
        assertTrue(base.err().contains("the SHAP file would have two columns named 'shap_bmi' (from --keep and the"
                + " model's feature and target names); keep the other columns only"), base.err());
        assertFalse(Files.exists(clash));
    }

    /** explain with --data a named pipe that a thread fills with {@code source}'s bytes (read once, as from a shell). */
    private CliRun explainThroughPipe(Path source, String pipeName, String... args) throws Exception {
        Path fifo = dir.resolve(pipeName);
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
                "mkfifo is needed for a named pipe");
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, Files.readAllBytes(source));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        List<String> command = new ArrayList<>(List.of("explain", "--model", model.toString(), "--data", fifo.toString()));
        command.addAll(List.of(args));
        CliRun run = CliRun.of(command.toArray(new String[0]));
        release(writer, fifo, false);
        return run;
    }

    /**
     * Joins a thread at one end of a named pipe; if the command failed without opening the other end, the thread
     * still waits in its open, so the test opens that end itself (and drains or closes it): a failure, not a hang.
     */
    private static void release(Thread thread, Path fifo, boolean threadReads) throws Exception {
        thread.join(2000);
        if (thread.isAlive()) {
            if (threadReads) {
                Files.newOutputStream(fifo).close();
            } else {
                try (InputStream in = Files.newInputStream(fifo)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            thread.join();
        }
    }

    /** A pipe as --out is written in place, before the plots; a --keep name in quotes may hold a comma. */
    @Test
    void aPipeAsOutGoesWithPlotsAndAQuotedKeepNameHoldsAComma() throws Exception {
        Path fifo = dir.resolve("out.fifo");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
                "mkfifo is needed for a named pipe");
        String[] read = {null};
        Thread reader = new Thread(() -> {
            try {
                read[0] = Files.readString(fifo);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        reader.start();
        Path plots = dir.resolve("pipe-plots");
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--out", fifo.toString(),
                "--plots", plots.toString());
        release(reader, fifo, true);
        assertEquals(0, r.code(), r.err());
        assertEquals(443, read[0].lines().count());
        assertTrue(Files.size(plots.resolve("importance.png")) > 0);

        List<String> rows = Files.readAllLines(data);
        StringBuilder s = new StringBuilder("\"cust, id\"," + rows.get(0) + "\n");
        for (int i = 1; i < rows.size(); i++) {
            s.append("c").append(i).append(',').append(rows.get(i)).append('\n');
        }
        Path ids = Files.writeString(dir.resolve("cust.csv"), s);
        Path shap = dir.resolve("cust-shap.csv");
        CliRun kept = CliRun.of("explain", "--model", model.toString(), "--data", ids.toString(), "--keep",
                "\"cust, id\"", "--out", shap.toString());
        assertEquals(0, kept.code(), kept.err());
        List<String> lines = Files.readAllLines(shap);
        assertTrue(lines.get(0).startsWith("\"cust, id\",shap_age,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("c1,"), lines.get(1));
    }

    /** With --plots the SHAP file and the plots are written together; --out may not be a plot or the plots' folder. */
    @Test
    void theShapFileAndThePlotsGoTogetherAndApart() throws Exception {
        Path plots = dir.resolve("plots");
        Path shap = plots.resolve("shap.csv");
        CliRun both = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--out",
                shap.toString(), "--plots", plots.toString(), "--row", "3");
        assertEquals(0, both.code(), both.err());
        assertEquals(443, Files.readAllLines(shap).size());
        assertTrue(Files.size(plots.resolve("importance.png")) > 0 && Files.size(plots.resolve("waterfall-row-3.png")) > 0);

        Path elsewhere = dir.resolve("elsewhere");
        String[][] clashes = {
            {elsewhere.resolve("waterfall-row-3.png").toString(), "is the plot"},
            {elsewhere.toString(), "is where --plots"},
        };
        for (String[] c : clashes) {
            CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--out", c[0],
                    "--plots", elsewhere.toString(), "--row", "3");
            assertEquals(3, r.code(), r.err());
            assertTrue(r.err().contains("--out " + c[0] + " " + c[1]), r.err());
            assertFalse(Files.exists(elsewhere), "nothing written");
        }
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), elsewhere.resolve("importance.png"));
        CliRun linked = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--out",
                link.toString(), "--plots", elsewhere.toString());
        assertEquals(3, linked.code(), linked.err());
        assertTrue(linked.err().contains("--out " + link + " is the plot"), linked.err());
        assertFalse(Files.exists(elsewhere), "nothing written");
        CliRun stdout = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--out",
                "/dev/stdout");
        assertTrue(stdout.err().contains("it is this command's standard output or error, where its report goes; give a"
                + " file"), stdout.err());
        assertFalse(stdout.err().contains("predict prints"), stdout.err());
    }

    /**
     * A bad value in the file's last row fails the command in its first read: an --out file already there is left as
     * it was (a failure while the file is written is AtomicFiles', tested there).
     */
    @Test
    void aFailedExplainLeavesTheOutputFileAsItWas() throws Exception {
        List<String> rows = new ArrayList<>(Files.readAllLines(data));
        String last = rows.get(rows.size() - 1);
        rows.set(rows.size() - 1, "x" + last.substring(last.indexOf(',')));
        Path bad = Files.write(dir.resolve("bad.csv"), rows);
        Path shap = Files.writeString(dir.resolve("shap.csv"), "base,progression_predicted\n1,2\n");  // an earlier run's
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", bad.toString(), "--out", shap.toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("line 443"), r.err());
        assertEquals("base,progression_predicted\n1,2\n", Files.readString(shap));
        assertEquals(List.of("shap.csv"), Files.list(dir).map(p -> p.getFileName().toString())
                .filter(n -> n.contains("shap")).toList());

        Path fresh = dir.resolve("fresh.csv");
        CliRun outside = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--out",
                fresh.toString(), "--row", "442");
        assertEquals(3, outside.code());
        assertTrue(outside.err().contains("--row 442 is outside the data's rows 0..441"), outside.err());
        assertFalse(Files.exists(fresh));
        // A negative index is named before the data are read: the bad value at line 443 had been named instead.
        CliRun negative = CliRun.of("explain", "--model", model.toString(), "--data", bad.toString(), "--out",
                fresh.toString(), "--row", "-1");
        assertEquals(3, negative.code());
        assertEquals("ridgeline: error: --row -1 is negative: rows count from 0, the first data row",
                negative.err().strip());
        assertFalse(Files.exists(fresh));
    }

    /** A feature and the target named so that two columns of the SHAP file would share a name: refused up front. */
    @Test
    void clashingColumnNamesAreRefusedBeforeAnythingIsWritten() throws Exception {
        StringBuilder s = new StringBuilder("x_predicted,shap_x\n");
        for (int i = 0; i < 30; i++) {
            s.append(i).append(',').append(2 * i + (i % 3)).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("clash.csv"), s);
        Path out = dir.resolve("clash-out");
        assertEquals(0, CliRun.of("train", "--data", csv.toString(), "--target", "shap_x", "--out", out.toString()).code());
        Path shap = dir.resolve("clash-shap.csv");
        CliRun r = CliRun.of("explain", "--model", out.resolve("model.json").toString(), "--data", csv.toString(), "--out",
                shap.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("two columns named 'shap_x_predicted'"), r.err());
        assertFalse(Files.exists(shap));
    }
}
