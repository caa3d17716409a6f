package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.RandomProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every launch the backend makes passes arguments whose C types and count match the kernel's signature
 * in native/*.cu (an int where a long long is expected would shift every later argument), with grids of
 * at least one block and shared memory only for the tiled passes. Runs the real EpochLauncher on buffers
 * that own no device memory, recording launches instead of calling the driver.
 */
class KernelSignatureTest {
    private static final Pattern KERNEL = Pattern.compile(
            "extern\\s+\"C\"\\s+__global__\\s+void\\s+(?:__launch_bounds__\\([^)]*\\)\\s+)?(\\w+)\\s*\\(([^)]*)\\)");

    private record Launch(String kernel, String types, List<String> buffers, int gridX, int gridY, long shared) {
    }

    /** Which buffers (ResidentBuffers names) may be passed to a pointer parameter of this C name. */
    private static final Map<String, Set<String>> BUFFERS_FOR_PARAMETER = Map.ofEntries(
            Map.entry("X", Set.of("X", "rows to predict")), Map.entry("P", Set.of("parameters (float)")),
            Map.entry("Pf", Set.of("parameters (float)")), Map.entry("Pd", Set.of("parameters")),
            Map.entry("V", Set.of("velocity")), Map.entry("Y", Set.of("targets")), Map.entry("Wt", Set.of("weights")),
            Map.entry("ycol", Set.of("target columns")), Map.entry("wcol", Set.of("weight columns")),
            Map.entry("rows", Set.of("batch rows", "null")), Map.entry("gradPartial", Set.of("gradient partials")),
            Map.entry("lossPartial", Set.of("loss partials")), Map.entry("wr", Set.of("wide residuals")),
            Map.entry("dataScale", Set.of("1/W", "m/(bW)")), Map.entry("l2Scale", Set.of("lambda/W")),
            Map.entry("alpha", Set.of("learning rates")), Map.entry("gradOut", Set.of("gradient", "null")),
            Map.entry("statPartial", Set.of("norm partials")), Map.entry("counter", Set.of("block counter")),
            Map.entry("stats", Set.of("pass statistics", "evaluation statistics")),
            Map.entry("out", Set.of("loss", "predictions")),
            Map.entry("clipPartial", Set.of("clipped partials")), Map.entry("clipCount", Set.of("clipped counts")),
            Map.entry("sums", Set.of("clipped sums")), Map.entry("clipped", Set.of("clipped rows")));

    /** Kernel name -> parameter types (P pointer, I int, L long long, D double), parsed from the sources. */
    static Map<String, String> signatures() throws IOException {
        Map<String, String> out = new HashMap<>();
        parameters().forEach((kernel, params) -> {
            StringBuilder types = new StringBuilder();
            for (String t : params) {
                types.append(t.contains("*") ? 'P' : t.startsWith("long long") ? 'L' : t.startsWith("int")
                        ? 'I' : t.startsWith("double") ? 'D' : '?');
            }
            out.put(kernel, types.toString());
        });
        return out;
    }

    /** Kernel name -> its parameter declarations, e.g. "const float* __restrict__ X". */
    static Map<String, List<String>> parameters() throws IOException {
        Map<String, List<String>> out = new HashMap<>();
        for (Path p : KernelNamesTest.cudaSources()) {
            Matcher m = KERNEL.matcher(Files.readString(p));
            while (m.find()) {
                List<String> params = new ArrayList<>();
                for (String param : m.group(2).split(",")) {
                    params.add(param.trim());
                }
                out.put(m.group(1), params);
            }
        }
        return out;
    }

    /** The C names of the pointer parameters of a kernel, in order. */
    private static List<String> pointerNames(List<String> params) {
        List<String> names = new ArrayList<>();
        for (String param : params) {
            if (param.contains("*")) {
                names.add(param.substring(param.lastIndexOf(' ') + 1).replace("*", ""));
            }
        }
        return names;
    }

