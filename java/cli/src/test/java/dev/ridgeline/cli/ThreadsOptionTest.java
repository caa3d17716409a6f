package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.data.ThreadSetting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --threads N}: the threads a command trains and parses on; what it computes does not depend on it. The
 * training tests need the vector backend (the module run of this class, pom.xml's vector-module).
 */
class ThreadsOptionTest {
    @TempDir
    Path dir;

    @Test
    void trainingOnOneThreadOrThreeGivesTheSameModelAndTheCardNamesTheThreads() throws Exception {
        assumeTrue(vectorModule(), "needs the vector module");
        Path csv = rows(20_000);
        JsonNode one = train(csv, "one", "1");
        JsonNode three = train(csv, "three", "3");
        assertEquals(one.get("coefficients"), three.get("coefficients"));
        assertEquals(one.get("intercept"), three.get("intercept"));
        assertEquals(one.get("epochs"), three.get("epochs"));
        assertEquals(one.at("/metrics/validation"), three.at("/metrics/validation"));
        assertTrue(card(dir.resolve("one")).contains("1 thread"), card(dir.resolve("one")));
        assertTrue(card(dir.resolve("three")).contains("3 threads"), card(dir.resolve("three")));
        assertNull(System.getProperty(ThreadSetting.PROPERTY), "the setting is the command's alone");
    }

    @Test
    void predictionsOnOneThreadAreThoseOnAll() throws Exception {
        Path csv = rows(5_000);
        Path model = dir.resolve("model");
        assertEquals(0, CliRun.of("train", "--data", csv.toString(), "--out", model.toString()).code());
        Path all = dir.resolve("all.csv");
        Path single = dir.resolve("single.csv");
        String modelFile = model.resolve("model.json").toString();
        CliRun r = CliRun.of("predict", "--model", modelFile, "--data", csv.toString(), "--out", all.toString());
        assertEquals(0, r.code(), r.err());
        r = CliRun.of("predict", "--model", modelFile, "--data", csv.toString(), "--out", single.toString(),
                "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(all), Files.readString(single));
        CliRun evaluate = CliRun.of("evaluate", "--model", modelFile, "--data", csv.toString(), "--threads", "2");
        assertEquals(0, evaluate.code(), evaluate.err());
        assertEquals(CliRun.of("evaluate", "--model", modelFile, "--data", csv.toString()).out(), evaluate.out());
    }

    @Test
    void aSettingTheUserMadeIsOverriddenForTheCommandAndThenKept() throws Exception {
        assumeTrue(vectorModule(), "needs the vector module");
        Path csv = rows(2_000);
        String before = System.getProperty(ThreadSetting.PROPERTY);
        System.setProperty(ThreadSetting.PROPERTY, "2");
        try {
            train(csv, "overridden", "1");
            assertTrue(card(dir.resolve("overridden")).contains("1 thread"), card(dir.resolve("overridden")));
            assertEquals("2", System.getProperty(ThreadSetting.PROPERTY));
        } finally {
            if (before == null) {
                System.clearProperty(ThreadSetting.PROPERTY);
            } else {
                System.setProperty(ThreadSetting.PROPERTY, before);
            }
        }
    }

    @Test
    void aCountOutOfRangeIsNamedBeforeTheDataIsRead() {
        for (String[] args : List.of(
                new String[] {"train", "--data", "no-such-file.csv", "--no-output", "--threads", "0"},
                new String[] {"tune", "--data", "no-such-file.csv", "--json", "--threads", "1025"},
                new String[] {"predict", "--model", "no-model.json", "--data", "no-such-file.csv", "--threads", "-1"})) {
            CliRun r = CliRun.of(args);
            assertEquals(Main.EXIT_DATA, r.code(), r.err());
            assertEquals("", r.out());
            String value = args[args.length - 1];
            assertEquals(List.of("ridgeline: error: --threads must be from 1 to 1024, got " + value),
                    r.err().lines().toList());
        }
        CliRun notANumber = CliRun.of("train", "--no-output", "--threads", "all");
        assertEquals(Main.EXIT_USAGE, notANumber.code(), notANumber.err());
        assertTrue(notANumber.err().contains("--threads"), notANumber.err());
        assertNull(System.getProperty(ThreadSetting.PROPERTY));
    }

    @Test
    void theHelpOfEveryCommandThatComputesOffersIt() {
        for (String command : new String[] {"train", "tune", "evaluate", "predict", "explain", "info", "doctor"}) {
            CliRun help = CliRun.of(command, "--help");
            assertEquals(0, help.code(), help.err());
            assertTrue(help.out().contains("--threads=N"), command + ": " + help.out());
        }
        for (String command : new String[] {"export", "privacy"}) {
            assertFalse(CliRun.of(command, "--help").out().contains("--threads"), command);
        }
        // info and doctor read no CSV file: their help had said that CSV files are parsed on the threads.
        for (String command : new String[] {"info", "doctor"}) {
            String help = CliRun.of(command, "--help").out().replaceAll("\\s+", " ");
            assertFalse(help.contains("CSV"), command + ": " + help);
            assertTrue(help.contains("--threads=N Threads the java-vector backend computes on, 1 to 1024, as train's"
                    + " --threads: the count info shows and doctor checks on (default: the processors, or the system property"
                    + " ridgeline.threads)."), command + ": " + help);
        }
        assertTrue(CliRun.of("train", "--help").out().replaceAll("\\s+", " ").contains("CSV files are parsed on at"
                + " most 4 of them"));
    }

    /** info says what the setting gives; doctor checks the backend on that many threads. */
    @Test
    void infoAndDoctorTakeTheCount() throws Exception {
        assumeTrue(vectorModule(), "needs the vector module");
        CliRun info = CliRun.of("info", "--threads", "3");
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("float lanes, 3 threads"), info.out());
        CliRun doctor = CliRun.of("doctor", "--no-bench", "--threads", "1", "--json");
        assertEquals(0, doctor.code(), doctor.err());
        assertTrue(doctor.out().contains("float lanes, 1 thread"), doctor.out());
        assertNull(System.getProperty(ThreadSetting.PROPERTY));
    }

    private static boolean vectorModule() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private JsonNode train(Path csv, String out, String threads) throws Exception {
        return TrainOutputTest.json(CliRun.of("train", "--data", csv.toString(), "--backend", "java-vector",
                "--threads", threads, "--out", dir.resolve(out).toString(), "--json"));
    }

    private static String card(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("model-card.json").toFile()).toString();
    }

    /** {@code m} rows of six features and a target linear in them with noise, from a fixed seed. */
    private Path rows(int m) throws Exception {
        StringBuilder csv = new StringBuilder("a,b,c,d,e,f,y\n");
        Random random = new Random(7);
        for (int i = 0; i < m; i++) {
            double y = 1;
            for (int j = 0; j < 6; j++) {
                double x = random.nextGaussian() * (j + 1);
                y += (j - 2.5) * x;
                csv.append(String.format(Locale.ROOT, "%.5f,", x));
            }
            csv.append(String.format(Locale.ROOT, "%.5f%n", y + random.nextGaussian()));
        }
        return Files.writeString(dir.resolve("rows-" + m + ".csv"), csv);
    }
}
