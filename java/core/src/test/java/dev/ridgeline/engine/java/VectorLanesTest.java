package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The kernels take the widest vectors the JVM allows. The narrow-lane surefire JVMs (java/core/pom.xml)
 * start with -XX:MaxVectorSize=32 or 16, so the conformance and determinism tests that run there cover 8
 * and 4 float lanes (AVX2, NEON) on a machine with wider vectors; this checks that they really do.
 */
class VectorLanesTest {
    /** This JVM's -XX:MaxVectorSize in bytes (the test is skipped on a VM without the HotSpot bean). */
    private static int maxVectorBytes() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assumeTrue(vm != null, "not a HotSpot JVM");
        return Integer.parseInt(vm.getVMOption("MaxVectorSize").getValue());
    }

    @Test
    void kernelsUseTheWidestVectorsTheJvmAllows() {
        int maxBytes = maxVectorBytes();
        int lanes = GroupLoops.LANES;
        assertEquals(FloatVector.SPECIES_PREFERRED.length(), lanes);
        assertTrue(lanes * Float.BYTES <= maxBytes, lanes + " float lanes with MaxVectorSize " + maxBytes);
        assertEquals(lanes, PanelMatrix.LANES);
        assertEquals(lanes, PanelLoops.LANES);
        assertTrue(new VectorBackend().toString().startsWith("SIMD " + lanes + " float lanes"));
    }

    @Test
    void aNarrowLaneJvmRunsItsWidth() {
        Integer asked = Integer.getInteger("ridgeline.test.lanes");
        assumeTrue(asked != null, "only in the narrow-lane test JVMs");
        int maxBytes = maxVectorBytes();
        // A machine narrower than asked clamps MaxVectorSize; then the JVM runs its own (narrower) width.
        assertEquals(Math.min(asked, maxBytes / Float.BYTES), GroupLoops.LANES);
        assertTrue(GroupLoops.LANES <= asked, "asked for " + asked + " lanes, got " + GroupLoops.LANES);
    }
}
