package dev.ridgeline.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the given test classes (default: the CUDA tests that need no source tree) without Maven, for GPU hosts that
 * have a Java runtime bundle but no build tools (native/gpu-check.sh). Prints every test with its
 * outcome and skip reason, then the summary; exit code 1 when a test failed.
 *
 * <p>Without a GPU the CUDA tests are aborted by their assumptions, which JUnit does not count as failures.
 * With the environment variable {@code RIDGELINE_REQUIRE_GPU=1} (gpu-check.sh sets it) every test must run:
 * the tests tagged {@value #WITHOUT_GPU} (they check the behaviour on a machine without a GPU) are left out,
 * and exit code 2 says that a test was aborted or skipped, or none was found, with the list and the reasons.
 */
public final class GpuTestMain {
    /** Tag of the tests that can run only on a machine without a usable GPU. */
    public static final String WITHOUT_GPU = "without-gpu";
    /** Tag of the tests too large for the driver stand-in's CPU emulation; left out with {@link #MAX_CELLS_PROPERTY}. */
    public static final String LARGE = "large";
    /**
     * System property: the most rows x features x models a parameterised GPU check takes, and, when set, the
     * tests tagged {@value #LARGE} are left out (native/standin-check.sh).
     */
    public static final String MAX_CELLS_PROPERTY = "ridgeline.test.maxCells";

    private GpuTestMain() {
    }

    /** {@value #MAX_CELLS_PROPERTY}, or no limit. */
    public static long maxCells() {
        return Long.getLong(MAX_CELLS_PROPERTY, Long.MAX_VALUE);
    }

    /** A path for jqwik's failure database in a fresh temporary folder; both are deleted when the JVM exits. */
    private static String jqwikDatabase() {
        try {
            Path folder = Files.createTempDirectory("ridgeline-gpu-tests");
            Path file = folder.resolve("jqwik-database");
            folder.toFile().deleteOnExit();  // registered first, so deleted after the file
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for jqwik's database", e);
        }
    }

    public static void main(String[] args) {
        String[] classes = args.length > 0 ? args : new String[] {"dev.ridgeline.engine.cuda.CudaBackendGpuTest",
            "dev.ridgeline.engine.cuda.CudaThreadsGpuTest", "dev.ridgeline.engine.cuda.CudaAvailabilityTest",
            "dev.ridgeline.engine.cuda.FatbinTest"};
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request();
        // junit-platform.properties puts jqwik's failure database under target/, which a GPU host's copy of the
        // bundle does not have: the engine then fails at its end although no property ran. A temporary file
        // keeps it working wherever the bundle runs.
        builder.configurationParameter("jqwik.database", jqwikDatabase());
        for (String c : classes) {
            builder.selectors(selectClass(c));
        }
        boolean requireGpu = "1".equals(System.getenv("RIDGELINE_REQUIRE_GPU"));
        if (requireGpu) {
            builder.filters(TagFilter.excludeTags(WITHOUT_GPU));
        }
        if (maxCells() < Long.MAX_VALUE) {
            builder.filters(TagFilter.excludeTags(LARGE));
        }
        List<String> notRun = new ArrayList<>();
        LauncherDiscoveryRequest request = builder.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener echo = new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                System.out.println("SKIPPED " + id.getDisplayName() + ": " + reason);
                notRun.add("skipped " + id.getUniqueId() + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                    notRun.add("aborted " + id.getUniqueId() + ": "
                            + result.getThrowable().map(Throwable::getMessage).orElse("no reason given"));
                }
                if (id.isTest()) {
                    System.out.println(result.getStatus() + " " + id.getUniqueId()
                            + result.getThrowable().map(t -> "\n    " + t).orElse(""));
                }
            }
        };
        launcher.execute(request, summary, echo);
        TestExecutionSummary s = summary.getSummary();
        s.printTo(new PrintWriter(System.out, true));
        s.printFailuresTo(new PrintWriter(System.out, true), 20);
        boolean incomplete = requireGpu && (!notRun.isEmpty() || s.getTestsFoundCount() == 0);
        if (incomplete) {
            System.out.println("RIDGELINE_REQUIRE_GPU=1 but " + (notRun.isEmpty() ? "no test was found"
                    : notRun.size() + " test(s) or class(es) did not run:"));
            notRun.forEach(line -> System.out.println("  " + line));
        }
        if (s.getTotalFailureCount() > 0) {
            System.exit(1);
        }
        if (incomplete) {
            System.exit(2);
        }
        System.exit(0);
    }
}
