package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Limits of the process the command runs in: a standard output that cannot be written, a heap too small. */
class ProcessLimitsTest {
    /** A stream every write to which fails with the operating system's {@code reason}. */
    private static OutputStream failing(String reason) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(reason);
            }
        };
    }

    /** Standard output on a full disk: every write fails. */
    private static PrintStream fullDisk() {
        return new PrintStream(failing("No space left on device"), true, StandardCharsets.UTF_8);
    }

    @Test
    void aRunWhoseStandardOutputCannotBeWrittenFailsSayingSo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"privacy", "--n", "60000", "--batch", "150", "--epochs", "15",
            "--delta", "1e-5", "--noise", "1.3"}, fullDisk(), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.EXIT_DATA, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("ridgeline: error: cannot write standard output"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aReaderThatStopsReadingEndsTheRunQuietlyAsInAPipelineWithHead() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StandardOutput closedPipe = StandardOutput.over(failing("Broken pipe"), StandardCharsets.UTF_8);
        int code = Main.run(new String[] {"privacy", "--n", "60000", "--batch", "150", "--epochs", "15",
            "--delta", "1e-5", "--noise", "1.3"}, closedPipe, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        StandardOutput full = StandardOutput.over(failing("No space left on device"), StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_DATA, Main.run(new String[] {"privacy", "--n", "60000", "--batch", "150", "--epochs",
            "15", "--delta", "1e-5", "--noise", "1.3"}, full, new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertFalse(full.readerClosed());
    }

    /**
     * A closed standard output ({@code >&-}) or one open only for reading fails with "Bad file descriptor" and is
     * named as such, a full disk as a full disk, another reason as it is: each had been "disk full?".
     */
    @Test
    void theReasonStandardOutputCannotBeWrittenIsNamed() {
        String[] run = {"privacy", "--n", "60000", "--batch", "150", "--epochs", "15", "--delta", "1e-5", "--noise", "1.3"};
        String tail = "; what it carried is incomplete; files the command wrote are complete\n";
        for (String[] c : new String[][] {
            {"Bad file descriptor", "it is closed, or open only for reading (>&- or 1<FILE)"},
            {"No space left on device", "no space left on device (disk full)"},
            {"Input/output error", "input/output error"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(run, StandardOutput.over(failing(c[0]), StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(Main.EXIT_DATA, code, c[0]);
            assertEquals("ridgeline: error: cannot write standard output: " + c[1] + tail,
                    err.toString(StandardCharsets.UTF_8).replace("\r", ""), c[0]);
        }
    }

    /** The same in a JVM whose standard output the shell closed: the write's reason is the system's own. */
    @Test
    void aClosedStandardOutputIsNamedAsClosed() throws Exception {
        java.nio.file.Path err = java.nio.file.Files.createTempFile("ridgeline-closed", ".err");
        try {
            Process p = new ProcessBuilder("/bin/bash", "-c", "exec \"$@\" >&-", "bash",
                    java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "privacy", "--n", "60000",
                    "--batch", "150", "--epochs", "15", "--delta", "1e-5", "--noise", "1.3")
                    .redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "the run did not end");
            assertEquals(Main.EXIT_DATA, p.exitValue());
            assertEquals("ridgeline: error: cannot write standard output: it is closed, or open only for reading (>&- or"
                    + " 1<FILE); what it carried is incomplete; files the command wrote are complete",
                    java.nio.file.Files.readString(err, StandardCharsets.UTF_8).strip());
        } finally {
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    @Command(name = "exhaust")
    static final class Exhaust implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Command(name = "warn")
    static final class LibraryWarning implements Callable<Integer> {
        @Override
        public Integer call() {
            System.getLogger("dev.ridgeline.engine.java.PanelMatrix").log(System.Logger.Level.WARNING, "no room");
            System.getLogger("dev.ridgeline.engine.java.PanelMatrix").log(System.Logger.Level.INFO, "detail");
            return 0;
        }
    }

    @Test
    void aWarningTheLibraryLogsIsOneRidgelineWarningLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cmd = Main.commandLine().addSubcommand(new LibraryWarning());
        int code = Main.run(cmd, new String[] {"warn"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        assertEquals("ridgeline: warning: no room\n", err.toString(StandardCharsets.UTF_8).replace("\r", ""));
        assertEquals(java.util.List.of(), EngineWarnings.take(), "nothing collects after the run");
    }

    /** The heap suggested is twice the one that ran out, in whole GB, not one figure for every run. */
    @Test
    void theHeapSuggestedGrowsWithTheHeapThatRanOut() {
        assertTrue(Main.outOfMemory(533L << 20).contains("the 533 MB heap this JVM may use; raise it, e.g. "
                + "RIDGELINE_JAVA_OPTS=-Xmx2g (at least twice the 533 MB, in whole GB)"), Main.outOfMemory(533L << 20));
        assertTrue(Main.outOfMemory(5358L << 20).contains("-Xmx11g"), Main.outOfMemory(5358L << 20));
        assertTrue(Main.outOfMemory(100L << 20).contains("-Xmx1g"), Main.outOfMemory(100L << 20));
    }

    @Test
    void runningOutOfHeapIsOneLineNamingTheRemedyNotAStackTrace() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cmd = Main.commandLine().addSubcommand(new Exhaust());
        int code = Main.run(cmd, new String[] {"exhaust"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_DATA, code);
        assertTrue(text.startsWith("ridgeline: error: out of memory") && text.contains("RIDGELINE_JAVA_OPTS=-Xmx"), text);
        assertFalse(text.contains("\tat "), text);
        assertEquals(1, text.lines().count(), text);
    }

    /** What the library throws when the heap runs out where it reads or fits (FrameReader, RidgeFitter, ...). */
    @Command(name = "short-heap")
    static final class ShortHeap implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new DataException("big.csv: the table does not fit in the heap (at most 455 MiB): it takes 8 bytes"
                    + " a number as read, and the encoded matrix 4 more; give the JVM a larger heap (-Xmx), or use"
                    + " fewer rows or columns", new OutOfMemoryError("Java heap space"));
        }
    }

    /**
     * The library's heap messages say "-Xmx", which bin/ridgeline does not take: the line names the variable that
     * carries JVM options, with a size, as the docs promise (train on 2,000,000 rows in -Xmx512m, 1g and 1500m
     * had only said "give the JVM a larger heap (-Xmx)"). Other data errors are left as they are.
     */
    @Test
    void theLibrarysHeapTooSmallNamesTheSettingForTheLauncher() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cmd = Main.commandLine().addSubcommand(new ShortHeap());
        int code = Main.run(cmd, new String[] {"short-heap"}, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_DATA, code);
        assertTrue(text.startsWith("ridgeline: error: big.csv: the table does not fit in the heap"), text);
        assertTrue(text.contains("or use fewer rows or columns; with bin/ridgeline: RIDGELINE_JAVA_OPTS=-Xmx"), text);
        assertEquals(1, text.lines().count(), text);
        assertFalse(ErrorHandler.heapExhausted(new DataException("x.csv, line 2: value 'a' is not a number")));
        assertFalse(ErrorHandler.heapExhausted(new DataException("x", new OutOfMemoryError("Metaspace"))));
    }
}
