package dev.ridgeline.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
    private static BuildInfo of(String version, String commit, String modified) {
        Properties p = new Properties();
        p.setProperty("version", version);
        p.setProperty("commit", commit);
        p.setProperty("modified", modified);
        return BuildInfo.of(p);
    }

    @Test
    void describesTheVersionAndTheCommitItWasBuiltFrom() {
        String sha = "0123456789abcdef0123456789abcdef01234567";
        assertEquals("1.2.0 (commit 0123456789ab)", of("1.2.0", sha, "false").describe());
        assertEquals("1.2.0 (commit 0123456789ab, with local changes)", of("1.2.0", sha, "true").describe());
        assertEquals("1.2.0 (source commit unknown)", of("1.2.0", "unknown", "unknown").describe());
        assertEquals("unknown (source commit unknown)", BuildInfo.of(new Properties()).describe());
    }

    /** The Maven build writes the file into the classes the tests run on; --version and cards read it. */
    @Test
    void theMavenBuildRecordsThisBuild() {
        BuildInfo b = BuildInfo.current();
        assertNotNull(b, "build-info.properties is missing from the built classes");
        assertTrue(b.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), b.version());
        assertTrue(b.commit().matches("[0-9a-f]{40}|unknown"), b.commit());
        assertTrue(b.modified().matches("true|false|unknown"), b.modified());
        assertEquals(b.describe(), Provenance.currentVersion());
    }

    /**
     * The libraries that read the data, whose shaded jars keep no version of their own (a card's provenance had
     * named picocli, Jackson, XChart and JCuda but not FastCSV): the build records their versions from the pom.
     */
    @Test
    void theMavenBuildRecordsTheVersionsOfTheLibrariesThatReadTheData() {
        var libraries = BuildInfo.libraries();
        assertEquals(java.util.Set.of("fastcsv", "fastdoubleparser"), libraries.keySet(), libraries.toString());
        libraries.values().forEach(v -> assertTrue(v.matches("\\d+\\.\\d+\\.\\d+.*"), libraries.toString()));
    }
}
