package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fairness report's overall interval and disparity brackets. Both came from resamples within each group, so a
 * column of row ids as the attribute printed {@code overall ... 1.572 [1.572, 1.572]} and {@code difference 42.96,
 * resampled [42.96, 42.96]}, and finer groups narrowed the overall interval, which the card said differed "a
 * little" from the Metrics section's.
 */
class FairnessBracketsTest {
    @TempDir
    Path dir;

    /** 300 rows: a row id rid, groups grp (3) and age (4), features x1 and x2, target y. */
    private Path data() throws Exception {
        SplittableRandom rng = new SplittableRandom(11);
        StringBuilder csv = new StringBuilder("rid,grp,age,x1,x2,y\n");
        for (int i = 0; i < 300; i++) {
            double x1 = rng.nextGaussian();
            double x2 = rng.nextGaussian();
            double y = 2 * x1 - x2 + (i % 3 == 0 ? 1 : 0) + 1.2 * rng.nextGaussian();
            csv.append(String.format(Locale.ROOT, "r%d,%s,%s,%.4f,%.4f,%.4f%n", i, "ABC".charAt(i % 3),
                    new String[] {"y", "m", "o", "e"}[i * 7 % 4], x1, x2, y));
        }
        return Files.writeString(dir.resolve("d.csv"), csv);
    }

    @Test
    void aColumnOfRowIdsGetsNoBracketOfZeroWidthAndTheOverallIntervalOfTheMetrics() throws Exception {
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("train", "--data", data().toString(), "--target", "y", "--ignore", "rid,grp,age",
                "--sensitive", "rid", "--bootstrap", "100", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String mseLine = r.out().lines().filter(l -> l.startsWith("disparity  MSE:")).findFirst().orElseThrow();
        assertTrue(mseLine.contains(", resampled n/a (permutation p "), mseLine);
        assertTrue(mseLine.endsWith(", resampled n/a"), "the ratio too: " + mseLine);
        assertFalse(r.out().contains("resampled ["), r.out());
        assertTrue(r.out().contains("; n/a where a one-row group is ranked (every metric but R2): its value is the same"
                + " in every resample, so the spread would leave out how uncertain it is"), r.out());
        String overall = r.out().lines().filter(l -> l.startsWith("overall ")).findFirst().orElseThrow();
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        JsonNode ci = card.at("/fairness/0/overall/mseCi");
        assertTrue(ci.get("high").asDouble() > ci.get("low").asDouble(), ci.toString());
        // The Metrics section's MSE interval: the same resamples of the same rows from the same seed.
        JsonNode mse = card.at("/metrics/0");
        assertEquals("MSE", mse.get("name").asText());
        assertEquals(mse.get("ciLow").asDouble(), ci.get("low").asDouble(), 0);
        assertEquals(mse.get("ciHigh").asDouble(), ci.get("high").asDouble(), 0);
        assertTrue(overall.contains("[" + FairnessText.fmt(ci.get("low").asDouble()) + ", "), overall);
        JsonNode d = card.at("/fairness/0/disparities/0");
        assertTrue(d.get("differenceCi").isNull() && d.get("ratioCi").isNull(), d.toString());
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("| MSE | r"), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| MSE | r") && l.contains(" [n/a] | ") && l.endsWith(" [n/a] |")),
                md);
        assertTrue(md.contains("A difference or ratio in which a one-row group is ranked (every metric but R2) has no"
                + " bracket (n/a): that row's value is the same in every resample"), md);
        assertTrue(md.contains("the overall row's from resamples of all rows that ignore the groups, so it does not"
                + " depend on how the rows are grouped (the same resamples, and interval, as the Metrics section's)"), md);
        assertFalse(md.contains("differs a little"), md);
    }

    @Test
    void theOverallIntervalIsTheSameForEveryAttributeAndTheirIntersection() throws Exception {
        CliRun r = CliRun.of("train", "--data", data().toString(), "--target", "y", "--ignore", "rid,grp,age",
                "--sensitive", "grp", "age", "--bootstrap", "100", "--json", "--no-output");
        assertEquals(0, r.code(), r.err());
        JsonNode attributes = new ObjectMapper().readTree(r.out()).at("/fairness/attributes");
        assertEquals(3, attributes.size());
        assertEquals("grp x age", attributes.get(2).get("attribute").asText());
        JsonNode first = attributes.get(0).get("overall");
        assertTrue(first.at("/mse_ci/high").asDouble() > first.at("/mse_ci/low").asDouble(), first.toString());
        for (JsonNode a : attributes) {
            assertEquals(first, a.get("overall"), a.get("attribute").asText());
        }
        // Groups of several rows keep their brackets.
        assertTrue(attributes.get(0).at("/disparities/0/difference_ci/low").isNumber(), attributes.get(0).toString());
    }
}
