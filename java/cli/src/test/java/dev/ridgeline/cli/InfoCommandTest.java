package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class InfoCommandTest {
    @Test
    void listsBackendsWithReasons() throws Exception {
        CliRun r = CliRun.of("info", "--json");
        assertEquals(0, r.code(), r.err());
        var doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.get("backends").size() >= 1);
        // The processors, as the text form gives them ("2 processors"): what the thread default follows.
        assertEquals(Runtime.getRuntime().availableProcessors(), doc.get("processors").asInt());
        assertTrue(doc.get("auto").get("reason").asText().length() > 0);
        // The build, for bug reports: version and the source commit of the jar (or "unknown" outside git).
        String build = doc.get("ridgeline").asText();
        assertTrue(build.matches("\\d+\\.\\d+\\.\\d+\\S* \\((commit [0-9a-f]{12}.*|source commit unknown)\\)"), build);
        CliRun text = CliRun.of("info");
        assertTrue(text.out().contains("java-scalar"), text.out());
        assertTrue(text.out().contains("auto -> "), text.out());
    }

    @Test
    void aMalformedVectorSettingIsListedAndThenRefused() throws Exception {
        // Only a JVM with the vector module reads the setting (bin/ridgeline starts one; the vector-module
        // execution of this module's pom runs this class in one).
        Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "vector module");
        String before = System.getProperty("ridgeline.threads");
        System.setProperty("ridgeline.threads", "abc");
        try {
            CliRun text = CliRun.of("info");
            assertEquals(Main.EXIT_DATA, text.code());
            assertTrue(text.out().contains("java-scalar") && text.out().contains("java-vector"), text.out());
            assertTrue(text.err().contains("ridgeline: error: backend java-vector: system property ridgeline.threads"),
                    text.err());
            // --json prints one object on success only; it printed the listing and then failed.
            CliRun json = CliRun.of("info", "--json");
            assertEquals(Main.EXIT_DATA, json.code());
            assertEquals("", json.out());
            assertTrue(json.err().contains("got 'abc'"), json.err());
            // doctor checked the other backends and said PASS (exit 0) with java-vector skipped.
            CliRun doctor = CliRun.of("doctor", "--no-bench");
            assertEquals(Main.EXIT_DATA, doctor.code(), doctor.out());
            assertEquals("", doctor.out());
            assertTrue(doctor.err().contains("system property ridgeline.threads"), doctor.err());
        } finally {
            if (before == null) {
                System.clearProperty("ridgeline.threads");
            } else {
                System.setProperty("ridgeline.threads", before);
            }
        }
    }
}
