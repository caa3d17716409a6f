package dev.ridgeline.cli;

import dev.ridgeline.data.DataException;
import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.explain.RowExplanation;
import dev.ridgeline.fairness.FairnessReport;
import dev.ridgeline.fairness.GroupMetrics;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * PNG plots of the responsible-modelling reports (XChart, headless): global importance bars, one row's SHAP
 * waterfall, and per-group metric bars, as PNG bytes for the output folder.
 */
final class ResponsiblePlots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int MAX_WATERFALL_FEATURES = 12;
    /** Characters of an unseen category's label in a bar label, at most (the bar's name has its own limit). */
    static final int MAX_UNSEEN = 16;
    private static final Color UP = new Color(0xC0, 0x39, 0x2B);
    private static final Color DOWN = new Color(0x27, 0x80, 0xB9);
    private static final Color TOTAL = new Color(0x55, 0x55, 0x55);

    static {
        // Plots are drawn off-screen; servers and CI have no display.
        System.setProperty("java.awt.headless", "true");
    }

    private ResponsiblePlots() {
    }

    /** Bars of mean |SHAP| per feature, largest first: the {@link Plots#MAX_BARS} largest (the title says so). */
    static byte[] importance(CoefficientTable table) {
        return png(importanceChart(table));
    }

    static CategoryChart importanceChart(CoefficientTable table) {
        List<CoefficientTable.Row> rows = table.rows();  // largest importance first
        List<CoefficientTable.Row> shown = rows.subList(0, Math.min(Plots.MAX_BARS, rows.size()));
        String title = "Global importance: mean |SHAP value| per feature"
                + (shown.size() < rows.size() ? ", the " + shown.size() + " largest of " + rows.size() : "");
        CategoryChart chart = chart(title, "feature", "mean |SHAP|");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(PlotLabels.rotation(shown.size()));
        chart.addSeries("mean |SHAP|", PlotLabels.shortenAll(shown.stream().map(CoefficientTable.Row::feature).toList()),
                shown.stream().map(CoefficientTable.Row::importance).toList()).setFillColor(TOTAL);
        return chart;
    }

    /** A waterfall bar's label: "bmi = 32.10", or "bmi = 26.40 (filled)" for a value the model's fill gave. */
    static String featureLabel(String name, double value, boolean filled) {
        return featureLabel(name, value, filled, null);
    }

    /**
     * {@link #featureLabel(String, double, boolean)}, and for a feature of a categorical column whose label training
     * never saw ({@code unseen}, else null) that label: "city=Oslo = 0.000 (unseen 'Paris')", the short form of the
     * text report's "(unseen category 'Paris': none of the known)"; without it the bar read as an observed 0.
     */
    static String featureLabel(String name, double value, boolean filled, String unseen) {
        return name + " = " + fmt(value) + (filled ? " (filled)" : "")
                + (unseen == null ? "" : " (unseen '" + PlotLabels.shorten(DataException.shown(unseen), MAX_UNSEEN)
                        + "')");
    }

    /**
     * One row's waterfall: from the base value, each feature's contribution (largest first, the rest summed as
     * "other") up to the prediction, the first and last bars labelled with their values. Drawn as stacked bars
     * over an invisible offset; all bars stand on a common floor below the lowest running total (so the axis
     * does not start at 0: the steps, not the totals, are what it shows), and the axis labels add the floor
     * back. A feature in {@code filled} (its input was missing and took the model's fill) is labelled so, as
     * the text report says it: its value is the fill, not an observation. A feature in {@code unseen} (feature name
     * to label: its categorical column held a label training never saw, so the row holds none of its categories)
     * is labelled with that label, as the text report marks it.
     */
    static byte[] waterfall(RowExplanation e, String title, java.util.Set<String> filled,
            java.util.Map<String, String> unseen) {
        return png(waterfallChart(e, title, filled, unseen));
    }

    /** The chart of {@link #waterfall}, before it is drawn, for a row without unseen categories. */
    static CategoryChart waterfallChart(RowExplanation e, String title, java.util.Set<String> filled) {
        return waterfallChart(e, title, filled, java.util.Map.of());
    }

    /** The chart of {@link #waterfall}, before it is drawn. */
    static CategoryChart waterfallChart(RowExplanation e, String title, java.util.Set<String> filled,
            java.util.Map<String, String> unseen) {
        double[] phi = e.phi();  // a copy per call: taken once
        double[] values = e.values();
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < phi.length; j++) {
            order.add(j);
        }
        order.sort(Comparator.comparingDouble((Integer j) -> -Math.abs(phi[j])));
        List<String> labels = new ArrayList<>(List.of("base = " + fmt(e.base())));
        List<Double> steps = new ArrayList<>();
        List<Integer> shown = order.subList(0, Math.min(MAX_WATERFALL_FEATURES, order.size()));
        List<String> names = PlotLabels.shortenAll(shown.stream().map(j -> e.featureNames().get(j)).toList());
        for (int k = 0; k < shown.size(); k++) {
            String feature = e.featureNames().get(shown.get(k));
            labels.add(featureLabel(names.get(k), values[shown.get(k)], filled.contains(feature), unseen.get(feature)));
            steps.add(phi[shown.get(k)]);
        }
        double other = 0;
        for (int k = shown.size(); k < order.size(); k++) {
            other += phi[order.get(k)];
        }
        if (order.size() > MAX_WATERFALL_FEATURES) {
            labels.add("other " + (order.size() - MAX_WATERFALL_FEATURES));
            steps.add(other);
        }
        labels.add("prediction = " + fmt(e.prediction()));
        Bars bars = Bars.of(e.base(), steps, e.prediction());
        CategoryChart chart = chart(title, "", "prediction");
        chart.getStyler().setStacked(true).setXAxisLabelRotation(45).setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.setCustomYAxisTickLabelsFormatter(v -> axisLabel(v + bars.floor));
        CategorySeries offset = chart.addSeries(" ", labels, bars.offset);
        offset.setFillColor(new Color(0, 0, 0, 0));
        offset.setShowInLegend(false);
        chart.addSeries("base / prediction", labels, bars.total).setFillColor(TOTAL);
        chart.addSeries("raises", labels, bars.up).setFillColor(UP);
        chart.addSeries("lowers", labels, bars.down).setFillColor(DOWN);
        return chart;
    }

    /**
     * Per-group RMSE and MAE bars, overall first: both in the target's units, so they share an axis (MSE, in
     * squared units, dwarfed the MAE bars beside it).
     */
    static byte[] groups(FairnessReport report) {
        return png(groupsChart(report));
    }

    static CategoryChart groupsChart(FairnessReport report) {
        CategoryChart chart = chart("Error by " + report.attribute(), report.attribute(), "error (target units)");
        List<String> names = new ArrayList<>(List.of("overall"));
        List<Double> rmse = new ArrayList<>(List.of(report.overall().rmse()));
        List<Double> mae = new ArrayList<>(List.of(report.overall().mae()));
        List<String> groupLabels = PlotLabels.shortenAll(report.groups().stream().map(GroupMetrics::group).toList());
        for (int i = 0; i < report.groups().size(); i++) {
            GroupMetrics g = report.groups().get(i);
            names.add(groupLabels.get(i) + " (" + g.count() + ")");
            rmse.add(g.rmse());
            mae.add(g.mae());
        }
        chart.getStyler().setXAxisLabelRotation(PlotLabels.rotation(names.size()));
        chart.addSeries("RMSE", names, rmse).setFillColor(UP);
        chart.addSeries("MAE", names, mae).setFillColor(DOWN);
        return chart;
    }

    /** Stacked-bar pieces of a waterfall, measured from a common floor. */
    private record Bars(double floor, List<Double> offset, List<Double> total, List<Double> up, List<Double> down) {
        static Bars of(double base, List<Double> steps, double prediction) {
            double low = Math.min(base, prediction);
            double high = Math.max(base, prediction);
            double running = base;
            for (double s : steps) {
                running += s;
                low = Math.min(low, running);
                high = Math.max(high, running);
            }
            double floor = roundFloor(low - 0.1 * Math.max(high - low, 1e-12), high - low);
            Bars b = new Bars(floor, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            b.add(0, base - floor, 0, 0);
            running = base;
            for (double s : steps) {
                double start = running;
                running += s;
                b.add(Math.min(start, running) - floor, 0, Math.max(s, 0), Math.max(-s, 0));
            }
            b.add(0, prediction - floor, 0, 0);
            return b;
        }

        void add(double o, double t, double u, double d) {
            offset.add(o);
            total.add(t);
            up.add(u);
            down.add(d);
        }
    }

    private static CategoryChart chart(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setAntiAlias(true);
        return chart;
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the plot '" + chart.getTitle() + "': " + e.getMessage(), e);
        }
    }

    /**
     * {@code floor} rounded down to a multiple of the power of ten at or above a tenth of {@code span}: the
     * axis ticks, which XChart places at round distances above the floor, then land on round values (140, 150,
     * ...) instead of 143.4, 153.4.
     */
    static double roundFloor(double floor, double span) {
        if (!(span > 0)) {
            return floor;
        }
        double unit = Math.pow(10, Math.ceil(Math.log10(span / 10)));
        return Math.floor(floor / unit) * unit;
    }

    /** A tick label: six significant digits at most, no trailing zeros, plain unless very large or small. */
    static String axisLabel(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        double magnitude = Math.abs(v);
        if (magnitude >= 1e7 || magnitude < 1e-4) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
