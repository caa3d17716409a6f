package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {
    @Test
    void reportsEveryNonReferenceBackendAndPasses() throws Exception {
        CliRun r = CliRun.of("doctor", "--json", "--no-bench");
        assertEquals(0, r.code(), r.out() + r.err());
        var doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.get("passed").asBoolean(), r.out());
        assertEquals(1e-4, doc.get("tolerance").asDouble());
        boolean cudaListed = false;
        for (var b : doc.get("backends")) {
            cudaListed |= b.get("name").asText().equals("cuda");
            assertTrue(b.get("reason").asText().length() > 0, r.out());
            if (b.get("available").asBoolean()) {
                assertTrue(b.get("passed").asBoolean(), r.out());
                assertTrue(b.get("max_relative_error").asDouble() <= 1e-4, r.out());
            } else {
                // Not checked: neither passed nor failed, and no error figure that was never measured.
                assertTrue(b.get("passed").isNull() && b.get("max_relative_error").isNull()
                        && b.get("worst_case").isNull(), r.out());
            }
        }
        assertTrue(cudaListed, r.out());
        CliRun text = CliRun.of("doctor", "--no-bench");
        assertTrue(text.out().contains("cuda"), text.out());
        assertTrue(text.out().strip().endsWith("PASS"), text.out());
    }

    @Test
    void badShapeIsAUsageError() {
        CliRun r = CliRun.of("doctor", "--bench-shape", "12by3");
        assertEquals(Main.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--bench-shape must look like"), r.err());
        // Well formed but empty: out of range, a bad setting as every option's range is.
        CliRun empty = CliRun.of("doctor", "--small-shape", "0x128");
        assertEquals(Main.EXIT_DATA, empty.code(), empty.err());
        assertEquals("ridgeline: error: --small-shape needs at least 1 row and 1 column, got '0x128'",
                empty.err().strip());
        // Well formed, beyond an int: too large, as every whole-number option says, not "must look like".
        CliRun huge = CliRun.of("doctor", "--bench-shape", "99999999999x1");
        assertEquals(Main.EXIT_USAGE, huge.code(), huge.err());
        assertTrue(huge.err().contains("--bench-shape '99999999999x1' is too large: at most 2147483647 rows and"
                + " 2147483647 columns"), huge.err());
    }

    /** The benchmark's settings with --no-bench would be ignored: refused, as other subcommands refuse theirs. */
    @Test
    void benchmarkSettingsWithNoBenchAreUsageErrors() {
        for (String[] extra : new String[][] {{"--epochs", "3"}, {"--small-shape", "8x8"}, {"--bench-shape", "64x64"}}) {
            CliRun r = CliRun.of("doctor", "--no-bench", extra[0], extra[1]);
            assertEquals(Main.EXIT_USAGE, r.code(), r.err());
            assertTrue(r.err().contains(extra[0] + " does not apply with --no-bench"), r.err());
            assertEquals("", r.out());
        }
    }

    /**
     * Given where no CUDA backend can run them, the benchmark's settings are named in a warning (they had been taken
     * in silence), with why they are no usage error as under --no-bench: the same command line measures with them
     * where a CUDA backend runs; where one ran them, there is none.
     */
    @Test
    void benchmarkSettingsWithoutACudaBackendAreWarnedAbout() throws Exception {
        CliRun r = CliRun.of("doctor", "--json", "--small-shape", "64x8", "--epochs", "1", "--bench-shape", "64x8");
        assertEquals(0, r.code(), r.err());
        boolean cudaAvailable = false;
        boolean cudaMeasured = false;
        for (var b : new ObjectMapper().readTree(r.out()).get("backends")) {
            if (b.get("name").asText().equals("cuda")) {
                cudaAvailable = b.get("available").asBoolean();
                cudaMeasured = b.get("bandwidth").size() > 0;
            }
        }
        String warning = "ridgeline: warning: --bench-shape, --small-shape, --epochs set the CUDA bandwidth measurement,"
                + " which did not run: " + (cudaAvailable ? "the cuda backend's check failed before it"
                : "the cuda backend is unavailable here") + "; the same command line measures with them where a CUDA"
                + " backend runs";
        assertEquals(cudaMeasured ? "" : warning, r.err().lines().filter(l -> l.startsWith("ridgeline:")).findFirst()
                .orElse(""), r.err());
        CliRun plain = CliRun.of("doctor", "--json");
        assertTrue(plain.err().lines().noneMatch(l -> l.startsWith("ridgeline: warning")), plain.err());
    }
}
