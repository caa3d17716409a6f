package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ridgeline} rebuilds the jar when anything that goes into it is newer: a pom, a main source or
 * resource, a CUDA kernel source; not for build outputs; and when it was built from another commit. Run on a copy of the script in a fake checkout, with
 * stand-ins for mvn (which records the call) and java.
 */
class LauncherScriptTest {
    private static final FileTime SOURCES = FileTime.fromMillis(1_000_000_000_000L);
    private static final FileTime JAR = FileTime.fromMillis(1_000_000_100_000L);
    private static final FileTime LATER = FileTime.fromMillis(1_000_000_200_000L);

    @TempDir
    Path root;

    private Path fakeBin;

    @BeforeEach
    void fakeCheckout() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Path script = script();
        Files.createDirectories(root.resolve("bin"));
        Files.copy(script, root.resolve("bin/ridgeline"));
        executable(root.resolve("bin/ridgeline"));
        for (String f : List.of("pom.xml", "java/core/pom.xml", "java/cli/pom.xml",
                "java/core/src/main/java/dev/ridgeline/A.java", "java/core/src/main/resources/dev/ridgeline/data/d.csv",
                "java/cli/src/main/resources/notes.txt", "native/kernel.cu", "native/build/kernel.fatbin",
                "java/core/target/classes/A.class", "java/cli/src/test/java/T.java")) {
            write(root.resolve(f), SOURCES);
        }
        write(root.resolve("java/cli/target/ridgeline.jar"), JAR);
        fakeBin = root.resolve("fake-bin");
        Files.createDirectories(fakeBin);
        Files.writeString(fakeBin.resolve("mvn"), "#!/bin/bash\necho built >> \"" + root.resolve("mvn.log")
                + "\"\ntouch \"" + root.resolve("java/cli/target/ridgeline.jar") + "\"\n");
        Files.writeString(fakeBin.resolve("java"), "#!/bin/bash\necho \"$*\" >> \"" + root.resolve("java.log")
                + "\"\nexit 0\n");
        executable(fakeBin.resolve("mvn"));
        executable(fakeBin.resolve("java"));
    }

    @Test
    void aFreshJarIsNotRebuilt() throws Exception {
        assertEquals(0, builds());
    }

    @Test
    void aNewerSourceResourcePomOrKernelRebuildsTheJar() throws Exception {
        for (String f : List.of("java/core/src/main/resources/dev/ridgeline/data/d.csv",
                "java/cli/src/main/resources/notes.txt", "native/kernel.cu", "java/core/src/main/java/dev/ridgeline/A.java",
                "java/cli/pom.xml", "pom.xml")) {
            Files.setLastModifiedTime(root.resolve("java/cli/target/ridgeline.jar"), JAR);
            Files.setLastModifiedTime(root.resolve(f), LATER);
            assertEquals(1, builds(), f);
            Files.setLastModifiedTime(root.resolve(f), SOURCES);
            Files.delete(root.resolve("mvn.log"));
        }
    }

    @Test
    void newerBuildOutputsAndTestsDoNotRebuild() throws Exception {
        for (String f : List.of("native/build/kernel.fatbin", "java/core/target/classes/A.class",
                "java/cli/src/test/java/T.java")) {
            Files.setLastModifiedTime(root.resolve(f), LATER);
        }
        assertEquals(0, builds());
    }

    /**
     * A commit changes no file's time, yet `--version` and the model card name the commit the jar was built
     * from: a jar whose build-info names another commit than the checkout's is rebuilt; one that names the
     * checkout's commit is not.
     */
    @Test
    void aJarBuiltFromAnotherCommitIsRebuilt() throws Exception {
        assumeTrue(run(root, "git", "--version") == 0, "needs git");
        assertEquals(0, run(root, "git", "init", "-q"));
        assertEquals(0, run(root, "git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q",
                "--allow-empty", "-m", "start"));
        Path buildInfo = root.resolve("java/core/target/classes/dev/ridgeline/card/build-info.properties");
        Files.createDirectories(buildInfo.getParent());
        Files.writeString(buildInfo, "version=1\ncommit=" + "0".repeat(40) + "\nmodified=false\n");
        Files.setLastModifiedTime(buildInfo, SOURCES);
        assertEquals(1, builds());
        Files.delete(root.resolve("mvn.log"));
        ProcessBuilder head = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "HEAD");
        Process p = head.start();
        String commit = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor());
        Files.writeString(buildInfo, "version=1\ncommit=" + commit + "\nmodified=false\n");
        Files.setLastModifiedTime(buildInfo, SOURCES);
        assertEquals(0, builds());
    }

    /**
     * Two commands started together on a stale jar: one builds while the other waits, then finds the jar
     * fresh; without the lock both ran Maven into the same target folders and one build failed.
     */
    @Test
    void twoCommandsStartedTogetherBuildOnce() throws Exception {
        assumeTrue(run(root, "bash", "-c", "command -v flock") == 0, "needs flock(1)");
        Files.writeString(fakeBin.resolve("mvn"), "#!/bin/bash\necho start >> \"" + root.resolve("mvn.log")
                + "\"\nsleep 1\ntouch \"" + root.resolve("java/cli/target/ridgeline.jar") + "\"\necho end >> \""
                + root.resolve("mvn.log") + "\"\n");
        Files.setLastModifiedTime(root.resolve("java/core/src/main/java/dev/ridgeline/A.java"), LATER);
        Process first = launcher().start();
        Process second = launcher().start();
        for (Process p : List.of(first, second)) {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), output);
        }
        assertEquals(List.of("start", "end"), Files.readAllLines(root.resolve("mvn.log")));
        assertEquals(2, Files.readAllLines(root.resolve("java.log")).size());
    }

    /** The copied script with the stand-ins first on the PATH. */
    private ProcessBuilder launcher() {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/ridgeline").toString(), "--version");
        pb.environment().put("PATH", fakeBin + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().remove("JAVA_HOME");
        pb.redirectErrorStream(true);
        return pb;
    }

    /**
     * Started through a link in another folder (as ~/bin/ridgeline), the script runs the checkout it lives in:
     * it had taken the link's folder for the checkout, run Maven there and made a java/cli/target in it.
     */
    @Test
    void aLinkToTheScriptRunsItsOwnCheckout() throws Exception {
        Path home = Files.createDirectories(root.resolve("home/bin"));
        Files.createSymbolicLink(home.resolve("ridgeline"), root.resolve("bin/ridgeline"));
        Result r = launch(home.resolve("ridgeline"), Map.of());
        assertEquals(0, r.code(), r.output());
        assertEquals(1, Files.readAllLines(root.resolve("java.log")).size());
        assertFalse(Files.exists(root.resolve("home/java")), "nothing made beside the link");
    }

    /**
     * JAVA_HOME's java runs the jar, as Maven builds with it; one older than 17 (by its release file) or
     * missing is named in one line, exit 3, where the JVM had failed on its options with its own errors.
     */
    @Test
    void javaHomeIsUsedAndAnOldOrMissingJavaIsNamed() throws Exception {
        for (String[] release : new String[][] {{"jdk21", "21.0.2", "0"}, {"jdk11", "11.0.21", "3"}, {"jdk8", "1.8.0_381", "3"}}) {
            Path jdk = Files.createDirectories(root.resolve(release[0] + "/bin"));
            Files.writeString(jdk.resolve("java"), "#!/bin/bash\necho \"" + release[0] + " $*\" >> \""
                    + root.resolve("java.log") + "\"\n");
            executable(jdk.resolve("java"));
            Files.writeString(root.resolve(release[0] + "/release"), "JAVA_VERSION=\"" + release[1] + "\"\n");
            Result r = launch(root.resolve("bin/ridgeline"), Map.of("JAVA_HOME", root.resolve(release[0]).toString()));
            assertEquals(Integer.parseInt(release[2]), r.code(), r.output());
            if (r.code() == 0) {
                assertTrue(Files.readString(root.resolve("java.log")).startsWith("jdk21 --add-modules"));
                Files.delete(root.resolve("java.log"));
            } else {
                assertEquals("ridgeline: error: Java 17 or newer is needed, found " + release[1] + " ("
                        + jdk.resolve("java") + "): install a newer one, or set JAVA_HOME to it", r.output().strip());
                assertFalse(Files.exists(root.resolve("java.log")));
            }
        }
        // A JDK 8 whose bin/java links to its jre/bin/java, named by its folder or by its jre/: the release file
        // is the JDK folder's.
        Path jre = Files.createDirectories(root.resolve("jdk8l/jre/bin"));
        Files.writeString(jre.resolve("java"), "#!/bin/bash\necho ran >> \"" + root.resolve("java.log") + "\"\n");
        executable(jre.resolve("java"));
        Files.createDirectories(root.resolve("jdk8l/bin"));
        Files.createSymbolicLink(root.resolve("jdk8l/bin/java"), Path.of("../jre/bin/java"));
        Files.writeString(root.resolve("jdk8l/release"), "JAVA_VERSION=\"1.8.0_392\"\n");
        for (String home : new String[] {"jdk8l", "jdk8l/jre"}) {
            Result old = launch(root.resolve("bin/ridgeline"), Map.of("JAVA_HOME", root.resolve(home).toString()));
            assertEquals(3, old.code(), home + ": " + old.output());
            assertTrue(old.output().startsWith("ridgeline: error: Java 17 or newer is needed, found 1.8.0_392"), old.output());
            assertFalse(Files.exists(root.resolve("java.log")), home);
        }
        Result missing = launch(root.resolve("bin/ridgeline"), Map.of("JAVA_HOME", root.resolve("none").toString()));
        assertEquals(3, missing.code());
        assertEquals("ridgeline: error: JAVA_HOME=" + root.resolve("none") + " has no bin/java: point it at a Java 17+"
                + " JDK, or unset it", missing.output().strip());
    }

    /**
     * A runtime image made by jlink without jdk.incubator.vector (its release file's MODULES line lacks it) is
     * started without --add-modules: with it the JVM had not started ("Module jdk.incubator.vector not found",
     * exit 1); a JDK that lists the module, or whose release file lists no modules, is given it.
     */
    @Test
    void aRuntimeWithoutTheVectorModuleIsNotAskedToAddIt() throws Exception {
        String[][] images = {
            {"slim", "MODULES=\"java.base java.desktop java.logging\"\n", "false"},
            {"full", "MODULES=\"java.base jdk.incubator.vector jdk.jfr\"\n", "true"},
            {"last", "MODULES=\"java.base jdk.incubator.vector\"\n", "true"},
            {"unlisted", "", "true"},
        };
        for (String[] image : images) {
            Path bin = Files.createDirectories(root.resolve(image[0] + "/bin"));
            Files.writeString(bin.resolve("java"), "#!/bin/bash\necho \"$*\" > \"" + root.resolve("java.log") + "\"\n");
            executable(bin.resolve("java"));
            Files.writeString(root.resolve(image[0] + "/release"), "JAVA_VERSION=\"17.0.15\"\n" + image[1]);
            Result r = launch(root.resolve("bin/ridgeline"), Map.of("JAVA_HOME", root.resolve(image[0]).toString()));
            assertEquals(0, r.code(), r.output());
            assertEquals(Boolean.parseBoolean(image[2]), Files.readString(root.resolve("java.log"))
                    .startsWith("--add-modules jdk.incubator.vector "), image[0]);
        }
    }

    /**
     * A TMPDIR that is no folder is named in one line (mktemp's own error had ended the script), also before a
     * build, whose log goes there.
     */
    @Test
    void aTmpdirThatIsNoFolderIsNamed() throws Exception {
        for (boolean stale : new boolean[] {false, true}) {
            Files.setLastModifiedTime(root.resolve("java/core/src/main/java/dev/ridgeline/A.java"), stale ? LATER : SOURCES);
            Result r = launch(root.resolve("bin/ridgeline"), Map.of("TMPDIR", root.resolve("none").toString()));
            assertEquals(3, r.code(), r.output());
            assertEquals("ridgeline: error: the temporary folder " + root.resolve("none") + " (TMPDIR) is not a folder"
                    + " this user can write", r.output().strip());
            assertFalse(Files.exists(root.resolve("mvn.log")), "no build");
        }
    }

    /**
     * SIGTERM to the script while it builds stops the build at once (exit 143, one line, no log left): the
     * script had waited for the whole build, Maven running on, and then said that the next run would build.
     */
    @Test
    void aSignalDuringTheBuildStopsItAtOnce() throws Exception {
        Files.writeString(fakeBin.resolve("mvn"), "#!/bin/bash\necho start >> \"" + root.resolve("mvn.log")
                + "\"\nsleep 20\necho end >> \"" + root.resolve("mvn.log") + "\"\n");
        Files.setLastModifiedTime(root.resolve("java/core/src/main/java/dev/ridgeline/A.java"), LATER);
        ProcessBuilder pb = launcher();
        Files.createDirectories(root.resolve("tmp"));
        pb.environment().put("TMPDIR", root.resolve("tmp").toString());
        pb.redirectOutput(root.resolve("launcher.out").toFile()); // destroy() closes the process's pipes
        Process p = pb.start();
        for (int i = 0; i < 200 && !Files.exists(root.resolve("mvn.log")); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(root.resolve("mvn.log")), "the build started");
        long start = System.nanoTime();
        p.destroy(); // SIGTERM, to the script alone
        assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "stopped within seconds, not after the build");
        String output = Files.readString(root.resolve("launcher.out"));
        assertEquals(143, p.exitValue(), output);
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        assertTrue(output.contains("ridgeline: stopped by a signal while building the jar"), output);
        Thread.sleep(300);
        assertEquals(List.of("start"), Files.readAllLines(root.resolve("mvn.log")), "the build did not go on");
        try (var left = Files.list(root.resolve("tmp"))) {
            assertEquals(List.of(), left.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("ridgeline-build"))
                    .toList(), "no build log left");
        }
    }

    /**
     * Started by a POSIX sh (dash), the script says it is bash's in one line, exit 3, where dash had stopped at
     * its first line with "set: Illegal option -o pipefail".
     */
    @Test
    void startedWithShItSaysToRunItWithBash() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/dash")), "needs dash");
        ProcessBuilder pb = new ProcessBuilder("/bin/dash", root.resolve("bin/ridgeline").toString(), "--version")
                .redirectErrorStream(true);
        pb.environment().put("PATH", fakeBin + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().remove("BASH_VERSION");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, p.waitFor(), output);
        assertEquals("ridgeline: error: bin/ridgeline is a bash script: run it as bin/ridgeline or with bash, not with"
                + " sh", output.strip());
        assertFalse(Files.exists(root.resolve("java.log")), "java ran");
    }

    /** The options are split at white space, line breaks too, and never taken as file-name patterns. */
    @Test
    void optionsAreNotExpandedAsFileNames() throws Exception {
        Files.writeString(root.resolve("-Dx=match"), "");
        Result r = launch(root.resolve("bin/ridgeline"), Map.of("RIDGELINE_JAVA_OPTS", "-Dx=*\n  -Xmx1g\n"));
        assertEquals(0, r.code(), r.output());
        String call = Files.readString(root.resolve("java.log"));
        assertTrue(call.contains(" -Dx=* -Xmx1g -jar "), call);
    }

    private record Result(int code, String output) {
    }

    /** Runs {@code script} in the checkout's folder with the stand-ins first on the PATH and {@code extra} set. */
    private Result launch(Path script, Map<String, String> extra) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "--version").directory(root.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", fakeBin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.remove("JAVA_HOME");
        Files.createDirectories(root.resolve("tmp"));
        env.put("TMPDIR", root.resolve("tmp").toString());
        env.putAll(extra);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }

    /** The parallel collector unless RIDGELINE_JAVA_OPTS names one (the JVM refuses two). */
    @Test
    void theThroughputCollectorIsChosenUnlessTheOptionsNameOne() throws Exception {
        String tmp = "-Djava.io.tmpdir=" + privateTmp();
        assertEquals("--add-modules jdk.incubator.vector -XX:+UseParallelGC " + tmp + " -jar " + jar() + " --version",
                javaCall(null));
        assertEquals("--add-modules jdk.incubator.vector -XX:+UseParallelGC " + tmp + " -Xmx2g -Dridgeline.threads=1 -jar "
                + jar() + " --version", javaCall("-Xmx2g -Dridgeline.threads=1"));
        assertEquals("--add-modules jdk.incubator.vector " + tmp + " -Xmx2g -XX:+UseG1GC -jar " + jar() + " --version",
                javaCall("-Xmx2g -XX:+UseG1GC"));
        assertEquals("--add-modules jdk.incubator.vector " + tmp + " -XX:+UseZGC -jar " + jar() + " --version",
                javaCall("-XX:+UseZGC"));
    }

    /**
     * The JVM's temporary directory (where JCuda unpacks its native library under a fixed name) is one only
     * this user can write: made with mode 700, or made so when it is already this user's.
     */
    @Test
    void theJvmsTemporaryDirectoryIsPrivateToTheUser() throws Exception {
        javaCall(null);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateTmp())));
        Files.setPosixFilePermissions(privateTmp(), PosixFilePermissions.fromString("rwxrwxrwx"));
        javaCall(null);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateTmp())));
    }

    /** A link planted where the directory goes is not followed: the run takes a fresh directory of its own. */
    @Test
    void aLinkAtThePrivateDirectorysPathIsNotFollowed() throws Exception {
        Path planted = Files.createDirectories(root.resolve("tmp/planted"));
        Files.createSymbolicLink(privateTmp(), planted);
        String call = javaCall(null);
        String dir = call.replaceAll(".*-Djava\\.io\\.tmpdir=(\\S+) .*", "$1");
        assertTrue(dir.startsWith(root.resolve("tmp/ridgeline.").toString()), call);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(dir))));
    }

    @Test
    void aUtf8LocaleThatIsNotInstalledIsReplacedByCUtf8() throws Exception {
        assumeTrue(charmap(Map.of("LANG", "xx_YY.UTF-8")).equals("ANSI_X3.4-1968"), "needs locale(1)");
        assertEquals("C.UTF-8", localeGiven(Map.of("LANG", "xx_YY.UTF-8")));
        assertEquals("C.UTF-8", localeGiven(Map.of("LC_ALL", "C")));
    }

    @Test
    void anInstalledUtf8LocaleIsKept() throws Exception {
        assumeTrue(charmap(Map.of("LANG", "C.UTF-8")).equals("UTF-8"), "needs the C.UTF-8 locale");
        assertEquals("unset", localeGiven(Map.of("LANG", "C.UTF-8")));
    }

    /** The LC_ALL the script starts java with, from an environment with only {@code locale} set. */
    private String localeGiven(Map<String, String> locale) throws IOException, InterruptedException {
        Files.writeString(fakeBin.resolve("java"), "#!/bin/bash\necho \"${LC_ALL-unset}\" >> \""
                + root.resolve("java.log") + "\"\n");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/ridgeline").toString(), "--version");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
        env.putAll(locale);
        env.put("PATH", fakeBin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.remove("JAVA_HOME");
        Files.createDirectories(root.resolve("tmp"));
        env.put("TMPDIR", root.resolve("tmp").toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        Path log = root.resolve("java.log");
        String seen = Files.readString(log).strip();
        Files.delete(log);
        return seen;
    }

    /** What {@code locale charmap} says in an environment with only {@code locale} set ("" without locale(1)). */
    private static String charmap(Map<String, String> locale) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "locale charmap 2>/dev/null || true");
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
        pb.environment().putAll(locale);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }

    /** Where the script puts the JVM's temporary directory: TMPDIR is set to root/tmp for every call. */
    private Path privateTmp() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, id.waitFor());
        return root.resolve("tmp/ridgeline-" + uid);
    }

    private Path jar() {
        return root.resolve("java/cli/target/ridgeline.jar");
    }

    /** The arguments the script gave java, with RIDGELINE_JAVA_OPTS set to {@code options} (null: unset). */
    private String javaCall(String options) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/ridgeline").toString(), "--version");
        Map<String, String> env = pb.environment();
        env.put("PATH", fakeBin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.remove("JAVA_HOME");
        env.remove("RIDGELINE_JAVA_OPTS");
        Files.createDirectories(root.resolve("tmp"));
        env.put("TMPDIR", root.resolve("tmp").toString());
        if (options != null) {
            env.put("RIDGELINE_JAVA_OPTS", options);
        }
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        Path log = root.resolve("java.log");
        List<String> calls = Files.readAllLines(log);
        Files.delete(log);
        assertEquals(1, calls.size(), calls.toString());
        return calls.get(0);
    }

    private static int run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    /** Runs the copied script; returns how many times it called mvn. */
    private int builds() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/ridgeline").toString(), "--version");
        Map<String, String> env = pb.environment();
        env.put("PATH", fakeBin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.remove("JAVA_HOME");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        Path log = root.resolve("mvn.log");
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/ridgeline"))) {
                return dir.resolve("bin/ridgeline");
            }
        }
        throw new IllegalStateException("bin/ridgeline not found above " + Path.of("").toAbsolutePath());
    }

    private static void write(Path file, FileTime time) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x\n");
        Files.setLastModifiedTime(file, time);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
