package dev.ridgeline.card;

import static dev.ridgeline.card.ModelCardMarkdown.fmt;
import static dev.ridgeline.card.ModelCardMarkdown.withCi;

import dev.ridgeline.fairness.Disparity;
import dev.ridgeline.fairness.FairnessAnalyzer;
import dev.ridgeline.fairness.FairnessMetric;
import dev.ridgeline.fairness.FairnessReport;
import dev.ridgeline.fairness.GroupMetrics;
import dev.ridgeline.fairness.Interval;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The card's Fairness section in Markdown: the rows, a table per attribute, small groups, and mitigation. */
final class FairnessMarkdown {
    private FairnessMarkdown() {
    }

    static void render(StringBuilder md, ModelCard.Fairness section) {
        md.append("## Fairness\n\n");
        List<FairnessReport> reports = section.reports();
        if (reports.isEmpty()) {
            // tune's card lands here too, and tune takes no --sensitive: the words must not suggest that it could have.
            md.append("Not assessed: no sensitive attribute was given (`ridgeline train --sensitive COL` assesses ")
                    .append("one; `tune` takes none). ")
                    .append("Without this section nothing is known about how the model treats groups of people.\n\n");
            return;
        }
        FairnessReport first = reports.get(0);
        md.append("Computed on ").append(section.validationChoseStoppingEpoch() ? "the test rows (" + rowCount(first)
                + ", held out from training and from every choice; not on the validation rows, on which early stopping"
                + " (--patience) chose the weights kept, so that figures on them would look better than on new data)"
                : rowsText(section.rows(), rowCount(first))).append(".");
        if (section.rowWeights() != null) {
            md.append(" Every figure here").append(section.mitigation() != null ? ", the mitigation's too," : "")
                    .append(" weighs the rows by '").append(MarkdownCell.line(section.rowWeights()))
                    .append("', as the Metrics section does; a group's count is its rows of weight above 0.");
        }
        if (section.rowsChoseStoppingEpoch()) {
            md.append(" Early stopping (--patience) chose the weights kept on these rows, so they are not fully ")
                    .append("independent of the model: its figures on them may look better than on new data.");
        }
        md.append("\n\n");
        reports.forEach(r -> attribute(md, r));
        if (section.mitigation() != null) {
            mitigation(md, section.mitigation());
        }
    }

    /** How the bracketed intervals of the group table were drawn (one sentence, no line end). */
    private static void intervals(StringBuilder md, FairnessReport r) {
        md.append("Intervals: ").append(r.bootstrap().resamples()).append(" bootstrap resamples, seed ")
                .append(r.bootstrap().seed()).append(", percentile method: a group's rows redrawn within the group (group")
                .append(" sizes kept); the overall row's from resamples of all rows that ignore the groups, so it does")
                .append(" not depend on how the rows are grouped (the same resamples, and interval, as the Metrics")
                .append(" section's)")
                .append("; a group's R2 is against that group's own mean target. Every interval holds the model fixed:")
                .append(" it measures the noise of these evaluation rows, not that of the training.");
    }

