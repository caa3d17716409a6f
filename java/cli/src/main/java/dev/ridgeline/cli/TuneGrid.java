package dev.ridgeline.cli;

import dev.ridgeline.eval.CrossValidationResult;
import dev.ridgeline.eval.CvPoint;
import dev.ridgeline.tune.LambdaGrid;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Parsing of {@code --lambdas} and the CV plot of {@code tune}. */
final class TuneGrid {
    private TuneGrid() {
    }

    /** {@code MIN:MAX:COUNT} (log-spaced) or {@code L1,L2,...}; every lambda finite and >= 0. */
    static double[] parse(String text, CommandLine cmd) {
        String[] colon = text.split(":", -1);  // -1: "1:10:3:" has an empty fourth part, refused, not dropped
        double[] grid;
        try {
            if (colon.length == 3) {
                // Trimmed as the comma list's items are: "1e-3:1e3: 13" is the same grid.
                String countText = colon[2].trim();
                if (!countText.matches("[+-]?\\d+")) {
                    throw new NumberFormatException();
                }
                // As a whole number of any size: 99999999999 is too many lambdas, not a malformed grid.
                long count = new BigInteger(countText).min(BigInteger.valueOf(Long.MAX_VALUE))
                        .max(BigInteger.valueOf(Long.MIN_VALUE)).longValueExact();
                if (count > TuneCommand.MAX_SETTINGS) {
                    // Refused before the grid is built: 200,000,000 lambdas took 1.65 GB only to be refused.
                    throw TuneCommand.tooManySettings(count, 1);
                }
                double min = NumberConverters.parseReal(colon[0].trim());
                double max = NumberConverters.parseReal(colon[1].trim());
                if (!(min > 0 && min <= max) || Double.isInfinite(max)) {
                    throw new IllegalArgumentException("--lambdas " + text + ": MIN:MAX:COUNT needs 0 < MIN <= MAX, both "
                            + "finite (a log grid from MIN up to MAX), got MIN " + colon[0] + " and MAX " + colon[1]);
                }
                if (min < Double.MIN_NORMAL) {
                    // A subnormal double keeps only some of the digits typed (1e-320 is held as 9.99989e-321), so the
                    // grid's steps were those of another MIN (1e-320:1:3 gave 9.9999e-161 for 1e-160); and a penalty
                    // that small changes no fit: float32 holds it as 0, and beside the loss a double rounds it away.
                    // The threshold in full: shortened to 2.2e-308, a MIN typed as 2.2e-308 (itself below it) was
                    // said to be below 2.2e-308.
                    throw new IllegalArgumentException("--lambdas " + text + ": MIN " + colon[0].trim() + " is below "
                            + "2.2250738585072014e-308, the least number a double holds to all its digits, so the grid's"
                            + " steps would"
                            + " not be exact; a penalty that small changes no fit (float32 holds it as 0): give a MIN of"
                            + " 1e-300 or more, or list 0 for a fit without penalty (--lambdas 0,1e-3,1)");
                }
                try {
                    grid = LambdaGrid.log(min, max, (int) Math.max(count, Integer.MIN_VALUE));
                } catch (IllegalArgumentException e) {
                    // The library names no option ("a log grid ... needs at least 2 points"): the user typed this one.
                    throw new IllegalArgumentException("--lambdas " + text + ": " + e.getMessage(), e);
                }
            } else if (colon.length == 1) {
                // -1 keeps an empty last item ("1,2,"): refused like an empty first one, not dropped.
                grid = Arrays.stream(text.split(",", -1)).map(String::trim).mapToDouble(NumberConverters::parseReal)
                        .toArray();
            } else {
                throw new NumberFormatException();
            }
        } catch (NumberConverters.BeyondRange e) {
            throw new ParameterException(cmd, "--lambdas " + text + ": " + e.getMessage());
        } catch (NumberFormatException e) {
            // Not a number where one belongs: a value of the wrong type, a usage error as for --lambda abc.
            throw new ParameterException(cmd, "--lambdas must be MIN:MAX:COUNT or a comma list of numbers, got '"
                    + text + "'");
        }
        for (double l : grid) {
            if (!(l >= 0) || Double.isInfinite(l)) {
                throw new IllegalArgumentException("--lambdas: every lambda must be a finite number >= 0, got "
                        + TrainPipeline.plain(l));
            }
        }
        requireDistinct("--lambdas", text, grid, colon.length == 3
                ? "; MIN:MAX:COUNT needs MIN below MAX for more than one lambda" : "");
        return grid;
    }

