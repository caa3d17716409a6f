package dev.ridgeline.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The processor a run measured, from Linux's /proc/cpuinfo: its model name, family and model numbers and
 * whether it has AVX-512. Ratios such as K = 8 / K = 1 depend on the processor (its caches, its vector
 * units), and a shared host may hand out another from one day to the next, so a summary names it.
 */
final class CpuDescription {
    private CpuDescription() {
    }

    /** The description of this machine's processor, or empty where /proc/cpuinfo cannot be read. */
    static Optional<String> ofThisMachine() {
        try {
            return of(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * "AMD EPYC (family 26, model 2), AVX-512" from the lines of a cpuinfo text: the first processor's
     * fields; empty without a model name.
     */
    static Optional<String> of(List<String> cpuinfo) {
        String name = null;
        String family = null;
        String model = null;
        String flags = null;
        for (String line : cpuinfo) {
            if (line.isBlank()) {
                if (name != null) {
                    break;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "model name" -> name = name == null ? value : name;
                case "cpu family" -> family = family == null ? value : family;
                case "model" -> model = model == null ? value : model;
                case "flags" -> flags = flags == null ? value : flags;
                default -> {
                }
            }
        }
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(name.replaceAll("\\s+", " "));
        if (family != null && model != null) {
            text.append(" (family ").append(family).append(", model ").append(model).append(')');
        }
        if (flags != null) {
            text.append(List.of(flags.split("\\s+")).contains("avx512f") ? ", AVX-512" : ", no AVX-512");
        }
        return Optional.of(text.toString());
    }
}
