package dev.ridgeline.cli;

import dev.ridgeline.fairness.Disparity;
import dev.ridgeline.fairness.FairnessAnalyzer;
import dev.ridgeline.fairness.FairnessMetric;
import dev.ridgeline.fairness.FairnessReport;
import dev.ridgeline.fairness.GroupMetrics;
import dev.ridgeline.fairness.Interval;
import dev.ridgeline.fairness.MitigationResult;
import java.util.Locale;
import java.util.Map;

/** Text tables of fairness reports and mitigation outcomes for {@code train}'s report. */
final class FairnessText {
    private FairnessText() {
    }

    static String report(FairnessReport r, String rowsDescription) {
        StringBuilder s = new StringBuilder();
        // The column and the groups as the table's cells write them (a backslash doubled): a group 'p\q' had read
        // p\\q in the table and p\q in the disparity line below it.
        s.append(String.format(Locale.ROOT, "%nfairness   by %s on the %s%s%n", TextCells.written(r.attribute()),
                rowsDescription,
                r.bootstrap().resamples() > 0 ? ", 95% intervals from " + r.bootstrap().resamples()
                        + " bootstrap resamples (seed " + r.bootstrap().seed() + "; the groups' rows redrawn within"
                        + " each group, the overall row's from all rows)" : ""));
        boolean bootstrapped = r.bootstrap().resamples() > 0;
        int w = TextCells.nameColumn(22, r.groups().stream().map(g -> shown(g.group(), true)).toList());
        s.append(String.format(Locale.ROOT, "%s %6s %26s %11s %9s %11s %11s%n", TextCells.pad("group", w), "rows",
                bootstrapped ? "MSE [95% interval]" : "MSE", "MAE", "R2", "mean pred", "resid (p-y)"));
        // The overall row is no group: the small mark, which warns of a group that may rank by chance, is not its.
        row(s, w, r.overall(), r.overallIntervals(), bootstrapped, false);
        for (GroupMetrics g : r.groups()) {
            row(s, w, g, r.groupIntervals().getOrDefault(g.group(), Map.of()), bootstrapped, g.small());
        }
        boolean oneGroup = r.groups().size() == 1;
        if (oneGroup) {
            s.append(String.format(Locale.ROOT, "%-10s n/a: these rows hold one group only, so there is nothing to "
                    + "compare%n", "disparity"));
        }
        for (FairnessMetric m : oneGroup ? new FairnessMetric[0] : FairnessMetric.values()) {
            Disparity d = r.disparity(m);
            if (d.maxGroup() == null) {
                // R2 of one-row groups, or of targets all equal: fewer than two groups have a value to rank.
                s.append(String.format(Locale.ROOT, "%-10s %s: %s%n", m == FairnessMetric.MSE ? "disparity" : "",
                        m.label(), FairnessAnalyzer.valued(m, r.groups()) == 0 ? "n/a in every group"
                                : "n/a: only one group has a value, so there is nothing to compare it with"));
                continue;
            }
            boolean withheld = bootstrapped && r.ranksOneRowGroup(m);
            s.append(String.format(Locale.ROOT, "%-10s %s: highest %s (%s), lowest %s (%s), difference %s%s%s%n",
                    m == FairnessMetric.MSE ? "disparity" : "", m.label(), marked(r, d.maxGroup()), fmt(d.max()),
                    marked(r, d.minGroup()), fmt(d.min()), resampled(d.difference(), d.differenceCi(), withheld, bootstrapped),
                    Double.isNaN(d.permutationP()) ? "" : " (permutation p " + pValue(d.permutationP()) + ")",
                    Double.isNaN(d.ratio()) ? "" : ", ratio " + resampled(d.ratio(), d.ratioCi(), withheld,
                            bootstrapped)));
        }
        if (bootstrapped && !oneGroup && r.anyDisparity()) {
            s.append(String.format(Locale.ROOT, "%-10s resampled: the middle 95%% of each resample's highest-minus-lowest "
                    + "(or lowest/highest) group, rows redrawn within each group; biased away from parity, not a "
                    + "confidence interval%s%n", "", r.ranksOneRowGroup(FairnessMetric.MSE) ? "; n/a where a one-row group"
                    + " is ranked (every metric but R2): its value is the same in every resample, so the spread would"
                    + " leave out how uncertain it is" : ""));
        }
        if (r.permutationWithheld()) {
            s.append(String.format(Locale.ROOT, "%-10s no permutation p on the training rows: the fit read the groups (a "
                    + "sensitive column is a model input, or --mitigate weighted the rows by group), which makes the "
                    + "residuals depend on them, so relabelling them tests nothing%n", ""));
        }
        if (!r.smallGroups().isEmpty()) {
            s.append(String.format(Locale.ROOT, "%-10s * fewer than %d rows: noisy figures, too narrow intervals; a "
                    + "disparity where such a group is highest or lowest may reflect chance%s%n", "", GroupMetrics.SMALL_GROUP_ROWS,
                    bootstrapped && r.smallGroups().stream().anyMatch(g -> g.count() == 1)
                            ? "; a one-row group has no interval (n/a)" : ""));
        }
        return s.toString();
    }

    /**
     * A group's label on one line as the group table writes it (a backslash doubled, a line break written \n),
     * with "*" when it has fewer than {@link GroupMetrics#SMALL_GROUP_ROWS} rows.
     */
    private static String marked(FairnessReport r, String group) {
        return TextCells.written(shown(group, r.group(group).small()));
    }