    /**
     * Refuses a grid that holds a value twice: each value is one setting, trained and scored again for
     * nothing, and a "grid" of one value repeated slipped past the checks for a grid of one.
     */
    static void requireDistinct(String option, String text, double[] values, String hint) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException(option + " " + text + " holds " + sorted[i] + " more than once: give"
                        + " each value once" + hint);
            }
        }
    }

    /**
     * Mean CV MSE against lambda (log axis when every lambda is positive), with mean +- one std, per learning
     * rate, the chosen lambda marked, and with the one-standard-error rule the limit it applied.
     */
    static byte[] plot(CrossValidationResult cv) throws java.io.IOException {
        return BitmapEncoder.getBitmapBytes(chart(cv), BitmapEncoder.BitmapFormat.PNG);
    }

    static XYChart chart(CrossValidationResult cv) {
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title(cv.folds() + "-fold cross-validation").xAxisTitle("lambda").yAxisTitle("held-out MSE").build();
        List<Double> rates = new ArrayList<>();
        cv.points().forEach(p -> {
            if (!rates.contains(p.learningRate())) {
                rates.add(p.learningRate());
            }
        });
        boolean positive = cv.points().stream().allMatch(p -> p.lambda() > 0);
        chart.getStyler().setXAxisLogarithmic(positive);
        for (double rate : rates) {
            List<CvPoint> ps = cv.points().stream().filter(p -> Double.compare(p.learningRate(), rate) == 0
                    && !Double.isNaN(p.mean())).toList();
            if (ps.isEmpty()) {
                continue;
            }
            String suffix = rates.size() > 1 ? " (lr " + rate + ")" : "";
            double[] x = ps.stream().mapToDouble(CvPoint::lambda).toArray();
            chart.addSeries("mean" + suffix, x, ps.stream().mapToDouble(CvPoint::mean).toArray());
            chart.addSeries("mean + std" + suffix, x, ps.stream().mapToDouble(p -> p.mean() + p.std()).toArray());
            chart.addSeries("mean - std" + suffix, x, ps.stream().mapToDouble(p -> p.mean() - p.std()).toArray());
        }
        // The chosen lambda as a vertical line across the curves (a marker at its mean is lost among theirs).
        CvPoint chosen = cv.chosenPoint();
        double low = cv.points().stream().mapToDouble(p -> p.mean() - p.std()).filter(Double::isFinite).min().orElse(0);
        double high = cv.points().stream().mapToDouble(p -> p.mean() + p.std()).filter(Double::isFinite).max().orElse(0);
        if (!Double.isNaN(chosen.mean()) && high > low) {
            XYSeries mark = chart.addSeries("chosen: lambda " + chosen.lambda(),
                    new double[] {chosen.lambda(), chosen.lambda()}, new double[] {low, high});
            mark.setMarker(SeriesMarkers.NONE);
            mark.setLineColor(Color.BLACK);
            mark.setLineStyle(SeriesLines.DASH_DASH);
        }
        // With --one-se, the limit the rule applied: the largest lambda whose mean lies under it was chosen.
        CvPoint best = cv.bestPoint();
        double limit = best.mean() + best.standardError();
        if (cv.oneStandardError() && Double.isFinite(limit)) {
            double[] lambdas = cv.points().stream().mapToDouble(CvPoint::lambda).toArray();
            double from = Arrays.stream(lambdas).min().orElseThrow();
            double to = Arrays.stream(lambdas).max().orElseThrow();
            XYSeries rule = chart.addSeries("one-SE limit", new double[] {from, to},
                    new double[] {limit, limit});
            rule.setMarker(SeriesMarkers.NONE);
            rule.setLineColor(Color.GRAY);
            rule.setLineStyle(SeriesLines.DOT_DOT);
        }
        return chart;
    }
}
