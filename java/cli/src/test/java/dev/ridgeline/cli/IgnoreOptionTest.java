package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.model.LinearModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --ignore: columns of the training data left out of the features, and accepted later in data to score. */
class IgnoreOptionTest {
    @TempDir
    Path dir;
    Path csv;

    /** An identifier, a group that shifts the target by 1, two features: y = 3 x1 - 2 x2 + [group a]. */
    @BeforeEach
    void data() throws Exception {
        StringBuilder s = new StringBuilder("id,group,x1,x2,y\n");
        Random random = new Random(4);
        for (int i = 0; i < 400; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            boolean a = i % 2 == 0;
            s.append(String.format(java.util.Locale.ROOT, "row-%04d,%s,%.4f,%.4f,%.4f%n", i, a ? "a" : "b", x1, x2,
                    3 * x1 - 2 * x2 + (a ? 1 : 0) + 0.01 * random.nextGaussian()));
        }
        csv = dir.resolve("rows.csv");
        Files.writeString(csv, s.toString());
    }

    /** A left-out name that holds a comma is quoted in the card as a shell passes it to --ignore, so the list reads back. */
    @Test
    void aLeftOutNameWithACommaIsQuotedInTheCard() throws Exception {
        Path commas = dir.resolve("commas.csv");
        Files.writeString(commas, Files.readString(csv).replaceFirst("^id,group,", "\"cust, id\",group,"));
        Path out = dir.resolve("quoted");
        CliRun train = CliRun.of("train", "--data", commas.toString(), "--target", "y", "--ignore", "\"cust, id\",group",
                "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        String card = Files.readString(out.resolve("model-card.md"));
        assertTrue(card.contains("left out of the features (--ignore): '\"cust, id\"', group;"), card);
    }

    /**
     * An unbalanced double quote in a list: one error line that names the name as given and the quoting rule, no
     * "[picocli WARN]" lines naming Java fields before it; nothing written.
     */
    @Test
    void anUnbalancedQuoteIsOneErrorLine() throws Exception {
        Path out = dir.resolve("unbalanced");
        for (String[] args : List.of(new String[] {"--ignore", "\"group"}, new String[] {"--categorical", "x1,\"group"})) {
            CliRun train = CliRun.of("train", "--data", csv.toString(), "--target", "y", args[0], args[1], "--out",
                    out.toString());
            assertEquals(3, train.code(), train.err());
            assertEquals(1, train.err().lines().count(), train.err());
            assertTrue(train.err().startsWith("ridgeline: error: ") && train.err().contains("'\"group'")
                    && train.err().contains("did you mean 'group'?") && train.err().contains("unbalanced double quote"),
                    train.err());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    @Test
    void leftOutColumnsAreListedInTheModelAndAcceptedByTheCommandsThatScoreIt() throws Exception {
        Path out = dir.resolve("out");
        CliRun train = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--ignore", "id, group",
                "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        LinearModel model = LinearModel.load(out.resolve("model.json"));
        assertEquals(List.of("x1", "x2"), model.featureNames());
        assertEquals(List.of("id", "group"), model.metadata().ignoredColumns());
        String card = Files.readString(out.resolve("model-card.md"));
        assertTrue(card.contains("left out of the features (--ignore): id, group"), card);
        // The training file itself, with the left-out columns and the target, is data to score.
        CliRun predict = CliRun.of("predict", "--model", out.resolve("model.json").toString(), "--data", csv.toString());
        assertEquals(0, predict.code(), predict.err());
        assertEquals(401, predict.out().lines().count());
        CliRun evaluate = CliRun.of("evaluate", "--model", out.resolve("model.json").toString(), "--data",
                csv.toString(), "--json");
        assertEquals(0, evaluate.code(), evaluate.err());
        assertEquals(400, new ObjectMapper().readTree(evaluate.out()).get("metrics").get("rows").asInt());
        CliRun explain = CliRun.of("explain", "--model", out.resolve("model.json").toString(), "--data",
                csv.toString(), "--row", "0");
        assertEquals(0, explain.code(), explain.err());
    }

    @Test
    void aSensitiveColumnLeftOutOfTheFeaturesIsStillItsGroups() throws Exception {
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--ignore", "id,group",
                "--sensitive", "group", "--json", "--no-output");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        List<String> features = List.copyOf(new ObjectMapper().convertValue(doc.get("coefficients"),
                java.util.Map.class).keySet());
        assertEquals(List.of("x1", "x2"), features);
        assertEquals("[\"id\",\"group\"]", doc.get("ignored").toString());
        // Without the group as a feature its 1-unit shift stays in the residuals: about -0.5 for group a and
        // +0.5 for b (prediction - target), a difference near 1 that a model with the group would not show.
        JsonNode fairness = doc.get("fairness").get("attributes").get(0);
        double difference = 0;
        for (JsonNode d : fairness.get("disparities")) {
            if (d.get("metric").asText().equals("mean residual")) {
                difference = d.get("difference").asDouble();
            }
        }
        assertEquals(1.0, difference, 0.15, fairness.toString());
    }

    @Test
    void anIdentifierReadAsAFeatureIsNamedWithTheOptionThatLeavesItOut() {
        CliRun refused = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--no-output");
        assertEquals(3, refused.code());
        assertTrue(refused.err().contains("column 'id' has 320 categories in 320 training rows, as an identifier has:"
                + " leave it out with --ignore id"), refused.err());
        CliRun warned = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--unseen", "zeros",
                "--no-output");
        assertEquals(0, warned.code(), warned.err());
        assertTrue(warned.err().contains("warning: column 'id' has 320 categories in 320 training rows"), warned.err());
        CliRun clean = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--ignore", "id", "--no-output");
        assertEquals(0, clean.code(), clean.err());
        assertFalse(clean.err().contains("identifier"), clean.err());
    }

    @Test
    void leavingOutEveryFeatureButAGroupingColumnSaysSo() {
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--ignore", "id,group,x1,x2",
                "--sensitive", "group", "--no-output");
        assertEquals(3, r.code());
        assertEquals("ridgeline: error: " + csv + ": there are no feature columns besides the target 'y' and the 4 left"
                + " out (--ignore)", r.err().strip());
    }

    @Test
    void aNameHoldingACommaIsQuotedInTheListsAndInTheAdvice() throws Exception {
        Path commas = Files.writeString(dir.resolve("commas.csv"), "\"code, old\",\"kind, new\",x,y\n"
                + "1,a,1,2\nx,b,2,4\n3,a,3,6\n4,b,4,8\n5,a,5,11\n");
        CliRun mixed = CliRun.of("train", "--data", commas.toString(), "--holdout", "0", "--no-output");
        assertEquals(3, mixed.code());
        assertTrue(mixed.err().contains("declare the column --categorical '\"code, old\"' if every value is a"
                + " category"), mixed.err());
        CliRun declared = CliRun.of("train", "--data", commas.toString(), "--holdout", "0", "--no-output",
                "--categorical", "\"code, old\"", "--ignore", "\" kind, new \"");
        assertEquals(0, declared.code(), declared.err());
    }

    @Test
    void tuneTakesTheOptionToo() throws Exception {
        Path out = dir.resolve("tuned");
        CliRun r = CliRun.of("tune", "--data", csv.toString(), "--target", "y", "--ignore", "id", "--folds", "3",
                "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("[\"id\"]", new ObjectMapper().readTree(r.out()).get("ignored").toString());
        assertEquals(List.of("id"), LinearModel.load(out.resolve("model.json")).metadata().ignoredColumns());
    }
}
