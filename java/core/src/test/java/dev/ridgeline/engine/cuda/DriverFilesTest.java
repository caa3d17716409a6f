package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The screen before JCuda: the driver's files, or a reason without loading any native code. */
class DriverFilesTest {
    private static Optional<String> with(Set<String> files, Map<String, String> env, boolean cache) {
        return DriverFiles.missing(env, p -> files.contains(p.toString()), () -> cache);
    }

    @Test
    void noDriverFileGivesTheReasonAndNamesTheFix() {
        Optional<String> reason = with(Set.of(), Map.of(), false);
        assertEquals(Optional.of("libcuda not loadable: libcuda.so.1 is in no library directory and there is no "
                + "/proc/driver/nvidia (is the NVIDIA driver installed?)"), reason);
    }

    @Test
    void anyOfTheDriversMarksLetsTheProbeGoOn() {
        assertEquals(Optional.empty(), with(Set.of("/proc/driver/nvidia/version"), Map.of(), false));
        assertEquals(Optional.empty(), with(Set.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1"), Map.of(), false));
        assertEquals(Optional.empty(), with(Set.of("/usr/lib/wsl/lib/libcuda.so.1"), Map.of(), false));
        assertEquals(Optional.empty(), with(Set.of("/opt/driver/lib/libcuda.so.1"),
                Map.of("LD_LIBRARY_PATH", "/x::/opt/driver/lib"), false));
        assertEquals(Optional.empty(), with(Set.of(), Map.of(), true));
        assertTrue(with(Set.of("/opt/driver/lib/libcuda.so.1"), Map.of(), false).isPresent());
    }

    /**
     * The real selection in a JVM of its own, with a private java.io.tmpdir: on a machine without the driver,
     * "auto" answers without JCuda unpacking its library there (before the screen it left
     * libJCudaDriver-12.6.0-linux-x86_64.so, and loaded such a file when one was already there).
     */
    @Test
    void autoOnAMachineWithoutTheDriverUnpacksNoNativeLibrary(@TempDir Path tmp) throws Exception {
        assumeTrue(DriverFiles.missing().isPresent(), "this machine has the NVIDIA driver");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), SelectAuto.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.contains("JCuda")).toList());
        }
        assertTrue(out.contains("libcuda not loadable: libcuda.so.1 is in no library directory"), out);
    }

    /** Selects "auto" and prints why CUDA was not chosen. */
    public static final class SelectAuto {
        public static void main(String[] args) {
            System.out.println(dev.ridgeline.engine.Backends.select("auto"));
        }
    }
}
