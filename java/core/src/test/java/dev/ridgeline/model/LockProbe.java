package dev.ridgeline.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run as a separate process by tests: prints "held" when another process holds a lock on the file {@code args[0]},
 * "free" when this process could take one. A probe from inside the locking JVM sees only that JVM's lock table, and
 * closing its channel would drop the real lock it probes.
 */
public final class LockProbe {
    private LockProbe() {
    }

    public static void main(String[] args) throws IOException {
        try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
                FileLock lock = c.tryLock()) {
            System.out.println(lock == null ? "held" : "free");
        }
    }

    /** Runs the probe on {@code file} in a new JVM and returns what it printed. */
    static String probe(Path file) throws IOException, InterruptedException {
        String launcher = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(launcher, "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }
}
