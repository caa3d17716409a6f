package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** KernelNames and the extern "C" kernels of native/ name the same set, and the build unit includes every file. */
class KernelNamesTest {
    static final Path NATIVE = Path.of("../../native");
    private static final Pattern KERNEL = Pattern.compile(
            "extern\\s+\"C\"\\s+__global__\\s+void\\s+(?:__launch_bounds__\\([^)]*\\)\\s+)?(\\w+)\\s*\\(");

    static List<Path> cudaSources() throws IOException {
        try (Stream<Path> files = Files.list(NATIVE)) {
            return files.filter(p -> p.toString().endsWith(".cu")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void everyKernelNameIsDefinedInTheSourcesAndViceVersa() throws IOException {
        Set<String> defined = new TreeSet<>();
        for (Path p : cudaSources()) {
            Matcher m = KERNEL.matcher(Files.readString(p));
            while (m.find()) {
                defined.add(m.group(1));
            }
        }
        assertEquals(new TreeSet<>(KernelNames.ALL), defined);
    }

    @Test
    void theFatbinTranslationUnitIncludesEveryKernelFile() throws IOException {
        String unit = Files.readString(NATIVE.resolve("ridgeline_kernels.cu"));
        for (Path p : cudaSources()) {
            String name = p.getFileName().toString();
            if (!name.equals("ridgeline_kernels.cu")) {
                assertTrue(unit.contains("#include \"" + name + "\""), name + " is not compiled into the fatbin");
            }
        }
    }

    @Test
    void everyKernelHasAShapeComment() throws IOException {
        for (Path p : cudaSources()) {
            String src = Files.readString(p);
            Matcher m = KERNEL.matcher(src);
            while (m.find()) {
                int from = Math.max(0, m.start() - 600);
                String before = src.substring(from, m.start());
                assertTrue(before.matches("(?s).*//[^\\n]*\\(\\w+, \\w+[^\\n]*.*"),
                        m.group(1) + " in " + p.getFileName() + " lacks a shape comment like (m, n)");
            }
        }
    }
}
