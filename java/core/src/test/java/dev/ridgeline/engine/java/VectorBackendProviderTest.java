package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.BackendChoice;
import dev.ridgeline.engine.BackendProvider.Availability;
import dev.ridgeline.engine.Backends;
import org.junit.jupiter.api.Test;

/** The provider in a JVM started with the module (the test JVM), and its reason logic in isolation. */
class VectorBackendProviderTest {
    @Test
    void availableWhenTheModuleIsLoaded() {
        Availability a = new VectorBackendProvider().availability();
        assertTrue(a.available(), a.reason());
        assertTrue(a.reason().startsWith("SIMD "), a.reason());
        assertEquals(VectorBackend.NAME, new VectorBackendProvider().create().name());
    }

    @Test
    void missingModuleGivesOneActionableLine() {
        Availability a = VectorBackendProvider.unavailableWithoutModule();
        assertFalse(a.available());
        assertTrue(a.reason().contains("start the JVM with --add-modules jdk.incubator.vector"), a.reason());
        assertFalse(a.reason().contains("\n"), "one line");
    }

    /** A jlink image without the module cannot be given it by a flag: the flag would stop the JVM starting. */
    @Test
    void aRuntimeWithoutTheModuleIsNamedAsSuch() {
        Availability a = VectorBackendProvider.unavailableWithoutModule(false);
        assertFalse(a.available());
        assertEquals("module jdk.incubator.vector is not in this Java runtime (an image made by jlink without it);"
                + " run a full JDK 17 or newer, or add the module to the image", a.reason());
        assertTrue(VectorBackendProvider.unavailableWithoutModule(true).reason().contains(VectorBackendProvider.REMEDY));
    }

    @Test
    void selectableByNameAndPreferredOverScalar() {
        BackendChoice named = Backends.select("java-vector");
        assertEquals(VectorBackend.NAME, named.backend().name());
        assertNotEquals(ScalarBackend.NAME, Backends.select("auto").backend().name());
    }

    @Test
    void theThreadCountIsCheckedWhenTheBackendIsMade() {
        assertThrows(IllegalArgumentException.class, () -> new VectorBackend(0));
        assertThrows(IllegalArgumentException.class, () -> new VectorBackend(VectorBackend.MAX_THREADS + 1));
    }

    @Test
    void aMalformedThreadCountIsReportedInItsOwnWords() {
        withProperty(VectorBackend.THREADS_PROPERTY, "two", () -> {
            Availability a = new VectorBackendProvider().availability();
            assertFalse(a.available());
            assertEquals("system property ridgeline.threads must be a whole number from 1 to 1024, got 'two'", a.reason());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new VectorBackendProvider().create());
            assertEquals(a.reason(), e.getMessage());
        });
    }

    @Test
    void autoReportsAMalformedSettingInsteadOfFallingBackToTheScalarBackend() {
        withProperty(VectorBackend.THREADS_PROPERTY, "abc", () -> {
            assertTrue(new VectorBackendProvider().availability().settingRefused());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.select("auto"));
            assertEquals("backend java-vector: system property ridgeline.threads must be a whole number from 1 "
                    + "to 1024, got 'abc'", e.getMessage());
        });
        assertFalse(VectorBackendProvider.unavailableWithoutModule().settingRefused());
    }

    @Test
    void thePanelSwitchTakesOnlyTrueOrFalse() {
        assertTrue(VectorBackend.parsePanels(null));
        assertTrue(VectorBackend.parsePanels(" TRUE "));
        assertFalse(VectorBackend.parsePanels("false"));
        withProperty(VectorBackend.PANELS_PROPERTY, "maybe", () -> {
            Availability a = new VectorBackendProvider().availability();
            assertFalse(a.available());
            assertEquals("system property ridgeline.vector.panels must be true or false, got 'maybe'", a.reason());
        });
    }

    /** Runs body with the system property set to value, then puts back what was there. */
    private static void withProperty(String name, String value, Runnable body) {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }

    /** The constructor keeps the same bounds as -Dridgeline.threads: 100,000 threads were accepted and started. */
    @Test
    void theThreadCountIsBoundedInTheConstructorToo() {
        assertEquals("thread count must be from 1 to 1024, got 100000",
                assertThrows(IllegalArgumentException.class, () -> new VectorBackend(100_000)).getMessage());
        assertEquals("thread count must be from 1 to 1024, got 0",
                assertThrows(IllegalArgumentException.class, () -> new VectorBackend(0)).getMessage());
        assertEquals(VectorBackend.MAX_THREADS, new VectorBackend(VectorBackend.MAX_THREADS).threads());
    }
}
