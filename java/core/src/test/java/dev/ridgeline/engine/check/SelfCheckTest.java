package dev.ridgeline.engine.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BackendProvider;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.ForwardingBoundProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The self-check passes a correct backend, fails a wrong one, and skips unavailable ones with the reason. */
class SelfCheckTest {
    private static final SelfCheck.Options NO_BENCH = new SelfCheck.Options(false, 0, 0, 0, 0, 0);

    /** java-scalar under another name: must pass with error 0 and be deterministic. */
    private static BackendProvider copyOfScalar() {
        return provider("scalar-copy", true, new Backend() {
            @Override
            public String name() {
                return "scalar-copy";
            }

            @Override
            public BoundProblem bind(Problem problem) {
                return new ScalarBackend().bind(problem);
            }
        });
    }

    /** A backend whose loss() is off by 1e-3 relative: must fail. */
    private static BackendProvider slightlyWrong() {
        return provider("wrong", true, new Backend() {
            @Override
            public String name() {
                return "wrong";
            }

            @Override
            public BoundProblem bind(Problem problem) {
                return new SkewedLoss(new ScalarBackend().bind(problem));
            }
        });
    }

    private static BackendProvider provider(String name, boolean available, Backend backend) {
        return new BackendProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Availability availability() {
                return available ? Availability.yes("test") : Availability.no("not on this machine");
            }

            @Override
            public Backend create() {
                return backend;
            }
        };
    }

    @Test
    void aCorrectBackendPassesWithZeroError() {
        SelfCheckReport r = SelfCheck.run(List.of(ScalarBackend.provider(), copyOfScalar()), NO_BENCH);
        assertTrue(r.passed(), r.toText());
        SelfCheckReport.BackendReport b = r.backends().get(0);
        assertEquals(0.0, b.maxRelativeError());
        assertEquals(SelfCheck.SHAPES.length, b.cases());
        assertEquals(Boolean.TRUE, b.deterministic());
    }

    @Test
    void aWrongBackendFails() {
        SelfCheckReport r = SelfCheck.run(List.of(slightlyWrong()), NO_BENCH);
        assertFalse(r.passed(), r.toText());
        assertTrue(r.toText().contains("wrong        FAIL"), r.toText());
        assertTrue(r.backends().get(0).maxRelativeError() > 5e-4, r.toText());
    }

    @Test
    void unavailableBackendsAreSkippedWithTheReason() {
        SelfCheckReport r = SelfCheck.run(List.of(provider("gpu-x", false, null)), NO_BENCH);
        assertTrue(r.passed());
        assertTrue(r.toText().contains("gpu-x        skipped: not on this machine"), r.toText());
        assertTrue(r.toJson().contains("\"passed\" : true"), r.toJson());
    }

    @Test
    void bandwidthLinesReportTheFractionOfTheCopyMeasuredInTheSameRun() {
        var w = new SelfCheckReport.Bandwidth("1048576x256 K=1", "fused", 200, 250.0, 260.0, 4294.97, 4800.0);
        var b = new SelfCheckReport.BackendReport("cuda", true, "CUDA on Test GPU", 9, 3e-7, "17x15 K=8", true, null,
                List.of(w));
        SelfCheckReport r = new SelfCheckReport(SelfCheck.TOLERANCE, List.of(b));
        assertTrue(r.passed());
        String text = r.toText();
        assertTrue(text.contains("cuda         PASS  max relative error 3.000e-07 over 9 cases (worst: 17x15 K=8),"
                + " bitwise deterministic"), text);
        assertTrue(text.contains("1048576x256 K=1 [fused]: epoch 250.00 us device, 260.00 us wall amortised over 200,"
                + " 4295.0 GB/s = 89% of copy 4800.0 GB/s"), text);
        String json = r.toJson();
        for (String key : List.of("\"effective_gbps\" : 4294.97", "\"copy_gbps\" : 4800.0", "\"epoch_micros\" : 250.0",
                "\"wall_micros_per_epoch\" : 260.0", "\"max_relative_error\" : 3.0E-7", "\"worst_case\" : \"17x15 K=8\"")) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        var nondeterministic = new SelfCheckReport.BackendReport("cuda", true, "x", 9, 3e-7, "", false, null, List.of());
        assertFalse(new SelfCheckReport(SelfCheck.TOLERANCE, List.of(nondeterministic)).passed());
    }

    @Test
    void onThisMachineEveryAvailableBackendPasses() {
        SelfCheckReport r = SelfCheck.run(NO_BENCH);
        assertTrue(r.passed(), r.toText());
    }

    /** Delegates everything, but reports loss() 0.1% high. */
    private static final class SkewedLoss extends ForwardingBoundProblem {
        SkewedLoss(BoundProblem inner) {
            super(inner);
        }

        @Override
        public double[] loss() {
            double[] l = inner.loss();
            for (int k = 0; k < l.length; k++) {
                l[k] *= 1.001;
            }
            return l;
        }
    }
}
