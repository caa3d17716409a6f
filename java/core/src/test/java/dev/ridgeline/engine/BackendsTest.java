package dev.ridgeline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendsTest {
    @Test
    void scalarIsAlwaysAvailableByName() {
        BackendChoice c = Backends.select("java-scalar");
        assertEquals("java-scalar", c.backend().name());
        assertFalse(c.reason().isBlank());
    }

    @Test
    void autoAlwaysChoosesSomethingAndSaysWhy() {
        BackendChoice c = Backends.select("auto");
        assertFalse(c.reason().isBlank());
        assertTrue(Backends.providers().stream().anyMatch(p -> p.name().equals(c.backend().name())));
    }

    @Test
    void unknownNameListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.select("tpu"));
        assertTrue(e.getMessage().startsWith("unknown backend 'tpu'; choose one of [auto"), e.getMessage());
        assertTrue(e.getMessage().contains("java-scalar"), e.getMessage());
    }

    /** A fitter refuses a misspelt backend where it is made (it had failed at fit, after the preprocessing). */
    @Test
    void aFitterRefusesAnUnknownBackendAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new dev.ridgeline.train.RidgeFitter(1.0, dev.ridgeline.train.TrainerConfig.builder().build(),
                        "bogus"));
        assertEquals(assertThrows(IllegalArgumentException.class, () -> Backends.select("bogus")).getMessage(),
                e.getMessage());
        Backends.requireKnown("auto");
        Backends.requireKnown(null);
        Backends.requireKnown(" Java-Scalar ");
        Backends.requireKnown("cuda");  // known, whether or not it can run here: select says why at fit
    }

    @Test
    void everyUnavailableProviderGivesAReason() {
        for (BackendProvider p : Backends.providers()) {
            assertFalse(p.availability().reason().isBlank(), p.name());
        }
    }
}