    @ParameterizedTest(name = "{0}x{1} K={2}")
    @CsvSource({"1000,64,1", "1000,64,9", "300,1000,8", "300,2000,3", "100,4096,1", "100,5000,1", "7,3,2"})
    void everyLaunchMatchesItsKernelSignature(int m, int n, int k) throws IOException {
        Map<String, String> signatures = signatures();
        Map<String, List<String>> parameters = parameters();
        Problem p = RandomProblems.batch(m, n, k, 3);
        LaunchPlan plan = new LaunchPlan(m, n, k, 132, 227 * 1024, 2);
        ColumnTable ys = new ColumnTable(columns(p, true));
        ColumnTable ws = new ColumnTable(columns(p, false));
        ResidentBuffers buf = new ResidentBuffers(p, ys, ws, plan, DeviceBuffer::detached);
        List<Launch> launches = new ArrayList<>();
        EpochLauncher launcher = new EpochLauncher(buf, plan, p,
                (name, args, gx, gy, shared) -> launches.add(new Launch(name, args.types(), args.buffers(), gx, gy,
                        shared)));
        launcher.enqueueEpoch(null, m, buf.fullDataScale, 0.9, true, true);
        launcher.enqueueEpoch(buf.batchRows, Math.max(1, m / 3), buf.batchDataScale, 0, false, false);
        launcher.enqueueLoss();
        launcher.enqueuePredict(DeviceBuffer.detached("rows to predict", 10L * n * 4), 10,
                DeviceBuffer.detached("predictions", 10L * k * 8), 132);
        int passesPerEpoch = plan.groups() * (plan.narrow() ? 1 : 2) + 1;
        assertEquals(2 * passesPerEpoch + plan.groups() + 1 + 1, launches.size(), launches.toString());
        for (Launch l : launches) {
            assertEquals(signatures.get(l.kernel()), l.types(), l.kernel() + " launched with the wrong argument types");
            List<String> names = pointerNames(parameters.get(l.kernel()));
            for (int i = 0; i < names.size(); i++) {
                Set<String> allowed = BUFFERS_FOR_PARAMETER.get(names.get(i));
                assertTrue(allowed != null && allowed.contains(l.buffers().get(i)), l.kernel() + ": buffer '"
                        + l.buffers().get(i) + "' passed to parameter " + names.get(i));
            }
            assertTrue(l.gridX() >= 1 && l.gridY() >= 1, l.toString());
            boolean tiled = l.kernel().startsWith("ridge_fused_pass") || l.kernel().startsWith("ridge_loss_pass");
            assertEquals(tiled ? plan.sharedBytes() : 0, l.shared(), l.toString());
            assertTrue(!tiled || l.shared() > 0, l.toString());
        }
        assertTrue(launches.stream().anyMatch(l -> l.kernel().equals(plan.narrow() ? plan.fusedKernel()
                : KernelNames.WIDE_GRADIENT)), launches.toString());
    }

    @ParameterizedTest(name = "{0}x{1} K={2} rows={3}")
    @CsvSource({"1000,64,1,100", "1000,64,9,1000", "300,5000,3,1", "7,3,2,7"})
    void clippedSumLaunchesMatchTheirKernelSignatures(int m, int n, int k, int count) throws IOException {
        Map<String, String> signatures = signatures();
        Map<String, List<String>> parameters = parameters();
        Problem p = RandomProblems.batch(m, n, k, 3);
        LaunchPlan plan = new LaunchPlan(m, n, k, 132, 227 * 1024, 2);
        ResidentBuffers buf = new ResidentBuffers(p, new ColumnTable(columns(p, true)),
                new ColumnTable(columns(p, false)), plan, DeviceBuffer::detached);
        int blocks = CudaClippedSum.blocks(count, 132);
        long params = k * (n + 1L);
        CudaClippedSum.WorkBuffers work = new CudaClippedSum.WorkBuffers(
                DeviceBuffer.detached("clipped partials", blocks * params * 8),
                DeviceBuffer.detached("clipped counts", blocks * k * 4L),
                DeviceBuffer.detached("clipped sums", params * 8), DeviceBuffer.detached("clipped rows", k * 4L));
        List<Launch> launches = new ArrayList<>();
        CudaClippedSum.enqueue((name, args, gx, gy, shared) -> launches.add(new Launch(name, args.types(),
                args.buffers(), gx, gy, shared)), buf, p, count, 1.5, 132, work);
        assertEquals(KernelGeometry.modelGroups(k) + 1, launches.size(), launches.toString());
        for (Launch l : launches) {
            assertEquals(signatures.get(l.kernel()), l.types(), l.kernel() + " launched with the wrong argument types");
            List<String> names = pointerNames(parameters.get(l.kernel()));
            for (int i = 0; i < names.size(); i++) {
                Set<String> allowed = BUFFERS_FOR_PARAMETER.get(names.get(i));
                assertTrue(allowed != null && allowed.contains(l.buffers().get(i)), l.kernel() + ": buffer '"
                        + l.buffers().get(i) + "' passed to parameter " + names.get(i));
            }
            assertTrue(l.gridX() >= 1 && l.gridY() == 1 && l.shared() == 0, l.toString());
        }
        assertEquals(blocks, launches.get(0).gridX());
        assertTrue(blocks <= 2 * 132 && CudaClippedSum.rowsPerBlock(count, 132) * blocks >= count);
        assertEquals(KernelNames.CLIPPED_REDUCE, launches.get(launches.size() - 1).kernel());
    }

    private static float[][] columns(Problem p, boolean targets) {
        float[][] out = new float[p.models()][];
        for (int k = 0; k < p.models(); k++) {
            out[k] = targets ? p.target(k) : p.weights(k);
        }
        return out;
    }
}
