package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FloatAlignmentTest {
    /** A VM whose flags are {@code flags}; flags absent from the map do not exist there. */
    private static int firstAligned(Map<String, String> flags) {
        return FloatAlignment.firstAligned(flags::get);
    }

    @Test
    void defaultObjectAlignmentGivesNoAlignedStart() {
        assertEquals(0, firstAligned(Map.of("ObjectAlignmentInBytes", "8", "UseCompressedClassPointers", "true")));
        assertEquals(0, firstAligned(Map.of("ObjectAlignmentInBytes", "32", "UseCompressedClassPointers", "true")));
    }

    @Test
    void sixtyFourByteObjectsPutTheFirstFloatPastTheHeaderOnALine() {
        // 16-byte header: floats 12.. start at byte 64
        assertEquals(12, firstAligned(Map.of("ObjectAlignmentInBytes", "64", "UseCompressedClassPointers", "true")));
        assertEquals(12, firstAligned(Map.of("ObjectAlignmentInBytes", "128", "UseCompressedClassPointers", "true",
                "UseCompactObjectHeaders", "false")));
        // 12-byte compact header: floats 13..
        assertEquals(13, firstAligned(Map.of("ObjectAlignmentInBytes", "64", "UseCompressedClassPointers", "true",
                "UseCompactObjectHeaders", "true")));
    }

    @Test
    void anUnknownHeaderOrVmGivesNoAlignedStart() {
        assertEquals(0, firstAligned(Map.of("ObjectAlignmentInBytes", "64", "UseCompressedClassPointers", "false")));
        assertEquals(0, firstAligned(Map.of("ObjectAlignmentInBytes", "64")));
        assertEquals(0, firstAligned(Map.of("ObjectAlignmentInBytes", "sixty-four", "UseCompressedClassPointers", "true")));
        assertEquals(0, firstAligned(Map.of()));
    }

    @Test
    void thisVmsStartFollowsItsObjectAlignmentFlag() {
        boolean flagged = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:ObjectAlignmentInBytes=64");
        assumeTrue(System.getProperty("java.vm.name", "").contains("HotSpot") || System.getProperty("java.vm.name", "").contains("OpenJDK"));
        assertEquals(flagged, FloatAlignment.aligned(), "aligned exactly when the JVM runs with 64-byte objects");
        if (flagged) {
            assertEquals(12, FloatAlignment.FIRST, "16-byte array header with compressed class pointers");
        }
    }
}
