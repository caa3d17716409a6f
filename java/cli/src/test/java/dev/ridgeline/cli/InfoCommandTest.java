package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class InfoCommandTest {
    @Test
    void listsBackendsWithReasons() throws Exception {
        CliRun r = CliRun.of("info", "--json");
        assertEquals(0, r.code(), r.err());
        var doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.get("backends").size() >= 1);
        assertTrue(doc.get("auto").get("reason").asText().length() > 0);
        CliRun text = CliRun.of("info");
        assertTrue(text.out().contains("java-scalar"), text.out());
        assertTrue(text.out().contains("auto -> "), text.out());
    }
}
