package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ridgeline.engine.BackendChoice;
import dev.ridgeline.engine.BackendProvider.Availability;
import dev.ridgeline.engine.Backends;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own JVM started WITHOUT --add-modules jdk.incubator.vector (a separate surefire
 * execution, which sets {@code ridgeline.test.vectorModule=absent}): the provider must say how to fix it
 * in one line and selection must fall back. Picked up by a -Dtest pattern in the ordinary test JVM, it
 * skips itself.
 */
class VectorBackendWithoutVectorModuleTest {
    @BeforeEach
    void onlyInTheJvmWithoutTheModule() {
        assumeTrue("absent".equals(System.getProperty("ridgeline.test.vectorModule")),
                "runs in the surefire execution 'without-vector-module'");
    }

    @Test
    void thisJvmReallyLacksTheModule() {
        assertFalse(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "this test must run in a JVM without the vector module");
    }

    @Test
    void providerIsUnavailableWithTheRemedy() {
        Availability a = new VectorBackendProvider().availability();
        assertFalse(a.available());
        assertTrue(a.reason().contains(VectorBackendProvider.REMEDY), a.reason());
    }

    @Test
    void autoFallsBackAndSaysWhy() {
        BackendChoice choice = Backends.select("auto");
        assertNotEquals(VectorBackend.NAME, choice.backend().name());
        if (choice.backend().name().equals(ScalarBackend.NAME)) {
            assertTrue(choice.reason().contains(VectorBackendProvider.REMEDY), choice.reason());
        }
    }

    /** Constructed directly, it refuses at once; it failed later with NoClassDefFoundError, an Error. */
    @Test
    void constructingItDirectlyExplainsTheFix() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new VectorBackend(2));
        assertTrue(e.getMessage().contains(VectorBackendProvider.REMEDY), e.getMessage());
    }

    @Test
    void askingForItByNameExplainsTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.select("java-vector"));
        assertTrue(e.getMessage().contains(VectorBackendProvider.REMEDY), e.getMessage());
    }
}
