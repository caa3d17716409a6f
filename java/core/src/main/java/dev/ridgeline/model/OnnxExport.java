package dev.ridgeline.model;

import static dev.ridgeline.model.OnnxProto.floatAttribute;
import static dev.ridgeline.model.OnnxProto.floatsAttribute;
import static dev.ridgeline.model.OnnxProto.int64Tensor;
import static dev.ridgeline.model.OnnxProto.intAttribute;
import static dev.ridgeline.model.OnnxProto.mlNode;
import static dev.ridgeline.model.OnnxProto.node;
import static dev.ridgeline.model.OnnxProto.opset;
import static dev.ridgeline.model.OnnxProto.stringsAttribute;
import static dev.ridgeline.model.OnnxProto.tensor;
import static dev.ridgeline.model.OnnxProto.valueInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.card.BuildInfo;
import dev.ridgeline.data.ColumnNames;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.ScaleKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Exports a model as a standard ONNX graph (IR version 8, opset 13; ai.onnx.ml opset 2 for models with
 * categorical inputs), preprocessing folded in. Inputs: {@code features} float32 [N, n_numeric], the numeric
 * input columns in the model's input order, and {@code categories} string [N, n_categorical], the categorical
 * ones in input order (each input only when the model has such columns); output {@code prediction} float32
 * [N, 1].
 *
 * <pre>
 *   used       = Gather(features, used_columns, axis 1)   only when training dropped a numeric column
 *   centred    = Sub(used, reference)                     unless every reference is 0
 *   imputed    = Where(IsNaN(used), fill, centred)        only when the model imputes: fill - reference,
 *                                                         rounded once from double (fill when uncentred)
 *   linear     = MatMul(imputed, weights)                 weights (n_used, 1): original-unit coefficients
 *   label_k    = Gather(categories, [k], axis 1)          per categorical column k that matters
 *   term_k     = LabelEncoder(label_k)                    its label's coefficient (ai.onnx.ml)
 *   prediction = Sum(linear, term_k...) + intercept
 * </pre>
 *
 * The scale is folded into the weights (beta = theta / scale). Each numeric column's reference point r is
 * the scaling's shift (mean or minimum), else (with {@code --scale none}) the column's training mean recorded
 * in the model file, else its imputed value, else 0 (a model file written before the mean was recorded).
 * A categorical column's one-hot features add up to a lookup of its label: the coefficient of the label's
 * feature, less the sum of beta_f x shift_f over the column's features, which goes to the intercept (see
 * {@link OnnxPlan}). The intercept is computed in double, so prediction = b + sum beta (x - shift), as {@link
 * LinearModel#predict} computes it. Centring matters because float32 keeps 24 bits: with the reference folded
 * into the intercept instead, inputs near 10,000 that vary by 1 and predictions 0..100 meet an intercept near
 * -1e6 and two large terms cancel (differences from the Java predictions up to 0.05 without scaling, 1e-2
 * with it; 1e-5 centred). A numeric column dropped in training (constant, or all missing) is left out before
 * the MatMul rather than given weight 0, because 0 * NaN is NaN: whatever it holds cannot change the
 * prediction, as in {@link LinearModel#predict}.
 *
 * <p>Labels are matched as given: the CSV reader trims them, so callers pass trimmed strings; "" and "NA" are
 * missing. Where the Java API refuses a row, the graph, which cannot fail a row, gives a NaN prediction: a
 * missing value without imputation, a category not seen in training when the model was trained with
 * {@code --unseen error}. Arithmetic is float32, so predictions differ from {@link LinearModel#predict}
 * (double) by rounding; the tests state the difference.
 */
public final class OnnxExport {
    private static final long IR_VERSION = 8;
    private static final long OPSET = 13;
    /** LabelEncoder with string keys and float values (keys_strings, values_floats) is version 2. */
    private static final long ML_OPSET = 2;
    static final String NUMERIC_INPUT = "features";
    static final String CATEGORICAL_INPUT = "categories";
    static final String PREDICTION = "prediction";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxExport() {
    }

    /**
     * Writes {@code model} as an ONNX graph (IR 8, opset 13 and ai.onnx.ml 2) to {@code file}, atomically: the
     * preprocessing and the linear map in float32, inputs {@code features} and {@code categories} as the class
     * comment describes, output {@code prediction}.
     */
    public static void write(LinearModel model, Path file) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        AtomicFiles.write(file, toBytes(model));
    }

    /**
     * As {@link #write(LinearModel, Path)}, recording {@code modelChecksum} (the {@code checksum} of the model
     * file the model was loaded from) as the graph's {@code model_checksum}, rather than the checksum of the
     * model as this version would write it, which differs for a file written without optional fields.
     */
    public static void write(LinearModel model, Path file, String modelChecksum) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(modelChecksum, "modelChecksum");
        AtomicFiles.write(file, toBytes(model, new OnnxPlan(model), modelChecksum));
    }

    /** The ONNX graph of {@link #write(LinearModel, Path)} as bytes, its metadata naming the model's own checksum. */
    public static byte[] toBytes(LinearModel model) {
        Objects.requireNonNull(model, "model");
        return toBytes(model, new OnnxPlan(model), ModelFile.checksum(model));
    }

    /**
     * The graph's inputs and the model's columns in each, in order: {@code features} (numeric columns) and
     * {@code categories} (categorical columns), each only when the model has such columns.
     */
    public static Map<String, List<String>> graphInputs(LinearModel model) {
        Objects.requireNonNull(model, "model");
        return graphInputs(model, new OnnxPlan(model));
    }

    private static Map<String, List<String>> graphInputs(LinearModel model, OnnxPlan plan) {
        List<InputColumn> inputs = model.preprocessing().inputs();
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (plan.numericInputs.length > 0) {
            out.put(NUMERIC_INPUT, Arrays.stream(plan.numericInputs).mapToObj(i -> inputs.get(i).name()).toList());
        }
        if (plan.categoricalInputs.length > 0) {
            out.put(CATEGORICAL_INPUT, Arrays.stream(plan.categoricalInputs).mapToObj(i -> inputs.get(i).name())
                    .toList());
        }
        return out;
    }

    /**
     * Warnings about float32 for this model's graph, empty when there is nothing to say: one when the
     * estimated rounding error of the ONNX predictions (see {@link #roundingError}) is more than 1% of the
     * spread of the training targets (sqrt(MSE / (1 - R2)) of the model's training metrics). A model without
     * training metrics (built in code) gets no warning, having no spread to compare with.
     */
    public static List<String> float32Warnings(LinearModel model) {
        Objects.requireNonNull(model, "model");
        OnnxPlan plan = new OnnxPlan(model);
        double error = roundingError(plan);
        RegressionMetrics train = model.metadata().metrics().get("train");
        if (train == null || !(train.r2() < 1) || !Double.isFinite(train.mse()) || !Double.isFinite(train.r2())) {
            return List.of();
        }
        if (!plan.uncentred.isEmpty() && model.preprocessing().scale() == ScaleKind.NONE) {
            // A model file from before the training means were recorded: the size of these inputs is unknown,
            // so no estimate can be trusted; say what would make the graph accurate.
            List<String> names = plan.uncentred.stream()
                    .map(i -> model.preprocessing().inputs().get(i).name()).toList();
            return List.of("the model file records no training mean for the unscaled input" + (names.size() > 1 ? "s " : " ")
                    + names + " (a model trained with --dp leaves the means out, as they are not private; one written"
                    + " by an earlier version did not record them), so the ONNX graph cannot centre "
                    + (names.size() > 1 ? "them" : "it") + " and, computing in float32, may lose digits on values far"
                    + " from zero");
        }
        double spread = Math.sqrt(train.mse() / (1 - train.r2()));
        if (!(spread > 0) || !(error > 0.01 * spread)) {
            return List.of();
        }
        // The cause named is the intercept or a numeric column: a category's term is one coefficient, whose
        // rounding (2^-24 of it) cannot reach 1% of the targets' spread alone.
        int worst = -1;
        double worstTerm = Math.abs(plan.intercept);
        for (int u = 0; u < plan.used.length; u++) {
            double term = Math.abs((double) plan.weights[u] * plan.reference[u]);
            if (term > worstTerm) {
                worst = u;
                worstTerm = term;
            }
        }
        String cause = worst < 0
                ? String.format(Locale.ROOT, "an intercept of %.4g", plan.intercept)
                : String.format(Locale.ROOT, "input '%s' near %.4g", model.preprocessing().inputs()
                        .get(plan.numericInputs[plan.used[worst]]).name(), plan.reference[worst]);
        String share = error > spread ? "more than the spread of the training targets"
                : String.format(Locale.ROOT, "%.0f%% of the spread of the training targets", 100 * error / spread);
        return List.of(String.format(Locale.ROOT, "the ONNX graph computes in float32 (24 bits, about 7 digits):"
                + " at %s its predictions may be off by up to about %.2g, %s (%.3g), where predict computes in"
                + " double; subtract a constant from that %s before training to keep the digits", cause, error,
                share, spread, worst < 0 ? "target" : "column"));
    }

    /**
     * Estimated rounding error of the graph's float32 predictions (prediction units): 2^-23 (two halves of a
     * float32 unit in the last place, relative: each large magnitude is rounded once where it is held and once
     * more in the sum that brings it back to the prediction's scale) times the magnitudes that float32 must
     * hold: each numeric input value, about its reference point (the shift, else the training mean), weighted
     * by its coefficient, each categorical column's largest term, plus the prediction itself, about the
     * intercept. The centred values and their products are small and add little. On the diabetes data it is
     * 5.1e-5 to 1.2e-4 by the scaling (predictions 25..346); targets of 1e7 +- 5 give 1.2 (at most 0.56 and
     * 0.78 observed over two data sets: each of the two roundings can reach half a unit, 0.5 there), inputs
     * of 1.7e9 +- 1 a hundred times the effect of the input.
     */
    public static double roundingError(LinearModel model) {
        Objects.requireNonNull(model, "model");
        return roundingError(new OnnxPlan(model));
    }

    private static double roundingError(OnnxPlan plan) {
        double sum = Math.abs(plan.intercept);
        for (int u = 0; u < plan.used.length; u++) {
            sum += Math.abs((double) plan.weights[u] * plan.reference[u]);
        }
        for (OnnxPlan.Lookup lookup : plan.lookups) {
            sum += lookup.magnitude();
        }
        return sum * 0x1p-23;
    }

    private static byte[] toBytes(LinearModel model, OnnxPlan plan, String modelChecksum) {
        ProtoWriter graph = new ProtoWriter().string(2, "ridgeline_linear_model");
        List<String> terms = new ArrayList<>();
        if (plan.used.length > 0) {
            terms.add(numericTerm(graph, plan));
        }
        for (OnnxPlan.Lookup lookup : plan.lookups) {
            terms.add(categoricalTerm(graph, lookup));
        }
        String sum = terms.get(0);
        if (terms.size() > 1) {
            sum = "terms";
            graph.message(1, node("Sum", sum, terms.toArray(String[]::new)));
        }
        graph.message(5, tensor("intercept", new long[] {1}, new float[] {plan.intercept}));
        graph.message(1, node("Add", PREDICTION, sum, "intercept"));
        Map<String, List<String>> columns = graphInputs(model, plan);
        if (plan.numericInputs.length > 0) {
            graph.message(11, valueInfo(NUMERIC_INPUT, OnnxProto.FLOAT, "N", plan.numericInputs.length)
                    .string(3, "float32, one column per numeric input, in this order: "
                            + ColumnNames.joinedInFull(columns.get(NUMERIC_INPUT)) + "; NaN = missing"));
        }
        if (plan.categoricalInputs.length > 0) {
            graph.message(11, valueInfo(CATEGORICAL_INPUT, OnnxProto.STRING, "N", plan.categoricalInputs.length)
                    .string(3, "labels, trimmed, one column per categorical input, in this order: "
                            + ColumnNames.joinedInFull(columns.get(CATEGORICAL_INPUT)) + "; \"\" or \"NA\" = missing"));
        }
        graph.message(12, valueInfo(PREDICTION, OnnxProto.FLOAT, "N", 1)
                .string(3, "predicted " + model.targetName() + " (float32)"));
        String description = describe(model, columns);
        graph.string(10, description);
        ProtoWriter file = new ProtoWriter()
                .int64(1, IR_VERSION)
                .string(2, "ridgeline")
                .string(3, BuildInfo.currentDescription())
                .string(6, description)
                .message(7, graph)
                .message(8, opset("", OPSET));
        if (!plan.lookups.isEmpty()) {
            file.message(8, opset(OnnxProto.ML_DOMAIN, ML_OPSET));
        }
        metadata(model, columns, modelChecksum).forEach((key, value) -> file.message(14, OnnxProto.entry(key, value)));
        return file.toByteArray();
    }

    /** One sentence per graph input with its columns in order, then the output. */
    private static String describe(LinearModel model, Map<String, List<String>> columns) {
        StringBuilder text = new StringBuilder("Ridge regression of '" + model.targetName() + "'.");
        columns.forEach((input, names) -> text.append(" Input '").append(input).append("' ")
                .append(input.equals(NUMERIC_INPUT) ? "float32" : "string").append(" [N, ").append(names.size())
                .append("]: [").append(ColumnNames.joinedInFull(names)).append("]."));
        return text.append(" Output '").append(PREDICTION).append("' float32 [N, 1].").toString();
    }

    /**
     * metadata_props, for a serving engineer's checks at load time: the target, each input's columns in order
     * (JSON arrays), and the checksum of the model file the graph was exported from (of the model as this version
     * writes it, for a model not read from a file).
     */
    private static Map<String, String> metadata(LinearModel model, Map<String, List<String>> columns,
            String modelChecksum) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("target", model.targetName());
        columns.forEach((input, names) -> props.put(input, jsonArray(names)));
        props.put("model_checksum", modelChecksum);
        return props;
    }

    private static String jsonArray(List<String> names) {
        try {
            return JSON.writeValueAsString(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The numeric columns' nodes, ending in the MatMul; returns its output, "linear" [N, 1]. */
    private static String numericTerm(ProtoWriter graph, OnnxPlan plan) {
        String x = NUMERIC_INPUT;
        if (plan.used.length < plan.numericInputs.length) {
            graph.message(5, int64Tensor("used_columns", plan.used));
            graph.message(1, node("Gather", "used", x, "used_columns").message(5, intAttribute("axis", 1)));
            x = "used";
        }
        boolean imputes = false;
        for (float v : plan.fill) {
            imputes |= !Float.isNaN(v);
        }
        if (plan.centres) {
            // Centred first, then a missing cell gets the centred fill, fill - shift rounded once from double.
            graph.message(5, tensor("shift", new long[] {plan.used.length}, plan.reference));
            graph.message(1, node("Sub", "centred", x, "shift"));
            if (imputes) {
                graph.message(5, tensor("fill", new long[] {plan.used.length}, plan.centredFill));
                graph.message(1, node("IsNaN", "is_missing", x));
                graph.message(1, node("Where", "imputed", "is_missing", "fill", "centred"));
                x = "imputed";
            } else {
                x = "centred";
            }
        } else if (imputes) {
            graph.message(5, tensor("fill", new long[] {plan.used.length}, plan.fill));
            graph.message(1, node("IsNaN", "is_missing", x));
            graph.message(1, node("Where", "imputed", "is_missing", "fill", x));
            x = "imputed";
        }
        graph.message(5, tensor("weights", new long[] {plan.used.length, 1}, plan.weights));
        graph.message(1, node("MatMul", "linear", x, "weights"));
        return "linear";
    }

    /** One categorical column's lookup: its label column [N, 1], then LabelEncoder; returns "term_k" [N, 1]. */
    private static String categoricalTerm(ProtoWriter graph, OnnxPlan.Lookup lookup) {
        String column = "column_" + lookup.column();
        String label = "label_" + lookup.column();
        String term = "term_" + lookup.column();
        graph.message(5, int64Tensor(column, new int[] {lookup.column()}));
        graph.message(1, node("Gather", label, CATEGORICAL_INPUT, column).message(5, intAttribute("axis", 1)));
        graph.message(1, mlNode("LabelEncoder", term, label)
                .message(5, stringsAttribute("keys_strings", lookup.keys()))
                .message(5, floatsAttribute("values_floats", lookup.values()))
                .message(5, floatAttribute("default_float", lookup.otherwise())));
        return term;
    }
}
