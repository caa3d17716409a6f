package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attribute whose evaluation rows hold one group has no disparity: the report had printed "difference 0.000,
 * ratio 1.000" (parity) without a word, and the card gave a false reason for its missing p-value.
 */
class OneGroupFairnessTest {
    @TempDir
    Path dir;

    /** The diabetes table with a column 'site' of the given value per data row (1-based). */
    private Path withSite(IntFunction<String> site) throws Exception {
        return DiabetesWithColumn.write(dir, "site.csv", "site", site);
    }

    @Test
    void aConstantColumnIsReportedAsOneGroupNotAsParity() throws Exception {
        Path data = withSite(i -> "k");
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "progression", "--ignore", "site",
                "--sensitive", "site", "--bootstrap", "50", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("ridgeline: warning: fairness by site: the validation rows hold one group only (k),"
                + " so there is no disparity to measure"), r.err());
        assertTrue(r.out().contains("disparity  n/a: these rows hold one group only, so there is nothing to compare"),
                r.out());
        assertFalse(r.out().contains("ratio 1.000"), r.out());
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("No disparity: these rows hold one group only"), md);
        assertFalse(md.contains("No permutation p-value here"), md);
        assertFalse(md.contains("| Metric | Lowest group | Highest group |"), md);
        // The group table's bracketed intervals keep their reading.
        assertTrue(md.contains("Intervals: 50 bootstrap resamples, seed 42, percentile method (with one group, a plain"
                + " resample of the rows, as the Metrics section's)"), md);
        assertFalse(md.contains("differs a little from the Metrics section's"), md);
        assertFalse(md.contains("The bracket of a difference"), md);
    }

    @Test
    void aSensitiveColumnWithoutAnyValueIsNamedOnceWhateverTheMissingPolicy() throws Exception {
        Path data = withSite(i -> "");
        for (String policy : new String[] {"fail", "mean", "drop"}) {
            CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "progression", "--ignore", "site",
                    "--sensitive", "site", "--missing", policy, "--no-output");
            assertEquals(Main.EXIT_DATA, r.code(), policy + ": " + r.err());
            assertEquals("ridgeline: error: " + data + ": sensitive column 'site' has no value in any of the 442 rows;"
                    + " a group is never imputed, so name a column that holds the groups", r.err().strip(), policy);
        }
    }

    @Test
    void mitigationWithNoRowHeldOutSaysItsEffectOnNewDataIsUnknown() throws Exception {
        Path data = withSite(i -> i % 2 == 0 ? "A" : "B");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "progression", "--ignore", "site",
                "--sensitive", "site", "--mitigate", "--holdout", "0", "--solver", "exact", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("no rows were held out, so how mitigation does on new data is unknown"), r.out());
    }
}
