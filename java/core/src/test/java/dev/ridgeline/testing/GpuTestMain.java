package dev.ridgeline.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the given test classes (default: the CUDA tests that need no source tree) without Maven, for GPU hosts that
 * have a Java runtime bundle but no build tools (native/gpu-check.sh). Prints every test with its
 * outcome and skip reason, then the summary; exit code 1 when a test failed.
 */
public final class GpuTestMain {
    private GpuTestMain() {
    }

    public static void main(String[] args) {
        String[] classes = args.length > 0 ? args : new String[] {"dev.ridgeline.engine.cuda.CudaBackendGpuTest",
            "dev.ridgeline.engine.cuda.CudaAvailabilityTest", "dev.ridgeline.engine.cuda.FatbinTest"};
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request();
        for (String c : classes) {
            builder.selectors(selectClass(c));
        }
        LauncherDiscoveryRequest request = builder.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener echo = new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                System.out.println("SKIPPED " + id.getDisplayName() + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, org.junit.platform.engine.TestExecutionResult result) {
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
        System.exit(s.getTotalFailureCount() == 0 ? 0 : 1);
    }
}