    /**
     * A group's label with the small-group mark: a label that itself ends in '*' goes in double quotes (a quote in
     * it doubled), so that its own '*' cannot read as the mark (a group "*c*" of 49 rows had looked small).
     */
    static String shown(String group, boolean small) {
        String label = group.endsWith("*") ? "\"" + group.replace("\"", "\"\"") + "\"" : group;
        return small ? label + "*" : label;
    }

    /** Before/after per group on the training rows, and on the held-out {@code heldPart} rows when given. */
    static <M> String mitigation(String attribute, MitigationResult<M> m, FairnessReport beforeHeld, FairnessReport afterHeld,
            String heldPart) {
        StringBuilder s = new StringBuilder();
        // The last round chosen: the worst group was still falling when the rounds ran out. Round 0: no reweighted
        // round beat the plain fit, which is then the model, and the table's before and after are the same fit.
        s.append(String.format(Locale.ROOT, "%nmitigation bounded group loss by %s: round %d of %d chosen (least"
                        + " worst-group MSE%s)%n", TextCells.written(attribute), m.chosenRound(), m.rounds(),
                m.chosenRound() == 0 ? "; no reweighted round lowered it, so the model is the plain fit"
                        : m.chosenRound() == m.rounds() ? "; the last round, so more --mitigate-rounds may lower it further"
                        : ""));
        int w = TextCells.nameColumn(22, m.before().stream().map(GroupMetrics::group).toList());
        s.append(String.format(Locale.ROOT, "%s %11s %14s %14s%n", TextCells.pad("group", w), "weight", "MSE before",
                "MSE after"));
        for (int g = 0; g < m.before().size(); g++) {
            GroupMetrics b = m.before().get(g);
            s.append(String.format(Locale.ROOT, "%s %11.4g %14s %14s%n", TextCells.pad(b.group(), w),
                    m.groupMultipliers().get(b.group()), six(b.mse()), six(m.after().get(g).mse())));
        }
        s.append(String.format(Locale.ROOT, "%s %11s %14s %14s   (training rows)%n", TextCells.pad("overall", w), "",
                six(m.overallBefore().mse()), six(m.overallAfter().mse())));
        s.append(String.format(Locale.ROOT, "%s %11s %14s %14s   (training rows)%n", TextCells.pad("worst group", w),
                "", six(m.worstGroupMseBefore()), six(m.worstGroupMseAfter())));
        if (beforeHeld != null) {
            s.append(String.format(Locale.ROOT, "%s %11s %14s %14s   (%s rows)%n", TextCells.pad("worst group", w),
                    "", six(beforeHeld.highest(FairnessMetric.MSE)), six(afterHeld.highest(FairnessMetric.MSE)),
                    heldPart));
            s.append(String.format(Locale.ROOT, "%s %11s %14s %14s   (%s rows)%n", TextCells.pad("overall", w), "",
                    six(beforeHeld.overall().mse()), six(afterHeld.overall().mse()), heldPart));
        } else {
            s.append("no rows were held out, so how mitigation does on new data is unknown\n");
        }
        return s.toString();
    }

    private static void row(StringBuilder s, int nameWidth, GroupMetrics g, Map<FairnessMetric, Interval> cis,
                            boolean bootstrapped, boolean small) {
        String mse = bootstrapped && cis.isEmpty() ? fmt(g.mse()) + " [n/a]" : withCi(g.mse(), cis.get(FairnessMetric.MSE));
        s.append(String.format(Locale.ROOT, "%s %6d %26s %11s %9s %11s %11s%n",
                TextCells.pad(shown(g.group(), small), nameWidth), g.count(), mse, fmt(g.mae()),
                fmt(g.r2()), fmt(g.meanPrediction()), fmt(g.meanResidual())));
    }

    /**
     * A disparity with the middle 95% of its resampled values: "470.5, resampled [30.58, 1969]"; "470.5, resampled
     * n/a" when {@code withheld} (a one-row group is ranked); "0.1174, resampled n/a (undefined in too many
     * resamples)" when resampled but without an interval (R2 of groups whose resamples often hold one
     * target value), where the bare value had read as if nothing was resampled.
     */
    static String resampled(double v, Interval ci, boolean withheld, boolean bootstrapped) {
        if (withheld) {
            return fmt(v) + ", resampled n/a";
        }
        if (ci == null || Double.isNaN(ci.low())) {
            return bootstrapped ? fmt(v) + ", resampled n/a (undefined in too many resamples)" : fmt(v);
        }
        return fmt(v) + ", resampled [" + fmt(ci.low()) + ", " + fmt(ci.high()) + "]";
    }

    static String withCi(double v, Interval ci) {
        return ci == null || Double.isNaN(ci.low()) ? fmt(v) : fmt(v) + " [" + fmt(ci.low()) + ", " + fmt(ci.high()) + "]";
    }

    /**
     * A p-value to three decimals, "< 0.001" below 0.0005 (not "0.000": a test of B relabellings gives at least
     * 1 / (B + 1)).
     */
    static String pValue(double p) {
        return p < 0.0005 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** Six significant digits, "n/a" for NaN (held-out rows that all weigh 0 have no MSE). */
    static String six(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.6g", v);
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
    }
}
