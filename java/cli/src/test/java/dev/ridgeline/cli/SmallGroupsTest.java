package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sensitive group with very few rows is marked in the report, the JSON and the card, and warned about. */
class SmallGroupsTest {
    @TempDir
    Path dir;

    /** The diabetes table with a column 'site': C on the fifth data row only, else A or B. */
    private Path withOneRowSite() throws Exception {
        return DiabetesWithColumn.write(dir, "site.csv", "site", i -> i == 5 ? "C" : i % 2 == 0 ? "A" : "B");
    }

    private static JsonNode group(JsonNode attribute, String name) {
        for (JsonNode g : attribute.get("groups")) {
            if (g.get("group").asText().equals(name)) {
                return g;
            }
        }
        throw new AssertionError("no group " + name + " in " + attribute);
    }

    @Test
    void aOneRowGroupIsMarkedHasNoIntervalAndIsWarnedAbout() throws Exception {
        Path data = withOneRowSite();
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "progression", "--sensitive", "site",
                "--holdout", "0", "--solver", "exact", "--bootstrap", "50", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("ridgeline: warning: fairness by site: groups with fewer than 30 rows: C (1 row);"),
                r.err());
        JsonNode site = new ObjectMapper().readTree(r.out()).at("/fairness/attributes/0");
        assertEquals(30, site.get("small_group_rows").asInt());
        JsonNode c = group(site, "C");
        assertEquals(1, c.get("count").asInt());
        assertTrue(c.get("small_group").asBoolean());
        assertTrue(c.get("mse").isNumber(), "the group's figures are kept");
        assertTrue(c.has("mse_ci") && c.get("mse_ci").isNull(), c.toString());
        JsonNode a = group(site, "A");
        assertFalse(a.get("small_group").asBoolean());
        assertTrue(a.at("/mse_ci/low").isNumber(), a.toString());
        // The card's entry, with its keys in the card's camelCase.
        assertEquals(site, SnakeCaseKeys.of((ObjectNode) new ObjectMapper().readTree(out.resolve("model-card.json")
                .toFile()).at("/fairness/0")));
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("| C (small) | 1 | "), md);
        assertTrue(md.contains("[n/a]") && md.contains("A one-row group has no interval (n/a)"), md);
        assertTrue(md.contains("**Small groups:** C has fewer than 30 rows"), md);
    }

    @Test
    void theTextReportMarksSmallGroupsWhereverTheyAppear() throws Exception {
        CliRun r = CliRun.of("train", "--data", withOneRowSite().toString(), "--target", "progression", "--sensitive",
                "site", "--holdout", "0", "--solver", "exact", "--bootstrap", "50", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("C* ") && l.contains(" [n/a]")), r.out());
        // group C fits its one row almost exactly: the lowest MSE, marked as small
        assertTrue(r.out().contains("lowest C* ("), r.out());
        assertTrue(r.out().contains("* fewer than 30 rows"), r.out());
    }

    @Test
    void groupsOfThirtyRowsOrMoreAreNotMarked() throws Exception {
        CliRun r = CliRun.of("train", "--sensitive", "sex", "--bootstrap", "0", "--json", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("fewer than"), r.err());
        for (JsonNode g : new ObjectMapper().readTree(r.out()).at("/fairness/attributes/0/groups")) {
            assertTrue(g.get("count").asInt() >= 30 && !g.get("small_group").asBoolean(), g.toString());
        }
    }
}
