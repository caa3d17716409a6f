package dev.ridgeline.card;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.fairness.Disparity;
import dev.ridgeline.fairness.FairnessMetric;
import dev.ridgeline.fairness.FairnessReport;
import dev.ridgeline.fairness.GroupMetrics;
import dev.ridgeline.fairness.Interval;
import java.util.Map;

/**
 * The card as JSON, one top-level key per section. Non-finite numbers (an undefined R^2, an infinite
 * epsilon) are written as null, so every standard JSON reader accepts the file.
 */
public final class ModelCardJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelCardJson() {
    }

    public static String render(ModelCard card) {
        try {
            return MAPPER.writeValueAsString(tree(card)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the model card as JSON", e);
        }
    }

    public static ObjectNode tree(ModelCard card) {
        java.util.Objects.requireNonNull(card, "card");
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", "ridgeline-model-card/1");
        Stewardship s = card.stewardship();
        ObjectNode details = MAPPER.<ObjectNode>valueToTree(card.details()).put("numbers", ModelCard.Details.NUMBERS);
        details.set("owners", MAPPER.valueToTree(s.owners()));  // [] when not stated
        root.set("modelDetails", details.put("contact", s.contact()).put("license", s.license()));
        root.set("intendedUse", MAPPER.valueToTree(card.intendedUse()));
        root.set("data", MAPPER.<ObjectNode>valueToTree(card.data()).put("source", s.dataSource())
                .put("license", s.dataLicense()));
        root.set("training", MAPPER.valueToTree(card.training()));
        ArrayNode metrics = root.putArray("metrics");
        for (ModelCard.MetricEntry m : card.metrics()) {
            ObjectNode node = metrics.addObject().put("name", m.name()).put("split", m.split());
            num(node, "value", m.value());
            num(node, "ciLow", m.ciLow());
            num(node, "ciHigh", m.ciHigh());
            node.put("metric", m.metric()).put("rows", m.rows()).put("count", m.count())
                    .put("weightedBy", m.weightedBy());
            num(node, "level", m.level());
        }
        ArrayNode fairness = root.putArray("fairness");
        card.fairness().reports().forEach(r -> fairness.add(fairness(r, card.fairness().rows())));
        // Beside the entries, which stay those of train --json.
        root.put("fairnessRowsChoseStoppingEpoch", card.fairness().rowsChoseStoppingEpoch());
        // The weight column the fairness figures weigh rows by, as the metrics do; null without one.
        root.put("fairnessWeightedBy", card.fairness().rowWeights());
        root.set("mitigation", mitigation(card.fairness().mitigation()));
        root.set("privacy", privacy(card.privacy()));
        root.set("explanation", explanation(card.explanation()));
        root.set("provenance", MAPPER.valueToTree(card.provenance()));
        ArrayNode plots = root.putArray("plots");
        card.plots().forEach(p -> plots.add(MAPPER.valueToTree(p)));
        ArrayNode warnings = root.putArray("warnings");
        card.warnings().forEach(warnings::add);
        return root;
    }

    /**
     * One fairness report as the card writes it (also used by {@code train --json}), with the rows it was
     * computed on: "validation", "test" or "train".
     */
    public static ObjectNode fairness(FairnessReport r, String rows) {
        java.util.Objects.requireNonNull(r, "r");
        ObjectNode node = MAPPER.createObjectNode().put("attribute", r.attribute()).put("rows", rows)
                .put("smallGroupRows", GroupMetrics.SMALL_GROUP_ROWS);
        node.put("evaluationRows", r.rows());
        // The overall row is no group: never a small one.
        node.set("overall", group(r.overall(), r.overallIntervals(), false));
        ArrayNode groups = node.putArray("groups");
        for (GroupMetrics g : r.groups()) {
            groups.add(group(g, r.groupIntervals().getOrDefault(g.group(), Map.of()), g.small()));
        }
        ArrayNode disparities = node.putArray("disparities");
        for (Disparity d : r.disparities()) {
            ObjectNode dn = disparities.addObject().put("metric", d.metric().label())
                    .put("minGroup", d.minGroup()).put("maxGroup", d.maxGroup());
            num(dn, "min", d.min());
            num(dn, "max", d.max());
            num(dn, "difference", d.difference());
            num(dn, "ratio", d.ratio());
            interval(dn, "differenceCi", d.differenceCi());
            interval(dn, "ratioCi", d.ratioCi());
            num(dn, "permutationP", d.permutationP());
        }
        node.put("permutationWithheld", r.permutationWithheld());
        node.put("bootstrapResamples", r.bootstrap().resamples()).put("bootstrapSeed", r.bootstrap().seed());
        return node;
    }

    /** A group's metrics; an interval is null where there is none (no bootstrap, or a one-row group). */
    private static ObjectNode group(GroupMetrics g, Map<FairnessMetric, Interval> cis, boolean small) {
        ObjectNode node = MAPPER.createObjectNode().put("group", g.group()).put("count", g.count())
                .put("smallGroup", small);
        for (FairnessMetric m : FairnessMetric.values()) {
            num(node, m.key(), m.of(g));
            interval(node, m.key() + "Ci", cis.get(m));
        }
        return node;
    }

    /** The mitigation outcome, or null without mitigation. */
    private static ObjectNode mitigation(ModelCard.Mitigation m) {
        if (m == null) {
            return null;
        }
        ObjectNode node = MAPPER.createObjectNode().put("attribute", m.attribute()).put("method", m.method())
                .put("chosenRound", m.chosenRound()).put("rounds", m.rounds());
        ArrayNode weights = node.putArray("groupWeights");
        m.groupWeights().forEach((group, w) -> num(weights.addObject().put("group", group), "weight", w));
        ArrayNode outcomes = node.putArray("outcomes");
        for (ModelCard.MseChange c : m.outcomes()) {
            ObjectNode o = outcomes.addObject().put("rows", c.rows());
            num(o, "worstGroupMseBefore", c.worstGroupBefore());
            num(o, "worstGroupMseAfter", c.worstGroupAfter());
            num(o, "overallMseBefore", c.overallBefore());
            num(o, "overallMseAfter", c.overallAfter());
        }
        return node;
    }

    /** The privacy section as the card writes it (also used by {@code train --json}). */
    public static ObjectNode privacy(PrivacyInfo p) {
        java.util.Objects.requireNonNull(p, "p");
        ObjectNode node = MAPPER.createObjectNode().put("guaranteed", p.guaranteed()).put("statement", p.summary())
                .put("mechanism", p.mechanism()).put("accounting", p.accounting()).put("steps", p.steps())
                .put("secureRandom", p.secureRandom());
        num(node, "epsilon", p.epsilon());
        num(node, "delta", p.delta());
        num(node, "order", p.order());
        num(node, "noiseMultiplier", p.noiseMultiplier());
        num(node, "clipNorm", p.clipNorm());
        num(node, "samplingRate", p.samplingRate());
        if (p.accounted()) {
            node.put("coversRawRows", p.coversRawRows());
            ArrayNode fitted = node.putArray("fittedPreprocessing");
            p.fittedPreprocessing().forEach(fitted::add);
            node.put("covers", PrivacyInfo.COVERS);
            ArrayNode outside = node.putArray("notCovered");
            PrivacyInfo.NOT_COVERED.forEach(outside::add);
        }
        return node;
    }

    private static ObjectNode explanation(ModelCard.Explanation e) {
        ObjectNode node = MAPPER.createObjectNode();
        if (e == null) {
            return node.put("computed", false);
        }
        node.put("computed", true).put("method", "exact interventional SHAP for a linear model")
                .put("background", e.background());
        num(node, "baseValue", e.baseValue());
        CoefficientTable t = e.coefficients();
        num(node, "intercept", t.intercept());
        num(node, "interceptStandardized", t.interceptStandardized());
        // What "standardized" means here: the space of the model's scaled features, whatever --scale chose.
        node.put("coefficientSpace", t.scale().coefficientSpace());
        ArrayNode rows = node.putArray("coefficients");
        for (CoefficientTable.Row r : t.rows()) {
            ObjectNode rn = rows.addObject().put("feature", r.feature());
            num(rn, "standardized", r.standardized());
            num(rn, "original", r.original());
            num(rn, "meanAbsShap", r.importance());
        }
        return node;
    }

    /**
     * The interval, or null: every key is always there, so a reader handles one shape (keys had been left out
     * without a bootstrap and for a ratio that is not given, but null for a one-row group).
     */
    private static void interval(ObjectNode node, String key, Interval ci) {
        // An interval of a metric no resample could give (R2 of a group whose targets are all equal) is none either.
        if (ci == null || Double.isNaN(ci.low()) && Double.isNaN(ci.high())) {
            node.putNull(key);
            return;
        }
        ObjectNode in = node.putObject(key);
        num(in, "low", ci.low());
        num(in, "high", ci.high());
        in.put("level", ci.level());
    }

    private static void num(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }
}