    private static void attribute(StringBuilder md, FairnessReport r) {
        boolean bootstrapped = r.bootstrap().resamples() > 0;
        // As a heading's text: a name ending in " #" ("rank #") had lost it as the heading's closing sequence.
        md.append("### By ").append(MarkdownCell.heading(r.attribute())).append("\n\n");
        md.append("| Group | Count | MSE | RMSE | MAE | R2 | Mean prediction | Mean residual (prediction - target) |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        // The overall row is no group, and never marked small.
        groupRow(md, r.overall(), r.overallIntervals(), bootstrapped, false);
        for (GroupMetrics g : r.groups()) {
            groupRow(md, g, r.groupIntervals().getOrDefault(g.group(), Map.of()), bootstrapped, g.small());
        }
        if (r.groups().size() == 1) {
            md.append("\nNo disparity: these rows hold one group only, so there is nothing to compare (and no ")
                    .append("reading of parity).\n\n");
            smallGroups(md, r, bootstrapped);
            if (bootstrapped) {
                // The table's brackets still need their reading, though no disparity has one. Within one group a
                // draw within groups is a plain resample of the rows, as the Metrics section's.
                md.append("Intervals: ").append(r.bootstrap().resamples()).append(" bootstrap resamples, seed ")
                        .append(r.bootstrap().seed()).append(", percentile method (with one group, a plain resample ")
                        .append("of the rows, as the Metrics section's")
                        .append("); the group's R2 is against its own mean target.")
                        .append("\n\n");
            }
            return;
        }
        md.append("\n| Metric | Lowest group | Highest group | Difference [resampled] | Permutation p "
                + "| Ratio (min/max) [resampled] |\n")
                .append("|---|---|---|---|---|---|\n");
        boolean anyUndefined = false;
        for (Disparity d : r.disparities()) {
            boolean oneRow = bootstrapped && r.ranksOneRowGroup(d.metric());
            String withheld = oneRow ? " [n/a]" : "";
            // Resampled, but without a bracket: as the text report's "resampled n/a (undefined in too many resamples)".
            String differenceUndefined = !oneRow && undefined(d.difference(), d.differenceCi()) ? " [n/a]" : "";
            String ratioUndefined = !oneRow && undefined(d.ratio(), d.ratioCi()) ? " [n/a]" : "";
            anyUndefined |= !differenceUndefined.isEmpty() || !ratioUndefined.isEmpty();
            md.append("| ").append(d.metric().label()).append(" | ").append(extreme(r, d, d.minGroup(), d.min()))
                    .append(" | ").append(extreme(r, d, d.maxGroup(), d.max())).append(" | ")
                    .append(withCi(d.difference(), d.differenceCi())).append(withheld).append(differenceUndefined)
                    .append(" | ")
                    .append(Double.isNaN(d.permutationP()) ? "n/a" : d.permutationP() < 0.0005 ? "< 0.001"
                            : String.format(Locale.ROOT, "%.3f", d.permutationP()))
                    .append(" | ").append(withCi(d.ratio(), d.ratioCi()))
                    .append(Double.isNaN(d.ratio()) ? "" : withheld).append(ratioUndefined).append(" |\n");
        }
        md.append("\nDifference is highest minus lowest group; the ratio (1 = parity) is given only for MSE, RMSE ")
                .append("and MAE, which cannot be negative (R2, mean prediction and mean residual can).\n\n");
        smallGroups(md, r, bootstrapped);
        if (bootstrapped && !r.anyDisparity()) {
            // No metric ranks two groups: only the table's brackets need their reading.
            intervals(md, r);
            md.append("\n\n");
        } else if (bootstrapped) {
            intervals(md, r);
            md.append(" The bracket of a difference or ratio is the middle 95% of its resampled values (rows redrawn ")
                    .append("within each group), each resample taking its own highest and lowest group: it shows how ")
                    .append("much the spread of the group estimates moves with the rows drawn, but it lies away from ")
                    .append("parity (it never reaches a difference of 0, even when the groups do not differ) and is not ")
                    .append("a confidence interval; read the permutation p-value for whether the groups differ. ");
            if (r.ranksOneRowGroup(FairnessMetric.MSE)) {
                md.append("A difference or ratio in which a one-row group is ranked (every metric but R2) has no ")
                        .append("bracket (n/a): that row's value is the same in every resample, so the spread would ")
                        .append("leave out how uncertain it is. ");
            }
            if (anyUndefined) {
                md.append("A difference or ratio marked [n/a] without a one-row group was undefined in too many ")
                        .append("resamples, or its lowest or highest group has no interval of its own (R2 of a ")
                        .append("group of two rows, defined only where both are drawn, and then its value). ");
            }
            if (r.permutationWithheld()) {
                md.append("No permutation p-value here: these are the rows the model was fitted on, and the fit ")
                        .append("read the groups (a sensitive column is a model input, or mitigation weighted the ")
                        .append("rows by group), which makes the residuals depend on them, so relabelling them tests ")
                        .append("nothing.\n\n");
            } else {
                md.append("The permutation p-value (").append(r.bootstrap().resamples())
                        .append(" random relabellings of the rows, group sizes kept) says how often the groups ")
                        .append("would lie this far apart if group membership said nothing about target and ")
                        .append("prediction; each of the six metrics has its own, with no correction for their ")
                        .append("number.\n\n");
            }
        } else {
            // The columns stay, so that every card reads alike; their n/a must not read as a failed computation.
            md.append("No brackets and no permutation p-values (n/a): the run drew no resamples (--bootstrap 0).\n\n");
        }
    }

    /** Whether a value that was resampled has no bracket: its interval's bounds are NaN. */
    private static boolean undefined(double value, Interval ci) {
        return !Double.isNaN(value) && ci != null && Double.isNaN(ci.low());
    }

    /** The note under the tables when some group has fewer than {@link GroupMetrics#SMALL_GROUP_ROWS} rows. */
    private static void smallGroups(StringBuilder md, FairnessReport r, boolean bootstrapped) {
        List<GroupMetrics> small = r.smallGroups();
        if (small.isEmpty()) {
            return;
        }
        md.append("**Small groups:** ")
                .append(MarkdownCell.line(String.join(", ", small.stream().map(GroupMetrics::group).toList())))
                .append(small.size() == 1 ? " has" : " have").append(" fewer than ").append(GroupMetrics.SMALL_GROUP_ROWS)
                .append(" rows (marked \"small\"): their figures are noisy, their intervals too narrow, and a ")
                .append("disparity in which one is the lowest or highest group may reflect chance.");
        if (bootstrapped && small.stream().anyMatch(g -> g.count() == 1)) {
            md.append(" A one-row group has no interval (n/a): every resample redraws its one row.");
        }
        md.append("\n\n");
    }

    private static String extreme(FairnessReport r, Disparity d, String group, double value) {
        if (group == null) {
            // R2 of one-row groups, or of targets all equal: fewer than two groups to rank.
            return FairnessAnalyzer.valued(d.metric(), r.groups()) == 0 ? "n/a (no group has a value)"
                    : "n/a (one group has a value)";
        }
        boolean small = r.group(group).small();
        return MarkdownCell.of(group) + " (" + fmt(value) + (small ? "; small" : "") + ")";
    }

    private static void groupRow(StringBuilder md, GroupMetrics g, Map<FairnessMetric, Interval> cis,
            boolean bootstrapped, boolean small) {
        md.append("| ").append(MarkdownCell.of(g.group())).append(small ? " (small)" : "").append(" | ").append(g.count());
        for (FairnessMetric m : FairnessMetric.values()) {
            boolean none = bootstrapped && !cis.containsKey(m);
            md.append(" | ").append(withCi(m.of(g), cis.get(m))).append(none ? " [n/a]" : "");
        }
        md.append(" |\n");
    }

    /**
     * The evaluation rows as the text report counts them, with those that weigh when some do not: "24, 11 of weight
     * above 0" (the card had given 11 where the report said 24).
     */
    static String rowCount(FairnessReport r) {
        int weighing = r.overall().count();
        return weighing == r.rows() ? String.valueOf(r.rows()) : r.rows() + ", " + weighing + " of weight above 0";
    }

    /** "the validation rows (88, held out from training)", or the in-sample warning for the training rows. */
    static String rowsText(String rows, String count) {
        if (rows == null) {
            return "rows not stated";
        }
        return switch (rows) {
            case "validation" -> "the validation rows (" + count + ", held out from training)";
            case "test" -> "the test rows (" + count + ", held out from training; there were no validation rows)";
            case "train" -> "the training rows (" + count + "): nothing was held out, so these are in-sample figures "
                    + "of the rows the model was fitted on, and may look better than on new data";
            default -> "the " + rows + " rows (" + count + ")";
        };
    }

    private static void mitigation(StringBuilder md, ModelCard.Mitigation m) {
        String method = m.method().isEmpty() ? "" : Character.toUpperCase(m.method().charAt(0)) + m.method().substring(1);
        md.append("### Mitigation\n\n").append(method).append(" over the groups of ")
                .append(MarkdownCell.line(m.attribute()))
                .append(": round ").append(m.chosenRound()).append(" of ").append(m.rounds())
                .append(" chosen (least worst-group MSE on the training rows")
                .append(m.chosenRound() == 0 ? "; no reweighted round lowered it, so this model is the plain fit"
                        : m.chosenRound() == m.rounds() ? "; the last round, so more rounds may lower it further" : "")
                .append("); group weights ");
        StringBuilder weights = new StringBuilder();
        m.groupWeights().forEach((g, w) -> weights.append(weights.length() == 0 ? "" : ", ")
                .append(MarkdownCell.line(g)).append(" = ").append(fmt(w)));
        md.append(weights).append(".\n\n| Rows | Worst-group MSE before | after | Overall MSE before | after |\n")
                .append("|---|---|---|---|---|\n");
        for (ModelCard.MseChange c : m.outcomes()) {
            md.append("| ").append(c.rows().equals("train") ? "training" : c.rows()).append(" | ")
                    .append(fmt(c.worstGroupBefore())).append(" | ")
                    .append(fmt(c.worstGroupAfter())).append(" | ").append(fmt(c.overallBefore())).append(" | ")
                    .append(fmt(c.overallAfter())).append(" |\n");
        }
        md.append(m.chosenRound() == 0 ? "\nBefore and after: the plain fit of the same rows (this model)."
                : "\nBefore: the plain fit of the same rows; after: the mitigated model (this one).");
        heldOut(md, m.outcomes());
        md.append("\n\n");
    }

    /** What mitigation did on held-out rows, in words, so that a worsening is not missed. */
    private static void heldOut(StringBuilder md, List<ModelCard.MseChange> outcomes) {
        boolean any = false;
        for (ModelCard.MseChange c : outcomes) {
            if (c.rows().equals("train")) {
                continue;
            }
            any = true;
            if (c.worstGroupAfter() > c.worstGroupBefore()) {
                md.append(" **On the held-out ").append(c.rows()).append(" rows mitigation made the worst group's MSE ")
                        .append("worse** (").append(fmt(c.worstGroupBefore())).append(" before, ")
                        .append(fmt(c.worstGroupAfter())).append(" after): the gain on the training rows did not carry over.");
            }
            if (c.overallAfter() > c.overallBefore()) {
                md.append(" On the held-out ").append(c.rows()).append(" rows the overall MSE rose from ")
                        .append(fmt(c.overallBefore())).append(" to ").append(fmt(c.overallAfter())).append('.');
            }
        }
        if (!any) {
            md.append(" No rows were held out, so how mitigation does on new data is unknown.");
        }
    }
}
