package dev.ridgeline.model;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.preprocess.EncodedFeature;
import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.UnseenCategory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The constants of a model's ONNX graph (see {@link OnnxExport}), from the model in double.
 *
 * <p>prediction = b + sum_f beta_f (v_f - shift_f), beta = theta / scale. A numeric input's term is
 * beta (x - ref) with ref its reference point, the rest beta (ref - shift) going to the intercept. A
 * categorical input's one-hot features add up to value(label) - sum_f beta_f shift_f, value(label) being the
 * beta of the label's feature (0 for a known label without one): a lookup table, its constant going to the
 * intercept. The intercept is summed in double and rounded to float32 once.
 */
final class OnnxPlan {
    /** The CSV reader's spellings of a missing label; the graph's string input gives them as they are. */
    static final List<String> MISSING_LABELS = List.of("", "NA");

    /** Indices into inputs of the numeric inputs, in input order: the columns of the graph's {@code features}. */
    final int[] numericInputs;
    /** Indices into inputs of the categorical inputs, in input order: the columns of {@code categories}. */
    final int[] categoricalInputs;
    /** Columns of {@code features} that some feature reads, ascending (dropped columns left out). */
    final int[] used;
    /** Per used column (used.length), the coefficient of its feature: the graph's MatMul weights, (used, 1). */
    final float[] weights;
    /** Per used column, its imputed value; NaN where missing values are refused. */
    final float[] fill;
    /**
     * Per used column, its imputed value less its reference, in double then rounded once: what the graph
     * puts in a missing cell once the column is centred. A float32 fill centred in the graph had carried the
     * fill's own rounding (9999.796465 off by 4.1e-4, times the coefficient, where other rows agree to 1e-9).
     */
    final float[] centredFill;
    /** Subtracted from each used column before the MatMul: the shift, else the training mean, else the fill. */
    final float[] reference;
    final boolean centres;
    /** One per categorical input whose label can change the prediction (or make it NaN), in input order. */
    final List<Lookup> lookups = new ArrayList<>();
    final float intercept;
    /** Used numeric inputs (indices into inputs) neither scaled nor with a training mean or fill: not centred. */
    final List<Integer> uncentred = new ArrayList<>();

    /**
     * A categorical input's term: label -> value, NaN for a label the Java model refuses (missing without a
     * fill, unseen under {@code --unseen error}).
     *
     * @param input index into inputs
     * @param column its column in the graph's {@code categories}
     */
    record Lookup(int input, int column, List<String> keys, float[] values, float otherwise) {
        /** The largest |value|: what float32 must hold for this term. */
        double magnitude() {
            double most = 0;
            for (float v : values) {
                if (Float.isFinite(v)) {
                    most = Math.max(most, Math.abs(v));
                }
            }
            return most;
        }
    }

