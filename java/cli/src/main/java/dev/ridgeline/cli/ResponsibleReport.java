package dev.ridgeline.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ridgeline.card.ModelCard;
import dev.ridgeline.card.ModelCardJson;
import dev.ridgeline.card.PrivacyInfo;
import dev.ridgeline.fairness.FairnessMetric;
import dev.ridgeline.fairness.FairnessReport;
import dev.ridgeline.fairness.GroupMetrics;
import dev.ridgeline.fairness.MitigationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the responsible-modelling steps of a {@code train} run found: fairness tables on the evaluation rows,
 * the DP-SGD run (null without {@code --dp}) and the mitigation outcome (null without {@code --mitigate}).
 * Printed after the pipeline's report, and added as keys {@code fairness}, {@code privacy} and
 * {@code mitigation} to the one JSON object.
 *
 * @param evaluationPart the part the fairness tables use: validation, test or train ({@link
 *     ResponsibleRun#fairnessPart}: the test rows when --patience chose the weights kept on the validation rows)
 * @param heldBefore the plain fit's table on the evaluation rows (null unless mitigating with a holdout)
 * @param absentGroups attribute -> the groups of other parts' rows that the evaluation rows do not hold (attributes
 *     with none left out)
 * @param untrainedGroups attribute -> the groups of the evaluation rows that no training row holds (attributes with
 *     none left out; none when the evaluation rows are the training rows)
 * @param dpFittedPreprocessing under --dp, what of the preprocessing was fitted on the training rows, which the
 *     (epsilon, delta) holds fixed (empty when nothing was, and without --dp)
 * @param rowsChoseStoppingEpoch whether the fairness rows are the validation rows on which --patience chose the
 *     weights kept (there are no test rows), so that their figures are optimistic
 */
record ResponsibleReport(String evaluationPart, String evaluationRows, List<FairnessReport> fairness, DpFit dp,
        String mitigatedAttribute, MitigationResult<FitStep.Fitted> mitigation, FairnessReport heldBefore,
        FairnessReport heldAfter, Map<String, List<String>> absentGroups, Map<String, List<String>> untrainedGroups,
        List<String> dpFittedPreprocessing, boolean rowsChoseStoppingEpoch) {
    /** Groups named in the warning for groups without an evaluation row; the rest are counted. */
    private static final int ABSENT_NAMED = 10;

    private static final String MITIGATION_METHOD = "bounded group loss by reweighting";

    PrivacyInfo privacy() {
        return dp == null ? PrivacyInfo.none() : PrivacyInfo.of(dp.config(), dp.result(), dpFittedPreprocessing);
    }

    String toText() {
        StringBuilder text = new StringBuilder();
        text.append(privacyText());
        if (fairness.isEmpty()) {
            text.append(String.format(Locale.ROOT, "%nfairness   not assessed (no --sensitive column)%n"));
        }
        fairness.forEach(r -> text.append(FairnessText.report(r, evaluationRows)));
        if (mitigation != null) {
            text.append(FairnessText.mitigation(mitigatedAttribute, mitigation, heldBefore, heldAfter, evaluationPart));
        }
        return text.toString();
    }

    private String privacyText() {
        if (dp == null) {
            return String.format(Locale.ROOT, "%nprivacy    %s (trained without --dp)%n", PrivacyInfo.NO_GUARANTEE);
        }
        var c = dp.config();
        var r = dp.result();
        // A seeded run's figures are the accountant's, not a guarantee: its headline must not read as one.
        String guarantee = r.hasFiniteEpsilon()
                ? String.format(Locale.ROOT, "%s%s%s", PrivacyInfo.figures(r.privacy().epsilon(),
                        r.privacy().delta()), c.secureRandom() ? "-differential privacy" : " by the accountant",
                        // The order after the qualified phrase, not inside it.
                        c.secureRandom() && !privacy().heldFixed().isEmpty()
                                ? privacy().heldFixed() + "; best Renyi order " + FairnessText.fmt(r.privacy().order())
                                : " (best Renyi order " + FairnessText.fmt(r.privacy().order()) + ")")
                : c.noiseMultiplier() == 0 ? "no formal privacy guarantee (noise multiplier 0)"
                : String.format(Locale.ROOT, "no formal privacy guarantee (noise multiplier %.4g: too little noise for"
                        + " a finite epsilon)", c.noiseMultiplier());
        String seeded = r.hasFiniteEpsilon() && !c.secureRandom() ? "           " + PrivacyInfo.SEEDED + "\n" : "";
        // Without noise there is no (epsilon, delta) to qualify: no scope lines, as in the JSON and the card.
        String scope = !r.hasFiniteEpsilon() ? "" : "           neighbouring data: one training row added or removed, the"
                + " number of training rows taken as public, the preprocessing statistics held fixed\n"
                + "           not covered: the preprocessing statistics (scaling, imputation, categories), the loss, the"
                + " metrics, the fairness figures, the plots of single rows, the data file's hash, the mean batch and"
                + " the clipped share, other runs on the same rows (the model card lists every item)\n";
        return String.format(Locale.ROOT, "%nprivacy    %s%n%s           DP-SGD: %d steps, sampling rate %.4g (mean batch %.1f), "
                + "noise multiplier %.4g, clipping norm %.4g; %.1f%% of example gradients clipped%n%s",
                guarantee, seeded, r.steps(), c.samplingRate(), r.meanBatchSize(), c.noiseMultiplier(), c.clipNorm(),
                100 * r.clippedFraction(), scope);
    }

    /**
     * The warnings the model card lists: all of {@code all} but, under --dp, the two that quote the private rows'
     * training loss and clipped share, which the card does not carry (PrivacyInfo.NOT_COVERED places them in
     * the report, metrics.json and --json only).
     */
    List<String> cardWarnings(List<String> all) {
        if (dp == null) {
            return all;
        }
        return all.stream().filter(w -> !w.equals(dp.lossRoseWarning()) && !w.equals(dp.clippingWarning())).toList();
    }

    /** Warnings for standard error: a delta too large for the rows, and each fairness attribute with small groups. */
    List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (dp != null && dp.noNoiseWarning() != null) {
            out.add(dp.noNoiseWarning());
        }
        if (dp != null && dp.deltaWarning() != null) {
            out.add(dp.deltaWarning());
        }
        if (dp != null && dp.clippingWarning() != null) {
            out.add(dp.clippingWarning());
        }
        if (dp != null && dp.lossRoseWarning() != null) {
            out.add(dp.lossRoseWarning());
        }
        plainFitWarning().ifPresent(out::add);
        heldOutWorseWarning().ifPresent(out::add);
        for (FairnessReport r : fairness) {
            absentGroupsWarning(r.attribute()).ifPresent(out::add);
            untrainedGroupsWarning(r.attribute()).ifPresent(out::add);
            if (r.groups().size() == 1) {
                // Said aloud, since a reader of the group table alone might take one group for parity.
                out.add(String.format(Locale.ROOT, "fairness by %s: the %s hold one group only (%s), so there is no"
                        + " disparity to measure (none is reported), and its absence does not mean parity",
                        ColumnNameText.shown(r.attribute()),
                        "train".equals(evaluationPart) ? "training rows" : evaluationPart + " rows",
                        ColumnNameText.shown(r.groups().get(0).group())));
            }
            // With --weights a group whose rows all weigh 0 has no weighted figure: its n/a line is not a blank.
            List<String> weightless = r.groups().stream().filter(g -> Double.isNaN(g.mse())).map(GroupMetrics::group)
                    .toList();
            if (!weightless.isEmpty()) {
                out.add(String.format(Locale.ROOT, "fairness by %s: every %s row of %s weighs 0, so %s no weighted"
                        + " figure (n/a) and no part in the disparities", ColumnNameText.shown(r.attribute()),
                        "train".equals(evaluationPart) ? "training" : evaluationPart,
                        String.join(", ", weightless.stream().map(ColumnNameText::shown).toList()),
                        weightless.size() == 1 ? "it has" : "they have"));
            }
            List<GroupMetrics> small = r.smallGroups();
            if (small.isEmpty()) {
                continue;
            }
            // Group labels as the attribute is quoted (a backslash doubled), so that a label 'p\q' and one holding
            // a line break (written \n on the warning's one line) read apart.
            List<String> named = small.stream().map(g -> ColumnNameText.shown(g.group()) + " ("
                    + RowCount.of(g.count()) + ")")
                    .toList();
            out.add(String.format(Locale.ROOT, "fairness by %s: groups with fewer than %d rows: %s; their figures are "
                    + "noisy, their intervals too narrow (a one-row group has none, nor has a resampled disparity in "
                    + "which it is ranked), and a disparity where one is the highest or lowest group may reflect chance",
                    ColumnNameText.shown(r.attribute()), GroupMetrics.SMALL_GROUP_ROWS,
                    String.join(", ", named)));
        }
        return out;
    }

    /**
     * The warning for groups of an attribute that no evaluation row holds (all their rows went to other parts): the
     * table has no line for them, and mitigation's held-out worst group does not count them.
     */
    private Optional<String> absentGroupsWarning(String attribute) {
        List<String> absent = absentGroups.getOrDefault(attribute, List.of());
        if (absent.isEmpty()) {
            return Optional.empty();
        }
        String named = named(absent);
        boolean one = absent.size() == 1;
        String rows = "train".equals(evaluationPart) ? "training" : evaluationPart;
        return Optional.of(String.format(Locale.ROOT, "fairness by %s: %s %s %s no %s row, so %s not in the table%s",
                ColumnNameText.shown(attribute), one ? "group" : "groups", named, one ? "has" : "have", rows, one ? "it is" : "they are",
                mitigation != null && attribute.equals(mitigatedAttribute) && heldBefore != null
                        ? ", nor in --mitigate's worst group on those rows" : ""));
    }

    /**
     * The warning for groups of an attribute that only the evaluation rows hold: the fit never saw them (and
     * mitigation could not weight them), so their figures measure a model fitted without them; under
     * --mitigate its held-out worst group counts them, which can make the reweighting look worse than it is.
     */
    private Optional<String> untrainedGroupsWarning(String attribute) {
        List<String> unseen = untrainedGroups.getOrDefault(attribute, List.of());
        if (unseen.isEmpty()) {
            return Optional.empty();
        }
        boolean one = unseen.size() == 1;
        return Optional.of(String.format(Locale.ROOT, "fairness by %s: %s %s %s no training row, so the model was"
                        + " fitted without %s%s", ColumnNameText.shown(attribute), one ? "group" : "groups", named(unseen),
                one ? "has" : "have", one ? "it" : "them",
                mitigation != null && attribute.equals(mitigatedAttribute) && heldBefore != null
                        ? "; --mitigate could not weight " + (one ? "it" : "them") + ", yet its worst group on the "
                                + evaluationPart + " rows counts " + (one ? "it" : "them") : ""));
    }

    /** Up to {@link #ABSENT_NAMED} groups by name, one line each, and a count of the rest. */
    private static String named(List<String> groups) {
        return String.join(", ", groups.subList(0, Math.min(groups.size(), ABSENT_NAMED)).stream()
                .map(ColumnNameText::shown).toList())
                + (groups.size() > ABSENT_NAMED ? " and " + (groups.size() - ABSENT_NAMED) + " more" : "");
    }

    /**
     * A warning when no reweighted round lowered the worst group's training MSE, so that --mitigate returned the plain
     * fit (round 0). A group whose loss is many times the overall takes almost all the weight in the first round,
     * and each later round gives back only a factor of about e (500 rows of unit noise beside 4 of targets +-30:
     * worst group 912 at round 0, and all 20 rounds above it; 200 rounds reach 358).
     */
    Optional<String> plainFitWarning() {
        // A plain fit without error (a constant target) leaves nothing to lower, and no rounds to add.
        if (mitigation == null || mitigation.chosenRound() != 0 || !(mitigation.worstGroupMseBefore() > 0)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "--mitigate: none of the %d reweighted rounds lowered the worst"
                + " group's MSE on the training rows (%.6g), so the model is the plain fit (round 0); a group whose"
                + " loss is many times the overall takes almost all the weight in the first round, which later rounds"
                + " undo slowly, so more --mitigate-rounds may still lower it", mitigation.rounds(),
                mitigation.worstGroupMseBefore()));
    }

    /**
     * A warning when the mitigated model's worst group on the held-out rows fares worse than the plain fit's: the
     * rounds choose by the training rows' worst group, and on noisy groups they can give one group almost all the
     * weight, which need not carry over (the card marks it too; the report's table has the figures).
     */
    Optional<String> heldOutWorseWarning() {
        if (mitigation == null || heldBefore == null) {
            return Optional.empty();
        }
        double before = heldBefore.highest(FairnessMetric.MSE);
        double after = heldAfter.highest(FairnessMetric.MSE);
        if (!(after > before)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "--mitigate lowered the worst group's MSE on the"
                + " training rows (%.6g to %.6g) but raised it on the %s rows (%.6g to %.6g; overall %.6g to %.6g):"
                + " the reweighting did not carry over, and the plain model (round 0) may serve these groups better",
                mitigation.worstGroupMseBefore(), mitigation.worstGroupMseAfter(), evaluationPart, before, after,
                heldBefore.overall().mse(), heldAfter.overall().mse()));
    }

    /** The keys added to {@code train --json} and metrics.json. */
    Map<String, Object> jsonKeys() {
        Map<String, Object> keys = new LinkedHashMap<>();
        if (fairness.isEmpty()) {
            keys.put("fairness", null);
        } else {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("rows", evaluationPart);
            f.put("rows_chose_stopping_epoch", rowsChoseStoppingEpoch);
            List<Object> reports = new ArrayList<>();
            fairness.forEach(r -> reports.add(SnakeCaseKeys.of(ModelCardJson.fairness(r, evaluationPart))));
            f.put("attributes", reports);
            keys.put("fairness", f);
        }
        ObjectNode privacy = SnakeCaseKeys.of(ModelCardJson.privacy(privacy()));
        // Figures of the run that the report prints beside (epsilon, delta); computed from the data, not private.
        number(privacy, "mean_batch", dp == null ? Double.NaN : dp.result().meanBatchSize());
        number(privacy, "clipped_share", dp == null ? Double.NaN : dp.result().clippedFraction());
        keys.put("privacy", privacy);
        keys.put("mitigation", mitigation == null ? null : mitigationJson());
        return keys;
    }

    private static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    /** The card's fairness section: the tables, the rows they were computed on, and the mitigation outcome. */
    ModelCard.Fairness cardFairness() {
        if (fairness.isEmpty()) {
            return ModelCard.Fairness.notAssessed();
        }
        ModelCard.Mitigation m = null;
        if (mitigation != null) {
            List<ModelCard.MseChange> outcomes = new ArrayList<>();
            outcomes.add(new ModelCard.MseChange("train", mitigation.worstGroupMseBefore(),
                    mitigation.worstGroupMseAfter(), mitigation.overallBefore().mse(), mitigation.overallAfter().mse()));
            if (heldBefore != null) {
                outcomes.add(new ModelCard.MseChange(evaluationPart, heldBefore.highest(FairnessMetric.MSE),
                        heldAfter.highest(FairnessMetric.MSE), heldBefore.overall().mse(), heldAfter.overall().mse()));
            }
            m = new ModelCard.Mitigation(mitigatedAttribute, MITIGATION_METHOD, mitigation.chosenRound(),
                    mitigation.rounds(), mitigation.groupMultipliers(), outcomes);
        }
        return new ModelCard.Fairness(evaluationPart, fairness, m);
    }

    private Map<String, Object> mitigationJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attribute", mitigatedAttribute);
        m.put("method", MITIGATION_METHOD);
        m.put("chosen_round", mitigation.chosenRound());
        m.put("rounds", mitigation.rounds());
        m.put("group_weights", mitigation.groupMultipliers());
        Map<String, Object> groups = new LinkedHashMap<>();
        for (int g = 0; g < mitigation.before().size(); g++) {
            GroupMetrics b = mitigation.before().get(g);
            // Ordered: a Map.of iterates in an order drawn per JVM, and the file's bytes would change from run to run.
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("mse_before", b.mse());
            group.put("mse_after", mitigation.after().get(g).mse());
            groups.put(b.group(), group);
        }
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("groups", groups);
        train.put("overall_mse_before", mitigation.overallBefore().mse());
        train.put("overall_mse_after", mitigation.overallAfter().mse());
        train.put("worst_group_mse_before", mitigation.worstGroupMseBefore());
        train.put("worst_group_mse_after", mitigation.worstGroupMseAfter());
        m.put("train", train);
        if (heldBefore != null) {
            Map<String, Object> held = new LinkedHashMap<>();
            held.put("overall_mse_before", heldBefore.overall().mse());
            held.put("overall_mse_after", heldAfter.overall().mse());
            held.put("worst_group_mse_before", heldBefore.highest(FairnessMetric.MSE));
            held.put("worst_group_mse_after", heldAfter.highest(FairnessMetric.MSE));
            m.put(evaluationPart, held);
        }
        return m;
    }
}
