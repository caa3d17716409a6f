package dev.ridgeline.preprocess;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.Interrupts;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.data.ValueHints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fits a {@link Preprocessing} on the TRAINING rows of a frame only: imputation values (mean or median; the
 * most frequent category for a categorical column), the categories of each categorical column (sorted),
 * and the scaling of every encoded feature; with row weights, each statistic weighs a row by its weight (a
 * row of weight 0 moves none, though its categories are known). A feature that is constant on the training rows is dropped
 * with a warning instead of being divided by a zero spread. Two features with the same name (a column
 * called like another column's one-hot feature) are refused.
 */
public final class PreprocessingFitter {
    private PreprocessingFitter() {
    }

    /**
     * Fits on the rows {@code trainRows} of {@code frame} (row indices into it; the validation and test rows are
     * left out, so that their statistics do not leak into the model) as {@code spec} says: imputation, categories,
     * scaling. Warnings (dropped constant columns and the like) quote the statistics; see the four-argument form.
     *
     * @throws NullPointerException as {@link #fit(Frame, int[], PreprocessingSpec, boolean)}
     * @throws IllegalArgumentException as {@link #fit(Frame, int[], PreprocessingSpec, boolean)}
     * @throws IndexOutOfBoundsException as {@link #fit(Frame, int[], PreprocessingSpec, boolean)}
     * @throws DataException as {@link #fit(Frame, int[], PreprocessingSpec, boolean)}
     * @throws java.util.concurrent.CancellationException as {@link #fit(Frame, int[], PreprocessingSpec, boolean)}
     */
    public static Preprocessing fit(Frame frame, int[] trainRows, PreprocessingSpec spec) {
        return fit(frame, trainRows, spec, true);
    }

    /**
     * {@link #fit(Frame, int[], PreprocessingSpec)}; without {@code quoteFigures} the warnings name the columns
     * but no statistic of the training rows (a dropped column's constant value, a column's mean and standard
     * deviation): under differential privacy they would publish those statistics without noise. Shapes:
     * trainRows (r) indices into the frame's m rows; their weights (r), when the frame has weights.
     *
     * @throws NullPointerException when frame, trainRows or spec is null
     * @throws IllegalArgumentException when there are no training rows
     * @throws IndexOutOfBoundsException when a training row is not a row of the frame (naming it)
     * @throws DataException when a column has a missing value in a training row and the spec's policy imputes none
     *     (unless the column has no value on them at all), two features would have the same name (a column named
     *     like another column's one-hot feature), or every feature column is constant on the training rows
     *     ({@link NoFeaturesException})
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (the status stays set)
     */
    public static Preprocessing fit(Frame frame, int[] trainRows, PreprocessingSpec spec, boolean quoteFigures) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(trainRows, "trainRows");
        Objects.requireNonNull(spec, "spec");
        if (trainRows.length == 0) {
            throw new IllegalArgumentException("no training rows to fit the preprocessing on");
        }
        for (int r = 0; r < trainRows.length; r++) {
            // Checked up front: an index past the frame failed deep inside a column read, naming no row.
            if (trainRows[r] < 0 || trainRows[r] >= frame.rows()) {
                throw new IndexOutOfBoundsException("training row trainRows[" + r + "] = " + trainRows[r]
                        + " is outside the frame's rows 0.." + (frame.rows() - 1));
            }
        }
        List<InputColumn> inputs = new ArrayList<>();
        List<EncodedFeature> features = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        FeatureNames names = new FeatureNames(frame.source());
        // A row of weight w counts as w copies in every statistic below, as in the objective; null: once each.
        double[] rowWeights = frame.hasWeights() ? Arrays.stream(trainRows).mapToDouble(frame::weight).toArray() : null;
        if (!spec.missing().imputes()) {
            requireNoMissing(frame, trainRows, spec.missing());
        }
        for (int c = 0; c < frame.columns(); c++) {
            Interrupts.check("fitting the preprocessing");
            if (frame.kind(c) == ColumnKind.NUMERIC) {
                WeightedValues v = withFill(frame, c, trainRows, rowWeights, Double.NaN);
                double fill = fillValue(v, spec);
                WeightedValues values = withFill(frame, c, trainRows, rowWeights, fill);
                double mean = values.mean();
                inputs.add(InputColumn.numeric(frame.name(c), fill, mean));
                names.claim(frame.name(c), frame.name(c), null);
                addFeature(features, warnings, dropped, frame.name(c), c, null, values, spec.scale(), quoteFigures);
            } else {
                Map<String, Double> counts = counts(frame, c, trainRows, rowWeights);
                missingLookalikes(frame.name(c), counts.keySet()).ifPresent(warnings::add);
                decimalCommas(frame.name(c), counts.keySet()).ifPresent(warnings::add);
                if (counts.isEmpty()) {
                    // Declared categorical and empty: no category, so no feature, and any value in it later is
                    // one never seen; a numeric column this empty is dropped with a warning of its own.
                    warnings.add(String.format(Locale.ROOT, "categorical column '%s' has no value on the training"
                            + " rows: it adds no feature, and a value in it at prediction is an unseen category",
                            DataException.shown(frame.name(c))));
                }
                String fill = spec.missing().imputes() ? mostFrequent(counts) : null;
                List<String> categories = new ArrayList<>(counts.keySet());
                inputs.add(InputColumn.categorical(frame.name(c), fill, categories));
                // Each category's indicator from its count: one pass over the rows for the column, not one per
                // category (100,000 categories over 800,000 rows took 8e10 steps).
                double present = 0;
                for (double count : counts.values()) {
                    present += count;
                }
                double rowsWithLabel = fill == null ? present : totalWeight(trainRows.length, rowWeights);
                for (String cat : categories) {
                    double ones = counts.get(cat) + (cat.equals(fill) ? rowsWithLabel - present : 0);
                    names.claim(frame.name(c) + "=" + cat, frame.name(c), cat);
                    addIndicator(features, dropped, frame.name(c) + "=" + cat, c, cat, ones, rowsWithLabel,
                            spec.scale());
                }
            }
        }
        if (features.isEmpty()) {
            throw new NoFeaturesException(frame.source() + ": every feature column is constant on the "
                    + "training rows; there is nothing to learn from");
        }
        warnings.addAll(0, droppedWarnings(dropped, quoteFigures));
        return new Preprocessing(inputs, features, spec.scale(), spec.unseen(), warnings);
    }

    /**
     * A warning for a column of text whose every category reads as a number written with a decimal comma or
     * thousands separators (a file from a locale that writes 12,78, or one that writes 1,000): one-hot
     * encoded, its numbers had trained as categories without a word.
     *
     * @throws NullPointerException when categories is null
     */
    public static Optional<String> decimalCommas(String column, Collection<String> categories) {
        return numbersAsText(column, categories, " (if they are categories, ignore this)");
    }

    /**
     * As {@link #decimalCommas}, with {@code aside} after the count of categories: the warning's "ignore this if
     * they are categories", or nothing in an error, which gives its own remedy for categories.
     *
     * @throws NullPointerException when categories is null
     */
    public static Optional<String> numbersAsText(String column, Collection<String> categories, String aside) {
        if (categories.isEmpty() || !categories.stream().allMatch(ValueHints::numberAsText)) {
            return Optional.empty();
        }
        if (categories.stream().allMatch(ValueHints::commaNumber)) {
            return Optional.of(String.format(Locale.ROOT, "column '%s' holds numbers written with decimal commas or"
                    + " thousands separators ('%s'), read as %d categories%s: %s", DataException.shown(column),
                    DataException.shown(categories.iterator().next()), categories.size(), aside,
                    ValueHints.COMMA_ADVICE));
        }
        String signed = categories.stream().filter(ValueHints::decoratedNumber).findFirst().orElseThrow();
        return Optional.of(String.format(Locale.ROOT, "column '%s' holds numbers written with signs ('%s'), read"
                + " as %d categories%s: %s", DataException.shown(column), DataException.shown(signed), categories.size(),
                aside,
                ValueHints.DECORATION_ADVICE));
    }

    /**
     * A warning naming the categories of a column that read like missing values ({@link ValueHints}:
     * a column of text holding "?" or "null" for its gaps otherwise trained a category of them without a
     * word), or empty (no counts: under
     * --dp a count would publish how many training rows hold one).
     */
    static Optional<String> missingLookalikes(String column, Collection<String> categories) {
        List<String> found = categories.stream()
                .filter(ValueHints::looksMissing)
                .map(cat -> "'" + DataException.shown(cat) + "'").toList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "column '%s' has the categor%s %s, which read%s like a missing"
                + " value but %s a category here (only an empty field or NA is missing): write %s as NA to have %s"
                + " treated as missing", DataException.shown(column), found.size() > 1 ? "ies" : "y",
                String.join(", ", found),
                found.size() > 1 ? "" : "s", found.size() > 1 ? "are each" : "is", found.size() > 1 ? "them" : "it",
                found.size() > 1 ? "them" : "it"));
    }

    /** At most this many dropped features get a warning each; more share one line. */
    static final int DROPPED_ONE_BY_ONE = 3;

    /**
     * The warnings for the features dropped as constant ("name (value)" each, the value left out without
     * {@code quoteFigures}): one line per feature, or, for more than {@link #DROPPED_ONE_BY_ONE}, one line naming
     * the first ten (429 constant columns had made 429 lines).
     */
    private static List<String> droppedWarnings(List<String> dropped, boolean quoteFigures) {
        if (dropped.size() <= DROPPED_ONE_BY_ONE) {
            return dropped.stream().map(d -> {
                int open = d.lastIndexOf(" (");
                return String.format(Locale.ROOT, "feature '%s' is constant %son the training rows and was dropped",
                        DataException.shown(d.substring(0, open)), quoteFigures ? d.substring(open + 1) + " " : "");
            }).toList();
        }
        List<String> named = dropped.stream().map(d -> {
            int open = d.lastIndexOf(" (");
            return DataException.shown(d.substring(0, open)) + (quoteFigures ? d.substring(open) : "");
        }).toList();
        int shown = Math.min(10, dropped.size());
        return List.of(String.format(Locale.ROOT, "%d features are constant on the training rows and were dropped: %s%s",
                dropped.size(), String.join(", ", named.subList(0, shown)),
                dropped.size() > shown ? ", and " + (dropped.size() - shown) + " more" : ""));
    }

    /**
     * A column whose values lie within this many units in the last place of their magnitude varies by rounding
     * only (0.3 and 0.1 + 0.2 = 0.30000000000000004): it is constant. Kept, it was scaled by 9e-18 and became a
     * coefficient of -2e16, and a new value of 0.31 predicted -2e14.
     */
    static final int ROUNDING_ULPS = 4;

    /**
     * The feature of one numeric column, scaled as {@code scale} says, or its name among the dropped when constant
     * (or without a value). Shape: values (k), the column's training values after imputation, with their
     * weights (k) or none.
     */
    private static void addFeature(List<EncodedFeature> out, List<String> warnings, List<String> dropped, String name,
            int input, String category, WeightedValues values, ScaleKind scale, boolean quoteFigures) {
        double min = values.min();
        double max = values.max();
        boolean none = !values.anyCounted();
        if (none || max - min <= ROUNDING_ULPS * Math.ulp(Math.max(Math.abs(min), Math.abs(max)))) {
            dropped.add(name + " (" + (none ? "no values" : min == max ? Double.toString(min)
                    : min + " to " + max + ", a spread of rounding") + ")");
            return;
        }
        double shift;
        double spread;
        switch (scale) {
            case ZSCORE -> {
                shift = values.mean();
                spread = values.populationSd(shift);
            }
            case MINMAX -> {
                shift = min;
                spread = max - min;
            }
            default -> {
                shift = 0;
                spread = 1;
                warnIfFloat32HidesVariation(warnings, name, values, Math.max(Math.abs(min), Math.abs(max)),
                        quoteFigures);
            }
        }
        out.add(new EncodedFeature(name, input, category, shift, spread));
    }

    /**
     * Unscaled values are stored as float32 for training, in steps of ulp(max |x|): values such as 1.7e9 +- 1
     * all round to one float, and the model silently gets coefficient 0. Scaled features are shifted and
     * divided in double first, so only {@code --scale none} needs this check. Warns when the step exceeds
     * a hundredth of the column's standard deviation (rounding then adds noise of about 0.3 % of it or more).
     * Shape: values (k), with their weights (k) or none.
     */
    private static void warnIfFloat32HidesVariation(List<String> warnings, String name, WeightedValues values,
            double maxAbs, boolean quoteFigures) {
        double mean = values.mean();
        double sd = values.populationSd(mean);
        double step = Math.ulp((float) maxAbs);
        if (step > sd / 100 && !quoteFigures) {
            warnings.add(String.format(Locale.ROOT, "feature '%s' varies by less than float32 can hold at its magnitude:"
                    + " unscaled, the model cannot see that variation; use --scale zscore or minmax, or subtract an"
                    + " offset from the column", DataException.shown(name)));
        } else if (step > sd / 100) {
            warnings.add(String.format(Locale.ROOT, "feature '%s' varies by a standard deviation of %.3g around %.4g, "
                    + "but float32 holds values there only in steps of %.3g: unscaled, the model cannot see that "
                    + "variation; use --scale zscore or minmax, or subtract an offset from the column",
                    DataException.shown(name), sd, mean, step));
        }
    }

    /**
     * {@link #addFeature} for a 0/1 indicator that is 1 on {@code ones} of {@code rows} training rows (weights
     * summed, with weights): the same constant check, shift and spread, from the counts.
     */
    private static void addIndicator(List<EncodedFeature> out, List<String> dropped, String name, int input,
            String category, double ones, double rows, ScaleKind scale) {
        // Weights are sums of doubles: a label on every row may come to the total give or take rounding, which
        // must not make an indicator of spread 1e-17 (counts without weights are whole and compare exactly).
        double rounding = ROUNDING_ULPS * Math.ulp(rows);
        if (!(rows > 0) || ones <= rounding || rows - ones <= rounding) {
            dropped.add(name + " (" + (!(rows > 0) ? "no values" : Double.toString(ones <= rounding ? 0.0 : 1.0)) + ")");
            return;
        }
        double shift;
        double spread;
        switch (scale) {
            case ZSCORE -> {
                shift = ones / rows;
                spread = Math.sqrt((ones * (1 - shift) * (1 - shift) + (rows - ones) * shift * shift) / rows);
            }
            case MINMAX -> {
                shift = 0;
                spread = 1;
            }
            default -> {
                // Unscaled 0/1 values: float32 holds them exactly, and warnIfFloat32HidesVariation could only
                // warn for a spread below 1.2e-5, which a 0/1 column of under 2^31 rows never has.
                shift = 0;
                spread = 1;
            }
        }
        out.add(new EncodedFeature(name, input, category, shift, spread));
    }

    /**
     * Refuses a missing value in a training row when the policy imputes none: the fitted pipeline could not
     * encode that row, and the error would otherwise come only at transform, after the fit. A column with no
     * value on the training rows is let through: it feeds no feature, so it is dropped with a warning.
     */
    private static void requireNoMissing(Frame frame, int[] trainRows, MissingPolicy policy) {
        for (int c = 0; c < frame.columns(); c++) {
            boolean numeric = frame.kind(c) == ColumnKind.NUMERIC;
            int firstMissing = -1;
            boolean present = false;
            for (int row : trainRows) {
                boolean missing = numeric ? Double.isNaN(frame.number(c, row)) : frame.label(c, row) == null;
                if (missing && firstMissing < 0) {
                    firstMissing = row;
                }
                present |= !missing;
                if (present && firstMissing >= 0) {
                    throw new DataException(frame.where(c, firstMissing) + ": missing value in a training row, and "
                            + "MissingPolicy." + policy + " imputes none: remove such rows first (MissingValues.apply"
                            + " with MissingPolicy.DROP) or fit with MissingPolicy.MEAN or MEDIAN");
                }
            }
        }
    }

    /**
     * The (weighted) mean or median of the present values; NaN when the policy does not impute. Shape:
     * present (k), with its weights (k) or none.
     */
    private static double fillValue(WeightedValues present, PreprocessingSpec spec) {
        if (!spec.missing().imputes() || !present.anyCounted()) {
            return Double.NaN;
        }
        return spec.missing() == MissingPolicy.MEAN ? present.mean() : present.median();
    }

    /**
     * Training values of numeric column c after imputation with {@code fill} (NaN: none), in row order, with
     * their row weights (rows still missing are left out). A loop into arrays of the rows' length: a filtered
     * stream grows its buffer chunk by chunk, which took a tenth of a training run on 200 columns. Shapes:
     * rows (r), rowWeights (r) or null; returns values and weights (k), k at most r, the weights null with rowWeights.
     */
    private static WeightedValues withFill(Frame frame, int c, int[] rows, double[] rowWeights, double fill) {
        double[] out = new double[rows.length];
        double[] weights = rowWeights == null ? null : new double[rows.length];
        int count = 0;
        for (int r = 0; r < rows.length; r++) {
            double v = frame.number(c, rows[r]);
            if (Double.isNaN(v)) {
                v = fill;
            }
            if (!Double.isNaN(v)) {
                if (weights != null) {
                    weights[count] = rowWeights[r];
                }
                out[count++] = v;
            }
        }
        return count == out.length ? new WeightedValues(out, weights)
                : new WeightedValues(Arrays.copyOf(out, count), weights == null ? null : Arrays.copyOf(weights, count));
    }

    /** The training rows' total weight: their count without weights. Shape: rowWeights (rows) or null. */
    private static double totalWeight(int rows, double[] rowWeights) {
        if (rowWeights == null) {
            return rows;
        }
        double total = 0;
        for (double w : rowWeights) {
            total += w;
        }
        return total;
    }

    /**
     * Each label of the training rows with its total weight (its count without weights), sorted by label. Shapes:
     * rows (r), rowWeights (r) or null.
     */
    private static Map<String, Double> counts(Frame frame, int c, int[] rows, double[] rowWeights) {
        Map<String, Double> counts = new TreeMap<>();
        for (int r = 0; r < rows.length; r++) {
            String label = frame.label(c, rows[r]);
            if (label != null) {
                counts.merge(label, rowWeights == null ? 1.0 : rowWeights[r], Double::sum);
            }
        }
        return counts;
    }

    /** The most frequent (heaviest) category; ties go to the first in sorted order. */
    private static String mostFrequent(Map<String, Double> counts) {
        String best = null;
        double most = 0;
        for (Map.Entry<String, Double> e : counts.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }
}