    OnnxPlan(LinearModel model) {
        List<InputColumn> inputs = model.preprocessing().inputs();
        List<EncodedFeature> features = model.preprocessing().features();
        double[] beta = model.coefficients();
        numericInputs = indicesOfKind(inputs, ColumnKind.NUMERIC);
        categoricalInputs = indicesOfKind(inputs, ColumnKind.CATEGORICAL);
        int[] columnOf = new int[inputs.size()];
        for (int k = 0; k < numericInputs.length; k++) {
            columnOf[numericInputs[k]] = k;
        }
        for (int k = 0; k < categoricalInputs.length; k++) {
            columnOf[categoricalInputs[k]] = k;
        }
        used = features.stream().filter(e -> !e.oneHot()).mapToInt(e -> columnOf[e.input()]).distinct().sorted()
                .toArray();
        weights = new float[used.length];
        fill = new float[used.length];
        centredFill = new float[used.length];
        reference = new float[used.length];
        int[] position = new int[numericInputs.length];
        for (int u = 0; u < used.length; u++) {
            position[used[u]] = u;
            fill[u] = (float) inputs.get(numericInputs[used[u]]).fillNumber();
        }
        boolean any = false;
        double c0 = model.interceptStandardized();
        Map<Integer, Map<String, Double>> oneHot = new LinkedHashMap<>();
        for (int f = 0; f < features.size(); f++) {
            EncodedFeature e = features.get(f);
            if (e.oneHot()) {
                oneHot.computeIfAbsent(e.input(), i -> new LinkedHashMap<>()).put(e.category(), beta[f]);
                c0 -= beta[f] * e.shift();
                continue;
            }
            // A numeric input has one feature, so each used column gets one weight and one reference; the
            // reference is float32 as the graph holds it, and the intercept takes up what rounding moved it.
            int u = position[columnOf[e.input()]];
            InputColumn column = inputs.get(e.input());
            double ref = e.shift() != 0 ? e.shift()
                    : Double.isFinite(column.mean()) ? column.mean()
                    : Double.isFinite(column.fillNumber()) ? column.fillNumber() : 0;
            // The fill (the training mean or median under --missing mean/median) centres as well as the mean: a
            // --dp model keeps it though it leaves the mean out.
            if (e.shift() == 0 && !Double.isFinite(column.mean()) && !Double.isFinite(column.fillNumber())) {
                uncentred.add(e.input());
            }
            weights[u] = (float) beta[f];
            reference[u] = (float) ref;
            centredFill[u] = (float) (column.fillNumber() - (double) reference[u]);
            any |= reference[u] != 0;
            c0 += beta[f] * ((double) reference[u] - e.shift());
        }
        centres = any;
        intercept = (float) c0;
        requireFloat32(inputs, beta, features, c0);
        boolean refusesUnseen = model.preprocessing().unseen() == UnseenCategory.ERROR;
        for (int k = 0; k < categoricalInputs.length; k++) {
            int input = categoricalInputs[k];
            Map<String, Double> values = oneHot.get(input);
            if (values == null && !refusesUnseen) {
                continue; // no feature, and any label gives 0: nothing to compute
            }
            lookups.add(lookup(inputs.get(input), input, k, values == null ? Map.of() : values, refusesUnseen));
        }
    }

    /**
     * Refuses a model whose graph constants overflow float32 (a coefficient of 1e308 is a finite double): its
     * graph would predict Infinity or NaN for every row, where {@link LinearModel#predict} gives numbers.
     */
    private void requireFloat32(List<InputColumn> inputs, double[] beta, List<EncodedFeature> features,
            double interceptDouble) {
        for (int f = 0; f < features.size(); f++) {
            if (!Float.isFinite((float) beta[f])) {
                EncodedFeature e = features.get(f);
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "cannot export to ONNX: the"
                        + " coefficient of %s is %.6g in original units, beyond float32 (about 3.4e38), so the graph"
                        + " would predict Infinity or NaN; predict (double) can still use the model",
                        e.oneHot() ? "'" + inputs.get(e.input()).name() + "' = '" + e.category() + "'"
                                : "input '" + inputs.get(e.input()).name() + "'", beta[f]));
            }
        }
        if (!Float.isFinite(intercept)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "cannot export to ONNX: the"
                    + " graph's intercept (the prediction at the inputs' reference points) is %.6g, beyond float32"
                    + " (about 3.4e38), so the graph would predict Infinity or NaN; predict (double) can still use"
                    + " the model", interceptDouble));
        }
    }

    /**
     * Every known label and the missing spellings, with their values. A column without features (one category
     * in training) ignores missing values, as {@link dev.ridgeline.preprocess.Preprocessing#encode} does.
     */
    private static Lookup lookup(InputColumn column, int input, int k, Map<String, Double> beta, boolean refusesUnseen) {
        List<String> keys = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        for (String category : column.categories()) {
            keys.add(category);
            values.add((float) (double) beta.getOrDefault(category, 0.0));
        }
        float missing = beta.isEmpty() ? 0f
                : column.fillLabel() == null ? Float.NaN : (float) (double) beta.getOrDefault(column.fillLabel(), 0.0);
        for (String spelling : MISSING_LABELS) {
            if (!keys.contains(spelling)) {
                keys.add(spelling);
                values.add(missing);
            }
        }
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        return new Lookup(input, k, List.copyOf(keys), v, refusesUnseen ? Float.NaN : 0f);
    }

    private static int[] indicesOfKind(List<InputColumn> inputs, ColumnKind kind) {
        return java.util.stream.IntStream.range(0, inputs.size()).filter(i -> inputs.get(i).kind() == kind).toArray();
    }
}
