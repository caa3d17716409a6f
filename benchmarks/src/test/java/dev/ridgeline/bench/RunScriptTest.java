package dev.ridgeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code benchmarks/run.sh} before it measures anything: run on a copy of the script in a fake checkout, with
 * stand-ins for mvn (which records the build) and java (whose behaviour each test writes).
 */
class RunScriptTest {
    @TempDir
    Path root;

    private Path fakeBin;

    @BeforeEach
    void fakeCheckout() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Files.createDirectories(root.resolve("benchmarks/target"));
        Files.copy(Path.of("run.sh"), root.resolve("benchmarks/run.sh"));
        executable(root.resolve("benchmarks/run.sh"));
        Files.writeString(root.resolve("benchmarks/target/benchmarks.jar"), "");
        Files.createDirectories(root.resolve("tmp"));
        fakeBin = root.resolve("fake-bin");
        Files.createDirectories(fakeBin);
        Files.writeString(fakeBin.resolve("mvn"), "#!/bin/bash\necho built >> \"" + root.resolve("mvn.log") + "\"\n");
        executable(fakeBin.resolve("mvn"));
    }

    /**
     * A java that cannot load the Vector API's module (a Java before 17, a jlinked runtime without it) is refused
     * in one line before the build, where each JVM of the run had printed the JVM's boot error after it.
     */
    @Test
    void aJavaWithoutTheVectorModuleIsRefusedInOneLineBeforeTheBuild() throws Exception {
        java("""
                if [[ "$*" == *--add-modules=jdk.incubator.vector* ]]; then
                  echo 'Error occurred during initialization of boot layer'
                  echo 'java.lang.module.FindException: Module jdk.incubator.vector not found'
                  exit 1
                fi
                exit 0
                """);
        Result r = run(List.of("--quick"), false);
        assertEquals(2, r.status(), r.toString());
        List<String> lines = r.stderr().lines().toList();
        assertEquals(1, lines.size(), r.toString());
        assertEquals("benchmarks/run.sh: '" + fakeBin.resolve("java") + "' cannot start with the module"
                + " jdk.incubator.vector (set JAVA to the java of a JDK 17+ that has it)", lines.get(0));
        assertEquals("", r.stdout(), r.toString());
        assertFalse(Files.exists(root.resolve("mvn.log")), "built before the check");
        assertFalse(Files.exists(root.resolve("benchmarks/results")), "a work folder was left");
    }

    /**
     * While a run is under way, a second is refused in one line before it builds: its JVMs would have competed
     * with the first's for the cores, its build replaced the jar the first still starts JVMs from, and JMH's own
     * lock stopped one of the two with a stack trace. The first run then ends as it would alone, and frees the lock.
     */
    @Test
    void aSecondRunIsRefusedBeforeItBuildsWhileTheFirstRuns() throws Exception {
        Path started = root.resolve("jmh-started");
        Path go = root.resolve("go");
        // The first run's JMH waits for the test, then fails as a benchmark that throws fails it.
        java(jmhThatWaits(started, go));
        Process first = start(List.of("--quick"), true, "first");
        try {
            for (int i = 0; i < 600 && !Files.exists(started); i++) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(started), "the first run did not reach JMH");
            Result second = run(List.of("--quick"), false);
            assertEquals(2, second.status(), second.toString());
            List<String> lines = second.stderr().lines().toList();
            assertEquals(1, lines.size(), second.toString());
            assertTrue(lines.get(0).startsWith("benchmarks/run.sh: another run of the suite is under way on this"
                    + " machine (process " + first.pid() + ", lock " + root.resolve("tmp/ridgeline-benchmarks.lock")
                    + "): two runs would compete for the cores"), lines.get(0));
            assertFalse(Files.exists(root.resolve("mvn.log")), "the second run built the jar");
        } finally {
            Files.writeString(go, "");
            if (!first.waitFor(60, TimeUnit.SECONDS)) {
                first.destroyForcibly();
            }
        }
        assertEquals(1, first.exitValue());
        assertTrue(Files.readString(root.resolve("err-first.txt")).contains("run failed; partial results kept in"));
        assertFalse(Files.exists(root.resolve("tmp/ridgeline-benchmarks.lock")), "the lock was left");
    }

    /** A lock whose run has ended (a run killed with SIGKILL leaves it) is taken over, and freed at the end. */
    @Test
    void aLockLeftByARunThatEndedIsTakenOver() throws Exception {
        Process gone = new ProcessBuilder("/bin/true").start();
        gone.waitFor();
        Path lock = root.resolve("tmp/ridgeline-benchmarks.lock");
        Files.createDirectories(lock);
        Files.writeString(lock.resolve("pid"), gone.pid() + "\n");
        java(jmhThatWaits(root.resolve("jmh-started"), root));
        assertTakesTheLockOverAndFreesIt(lock);
    }

    @Test
    void aLockHoldingThisRunsOwnProcessIdIsTakenOver() throws Exception {
        // The lock of a run that ended holds an id since given to this run (ids are reused; a container restarted
        // deals them out alike, and exec keeps its caller's): the process holding it is no other run.
        Path lock = root.resolve("tmp/ridgeline-benchmarks.lock");
        Files.createDirectories(lock);
        java(jmhThatWaits(root.resolve("jmh-started"), root));
        String stderr = finished(start(new ProcessBuilder("/bin/bash", "-c",
                "echo $$ > \"$1\"; exec /bin/bash \"$2\" --quick", "-", lock.resolve("pid").toString(),
                root.resolve("benchmarks/run.sh").toString()), true, "")).stderr();
        assertFalse(stderr.contains("another run"), stderr);
        assertTrue(Files.exists(root.resolve("jmh-started")), stderr);
        assertFalse(Files.exists(lock), "the lock was left");
    }

    /**
     * Under flock(1) a lock is made and given its id in one guarded step, so a lock without an id was left by a run
     * killed between the two, and is taken over (unguarded it is taken for a run making its lock now, and refused).
     * The same guard keeps two runs that find one stale lock from both taking it.
     */
    @Test
    void aLockWithoutAProcessIdIsTakenOverUnderTheGuard() throws Exception {
        assumeTrue(new ProcessBuilder("/bin/sh", "-c", "command -v flock").start().waitFor() == 0, "no flock here");
        Path lock = root.resolve("tmp/ridgeline-benchmarks.lock");
        Files.createDirectories(lock);
        java(jmhThatWaits(root.resolve("jmh-started"), root));
        assertTakesTheLockOverAndFreesIt(lock);
    }

    /** FORKS outside 2-20, or with --quick (one fork of each), is refused in one line before the build. */
    @Test
    void aBadForksIsRefusedInOneLineBeforeTheBuild() throws Exception {
        java("exit 0\n");
        for (String[] given : new String[][] {{"1", ""}, {"21", ""}, {"two", ""}, {"3", "--quick"}}) {
            Result r = runWithForks(given[0], given[1]);
            assertEquals(2, r.status(), r.toString());
            List<String> lines = r.stderr().lines().toList();
            assertEquals(1, lines.size(), r.toString());
            assertTrue(lines.get(0).startsWith(given[1].isEmpty()
                    ? "benchmarks/run.sh: FORKS must be a whole number from 2 to 20, got '" + given[0] + "'"
                    : "benchmarks/run.sh: FORKS sets the full suite's forks; --quick runs one fork"), lines.get(0));
            assertFalse(Files.exists(root.resolve("mvn.log")), "built before the check");
        }
    }

    /**
     * FORKS=3: every epoch benchmark and the streaming read run in three JVMs (JMH's -f 3) and the summary's command
     * says so; the runs without a target keep their one fork.
     */
    @Test
    void forksSetsTheForksOfTheEpochsAndTheRead() throws Exception {
        Path args = root.resolve("java-args.txt");
        java("echo \"$*\" >> \"" + args + "\"\n"
                + "if [[ \"$*\" == *BackendCheck* ]]; then echo 'cuda unavailable: stand-in'; exit 1; fi\nexit 0\n");
        runWithForks("3", "");
        List<String> jmh = Files.readAllLines(args).stream().filter(line -> line.contains(" -jar ")).toList();
        List<String> epochs = jmh.stream().filter(line -> line.contains("Epoch")
                || line.contains("StreamingReadBenchmark")).toList();
        assertEquals(15, epochs.size(), String.join("\n", jmh));  // five shapes: the read, the epochs, the read
        assertTrue(epochs.stream().allMatch(line -> line.contains(" -f 3 ")), String.join("\n", epochs));
        assertTrue(jmh.stream().filter(line -> line.contains("VectorBindBenchmark") || line.contains("Peer"))
                .allMatch(line -> line.contains(" -f 1 ")), String.join("\n", jmh));
        assertTrue(Files.readString(args).contains("FORKS=3 benchmarks/run.sh"), Files.readString(args));
    }

    /** run.sh (SKIP_BUILD=1 unless refused before it) with FORKS={@code forks}, and {@code mode} unless empty. */
    private Result runWithForks(String forks, String mode) throws Exception {
        return finished(start(new ProcessBuilder("/bin/bash", "-c", "FORKS=\"$1\" exec /bin/bash \"$2\" $3", "-", forks,
                root.resolve("benchmarks/run.sh").toString(), mode), false, ""));
    }

    /**
     * Runs run.sh --quick under a java whose JMH waits ({@link #jmhThatWaits}) and checks that it took {@code lock}
     * over: no "another run" refusal, JMH started (and failed, status 1), the lock gone at the end.
     */
    private void assertTakesTheLockOverAndFreesIt(Path lock) throws Exception {
        Result r = run(List.of("--quick"), true);
        assertEquals(1, r.status(), r.toString());
        assertFalse(r.stderr().contains("another run"), r.toString());
        assertTrue(Files.exists(root.resolve("jmh-started")), r.toString());
        assertFalse(Files.exists(lock), "the lock was left");
    }

    /** A java whose JMH runs (-jar) mark {@code started}, wait for {@code go}, then fail. */
    private static String jmhThatWaits(Path started, Path go) {
        return "if [[ \"$*\" == *-jar* ]]; then\n  touch \"" + started + "\"\n  while [[ ! -e \"" + go
                + "\" ]]; do sleep 0.05; done\n  exit 1\nfi\n"
                + "if [[ \"$*\" == *BackendCheck* ]]; then echo 'cuda unavailable: stand-in'; exit 1; fi\nexit 0\n";
    }

    record Result(int status, String stdout, String stderr) {
    }

    private Result run(List<String> args, boolean skipBuild) throws Exception {
        return finished(start(args, skipBuild, ""));
    }

    /** The run {@code p} (started with no name) once it ended, within 60 s. */
    private Result finished(Process p) throws Exception {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("run.sh did not end within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(root.resolve("out.txt")),
                Files.readString(root.resolve("err.txt")));
    }

    /** run.sh started in the fake checkout; its output in out{name}.txt and err{name}.txt ("-first", ...). */
    private Process start(List<String> args, boolean skipBuild, String name) throws IOException {
        String suffix = name.isEmpty() ? "" : "-" + name;
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of("/bin/bash",
                root.resolve("benchmarks/run.sh").toString()), args.stream()).toList());
        return start(pb, skipBuild, suffix);
    }

    /** {@code pb} started with the fake checkout's environment; its output in out{suffix}.txt and err{suffix}.txt. */
    private Process start(ProcessBuilder pb, boolean skipBuild, String suffix) throws IOException {
        pb.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
        pb.environment().put("JAVA", fakeBin.resolve("java").toString());
        pb.environment().put("TMPDIR", root.resolve("tmp").toString());
        pb.environment().remove("THREADS");
        pb.environment().remove("ALIGN");
        pb.environment().remove("FORKS");
        if (skipBuild) {
            pb.environment().put("SKIP_BUILD", "1");
        } else {
            pb.environment().remove("SKIP_BUILD");
        }
        pb.redirectOutput(root.resolve("out" + suffix + ".txt").toFile());
        pb.redirectError(root.resolve("err" + suffix + ".txt").toFile());
        return pb.start();
    }

    /** The java stand-in: a bash script of {@code body}, its arguments in "$@". */
    private void java(String body) throws IOException {
        Files.writeString(fakeBin.resolve("java"), "#!/bin/bash\n" + body, StandardCharsets.UTF_8);
        executable(fakeBin.resolve("java"));
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
