package dev.ridgeline.card;

import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.fairness.FairnessReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a model card states. Sections may be empty (no fairness attribute, no holdout) but never
 * absent: the renderers then say what was not assessed.
 *
 * @param warnings every warning of the run that wrote the card, as the command printed it (training that
 *     stopped before converging, a weak privacy setting, dropped rows or columns): a card must not present a
 *     model as if all went well when its run said otherwise
 */
public record ModelCard(
        Details details,
        IntendedUse intendedUse,
        Stewardship stewardship,
        DataInfo data,
        Training training,
        List<MetricEntry> metrics,
        Fairness fairness,
        PrivacyInfo privacy,
        Explanation explanation,
        Provenance provenance,
        List<PlotLink> plots,
        List<String> warnings) {

    public ModelCard {
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(intendedUse, "intendedUse");
        Objects.requireNonNull(stewardship, "stewardship");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(fairness, "fairness");
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(provenance, "provenance");
        metrics = List.copyOf(metrics);
        plots = List.copyOf(plots);
        warnings = List.copyOf(warnings);
    }

    /** A card whose author stated no owner, contact or licence ({@link Stewardship#defaults()}). */
    public ModelCard(Details details, IntendedUse intendedUse, DataInfo data, Training training,
            List<MetricEntry> metrics, Fairness fairness, PrivacyInfo privacy, Explanation explanation,
            Provenance provenance, List<PlotLink> plots, List<String> warnings) {
        this(details, intendedUse, Stewardship.defaults(), data, training, metrics, fairness, privacy, explanation,
                provenance, plots, warnings);
    }

    /**
     * Name and date of the model, the Ridgeline version that trained it, where it was trained, and the model
     * file the card describes.
     *
     * @param modelVersion the Ridgeline version and source commit that trained the model
     * @param modelFile the model file's name beside the card, or null when the card describes no file
     * @param modelSha256 hex SHA-256 of that file's bytes, which ties the card to it; null without a file
     */
    public record Details(String name, String modelVersion, String date, String backend, String hardware,
            String modelType, String modelFile, String modelSha256) {

        /**
         * The number formats, the same for every model: a reader comparing it with a float64 fit elsewhere must
         * know that its data went in as float32.
         */
        public static final String NUMBERS = "data, targets and weights held as float32 on every backend (each value"
                + " as read rounded by up to 6e-8 of itself); parameters stored in double; the ONNX graph computes in"
                + " float32";
    }

    /**
     * The training data.
     *
     * @param sha256 hex digest of the data file, or null for in-memory data
     * @param rows the rows the model was trained and evaluated on
     * @param rowsRead the data rows read, {@code rows} and those dropped for a missing value
     * @param preprocessing steps applied before training, in order
     */
    public record DataInfo(String name, String file, String sha256, long rows, long rowsRead, List<String> features,
            String target, List<String> preprocessing, String split) {
    }

    /** Training settings (in a stable order) and the seed. */
    public record Training(Map<String, String> settings, long seed) {
    }

    /**
     * One evaluation figure, with its interval when one was estimated: in words for a reader (name, split) and in
     * keys for a program (metric, rows, count, weightedBy, level), which the words had left to parse.
     *
     * @param name the metric as the card prints it, e.g. "MSE (weighted by 'w')"
     * @param split which rows it was computed on, in words, e.g. "validation rows (88)"
     * @param metric mse, rmse, mae or r2
     * @param rows the rows' part: train, validation or test (a tune card's in-sample rows: tuning)
     * @param count how many rows
     * @param weightedBy the row-weight column the figure weighs by, or null
     * @param level the interval's level (0.95), NaN without an interval
     */
    public record MetricEntry(String name, String split, double value, double ciLow, double ciHigh, String metric,
            String rows, int count, String weightedBy, double level) {

        /** A figure without interval; its name is the metric's label, with the weight column when there is one. */
        public static MetricEntry point(String metric, String rows, int count, String weightedBy, String split,
                double value) {
            return new MetricEntry(label(metric, weightedBy), split, value, Double.NaN, Double.NaN, metric, rows, count,
                    weightedBy, Double.NaN);
        }

        /** An unweighted figure with its interval [low, high] at {@code level}. */
        public static MetricEntry withInterval(String metric, String rows, int count, String split, double value,
                double low, double high, double level) {
            return withInterval(metric, rows, count, null, split, value, low, high, level);
        }

        /** A figure weighted by column {@code weightedBy} (null: unweighted) with its interval at {@code level}. */
        public static MetricEntry withInterval(String metric, String rows, int count, String weightedBy, String split,
                double value, double low, double high, double level) {
            return new MetricEntry(label(metric, weightedBy), split, value, low, high, metric, rows, count, weightedBy,
                    level);
        }

        private static String label(String metric, String weightedBy) {
            String label = metric.equals("r2") ? "R2" : metric.toUpperCase(java.util.Locale.ROOT);
            return weightedBy == null ? label : label + " (weighted by '" + weightedBy + "')";
        }
    }

    /**
     * The fairness section: one table per sensitive attribute, the rows they were computed on, and what
     * mitigation did (null without it).
     *
     * @param rows "validation", "test", or "train" when nothing was held out (in-sample figures); null when
     *     not assessed
     * @param rowsChoseStoppingEpoch true when early stopping (--patience) chose the epoch on these rows: held
     *     out from the fit, but not from choosing it
     * @param rowWeights the row-weight column these figures weigh rows by, as the card's metrics do (group sizes
     *     stay counts of rows); null for a run without row weights
     * @param validationChoseStoppingEpoch true when these are the test rows because early stopping chose the epoch
     *     on the validation rows, whose figures would be optimistic
     */
    public record Fairness(String rows, List<FairnessReport> reports, Mitigation mitigation,
            boolean rowsChoseStoppingEpoch, String rowWeights, boolean validationChoseStoppingEpoch) {
        public Fairness {
            reports = List.copyOf(reports);
        }

        /** On rows chosen as the evaluation rows are, not for want of validation rows that chose nothing. */
        public Fairness(String rows, List<FairnessReport> reports, Mitigation mitigation,
                boolean rowsChoseStoppingEpoch, String rowWeights) {
            this(rows, reports, mitigation, rowsChoseStoppingEpoch, rowWeights, false);
        }

        /** Without row weights. */
        public Fairness(String rows, List<FairnessReport> reports, Mitigation mitigation,
                boolean rowsChoseStoppingEpoch) {
            this(rows, reports, mitigation, rowsChoseStoppingEpoch, null);
        }

        /** Rows that played no part in choosing the model. */
        public Fairness(String rows, List<FairnessReport> reports, Mitigation mitigation) {
            this(rows, reports, mitigation, false);
        }

        /** No sensitive attribute was given. */
        public static Fairness notAssessed() {
            return new Fairness(null, List.of(), null);
        }
    }

    /**
     * The outcome of bounded-group-loss mitigation: the chosen round, the group weights, and the MSE of the
     * worst group and of all rows before (the plain fit) and after, on each set of rows it was measured on.
     *
     * @param outcomes the training rows first, then the held-out evaluation rows when there are any
     */
    public record Mitigation(String attribute, String method, int chosenRound, int rounds,
            Map<String, Double> groupWeights, List<MseChange> outcomes) {
        public Mitigation {
            groupWeights = Collections.unmodifiableMap(new LinkedHashMap<>(groupWeights));
            outcomes = List.copyOf(outcomes);
        }
    }

    /**
     * MSE before and after mitigation on one set of rows.
     *
     * @param rows "train", "validation" or "test"
     */
    public record MseChange(String rows, double worstGroupBefore, double worstGroupAfter, double overallBefore,
            double overallAfter) {
    }

    /** SHAP explanation summary: base value, background and the coefficient table; null when not computed. */
    public record Explanation(double baseValue, String background, CoefficientTable coefficients) {
    }

    /** A plot file next to the card, by relative path. */
    public record PlotLink(String title, String path) {
    }
}
