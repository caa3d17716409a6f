package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the CUDA kernels' own source on the CPU (native/emulation: each block on 256 threads with real
 * barriers and warp shuffles) with the backend's launch sequence, against a double-precision reference
 * of the objective: tails, K = 1, 2, 8, 9, weights, frozen models, no intercept, mini-batches, momentum
 * and Nesterov, the wide path, loss-only and predict, and bitwise repeatability of a step with the
 * block threads really running concurrently. Tolerance 1e-4 (in kernel_check.cpp). Needs g++
 * with C++20 (std::barrier); skips without one. It checks indexing, layouts and reduction order, not GPU behaviour.
 */
class KernelEmulationTest {
    @Test
    void kernelsMatchTheReferenceOnTheCpuStandIn() throws IOException, InterruptedException {
        assumeTrue(cxx20BarrierAvailable(), "no g++ with C++20 <barrier> on the PATH");
        Path binary = Path.of("target", "kernel-check");
        Files.createDirectories(binary.getParent());
        Path source = KernelNamesTest.NATIVE.resolve("emulation/kernel_check.cpp");
        Result compile = run(List.of("g++", "-std=c++20", "-O1", "-pthread", "-Wno-unknown-pragmas",
                "-I", KernelNamesTest.NATIVE.toString(), "-o", binary.toString(), source.toString()), 300);
        assertEquals(0, compile.code(), "kernel_check.cpp does not compile:\n" + compile.output());
        Result check = run(List.of(binary.toAbsolutePath().toString()), 600);
        assertEquals(0, check.code(), check.output());
        assertTrue(check.output().contains("PASS: 0 of 14 cases failed"), check.output());
    }

    /** native/emulation/clip_check.cpp: the DP-SGD clipped sum kernels against a double reference (1e-9 of C * rows). */
    @Test
    void clippedSumKernelsMatchTheReferenceOnTheCpuStandIn() throws IOException, InterruptedException {
        assumeTrue(cxx20BarrierAvailable(), "no g++ with C++20 <barrier> on the PATH");
        Path binary = Path.of("target", "clip-check");
        Files.createDirectories(binary.getParent());
        Path source = KernelNamesTest.NATIVE.resolve("emulation/clip_check.cpp");
        Result compile = run(List.of("g++", "-std=c++20", "-O1", "-pthread", "-Wno-unknown-pragmas",
                "-I", KernelNamesTest.NATIVE.toString(), "-o", binary.toString(), source.toString()), 300);
        assertEquals(0, compile.code(), "clip_check.cpp does not compile:\n" + compile.output());
        Result check = run(List.of(binary.toAbsolutePath().toString()), 600);
        assertEquals(0, check.code(), check.output());
        assertTrue(check.output().contains("PASS: 0 of 8 cases failed"), check.output());
    }

    private record Result(int code, String output) {
    }

    /** A command that never ends must fail the test at its limit, not hang the build. */
    @Test
    void aCommandPastItsLimitIsStoppedAndReported() throws IOException, InterruptedException {
        assumeTrue(available("sleep"), "sleep not on the PATH");
        long start = System.nanoTime();
        Result r = run(List.of("sleep", "60"), 1);
        assertEquals(-1, r.code(), r.output());
        assertTrue(r.output().startsWith("timed out after 1 s"), r.output());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "the limit did not stop the command");
    }

    /**
     * Runs a command with its output in a file (read after it ends), so that the limit is enforced
     * while it runs: reading a pipe to its end first would wait for as long as the command does.
     */
    static Result run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("kernel-emulation", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + seconds + " s: " + command + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean available(String tool) {
        try {
            return new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The emulation needs C++20's std::barrier; an older g++ is a reason to skip, not a failure. */
    private static boolean cxx20BarrierAvailable() throws IOException, InterruptedException {
        if (!available("g++")) {
            return false;
        }
        Path probe = Files.createTempFile("barrier-probe", ".cpp");
        try {
            Files.writeString(probe, "#include <barrier>\nint main() { std::barrier b(1); b.arrive_and_wait(); }\n");
            return run(List.of("g++", "-std=c++20", "-fsyntax-only", probe.toString()), 120).code() == 0;
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
