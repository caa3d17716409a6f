package dev.ridgeline.engine.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether a Linux machine has the NVIDIA driver at all, from its files, before JCuda is touched. JCuda's first
 * call unpacks its native library into java.io.tmpdir under a fixed name, and loads a file already there by
 * that name: on a machine without the driver (most that run the default {@code auto}) the probe would load
 * native code from a shared directory for nothing, and leave 1.2 MB behind. The driver is taken as present
 * when the kernel module reports itself (/proc/driver/nvidia/version), when libcuda.so.1 is in a directory of
 * LD_LIBRARY_PATH or a usual library directory (WSL's included), or when the dynamic loader's cache names it.
 * Other systems are not screened.
 */
final class DriverFiles {
    /** The usual homes of libcuda.so.1: distribution library directories, the CUDA toolkit's, WSL's. */
    static final List<String> LIBRARY_DIRECTORIES = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/usr/lib", "/lib64", "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
            "/usr/local/cuda/lib64", "/usr/local/cuda/compat", "/usr/lib/wsl/lib", "/usr/local/nvidia/lib64",
            "/usr/local/nvidia/lib");
    static final String LIBRARY = "libcuda.so.1";

    private DriverFiles() {
    }

    /** Empty when the driver may be present (or the system is not Linux), else why it is not. */
    static Optional<String> missing() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        return missing(System.getenv(), Files::exists, DriverFiles::loaderCacheNamesLibcuda);
    }

    /**
     * @param environment the process environment (LD_LIBRARY_PATH)
     * @param exists whether a file exists
     * @param loaderCache whether the dynamic loader's cache names libcuda.so.1
     */
    static Optional<String> missing(Map<String, String> environment, Predicate<Path> exists,
            java.util.function.BooleanSupplier loaderCache) {
        if (exists.test(Path.of("/proc/driver/nvidia/version"))) {
            return Optional.empty();
        }
        List<String> directories = new ArrayList<>();
        String path = environment.get("LD_LIBRARY_PATH");
        if (path != null) {
            for (String directory : path.split(":")) {
                if (!directory.isEmpty()) {
                    directories.add(directory);
                }
            }
        }
        directories.addAll(LIBRARY_DIRECTORIES);
        for (String directory : directories) {
            if (exists.test(Path.of(directory, LIBRARY))) {
                return Optional.empty();
            }
        }
        if (loaderCache.getAsBoolean()) {
            return Optional.empty();
        }
        return Optional.of("libcuda not loadable: " + LIBRARY + " is in no library directory and there is no "
                + "/proc/driver/nvidia (is the NVIDIA driver installed?)");
    }

    /** Whether /etc/ld.so.cache holds the name libcuda.so.1 (a binary file; its strings are plain bytes). */
    private static boolean loaderCacheNamesLibcuda() {
        try {
            byte[] cache = Files.readAllBytes(Path.of("/etc/ld.so.cache"));
            return new String(cache, StandardCharsets.ISO_8859_1).contains(LIBRARY);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
