package dev.ridgeline.model;

import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.preprocess.EncodedFeature;
import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.ScaleKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Exports a model with numeric inputs as a standard ONNX graph (IR version 8, opset 13), preprocessing
 * folded in: input {@code features} float32 [N, n_in] in the model's input order, output {@code prediction}
 * float32 [N, 1].
 *
 * <pre>
 *   used       = Gather(features, used_columns, axis 1)   only when training dropped an input column
 *   imputed    = Where(IsNaN(used), fill, used)           only when the model imputes missing values
 *   centred    = Sub(imputed, reference)                  unless every reference is 0
 *   prediction = MatMul(centred, weights) + intercept     weights (n_used, 1): original-unit coefficients
 * </pre>
 *
 * The scale is folded into the weights (beta = theta / scale). Each column's reference point r is the
 * scaling's shift (mean or minimum), else (with {@code --scale none}) the column's training mean recorded in
 * the model file, else its imputed value, else 0 (a model file written before the mean was recorded); the
 * intercept is b + sum beta (r - shift), computed in double, so prediction = b + sum beta (x - shift), as
 * {@link LinearModel#predict} computes it. Centring matters because float32 keeps 24 bits: with the
 * reference folded into the intercept instead, inputs near 10,000 that vary by 1 and predictions 0..100 meet
 * an intercept near -1e6 and two large terms cancel (differences from the Java predictions up to 0.05
 * without scaling, 1e-2 with it; 1e-5 centred). A
 * column dropped in training (constant, or all missing) is left out before the MatMul rather than given
 * weight 0, because 0 * NaN is NaN: whatever it holds cannot change the prediction, as in
 * {@link LinearModel#predict}. A missing value in a used column without imputation gives a NaN prediction
 * (the Java API refuses such a row instead). Arithmetic is float32, so predictions differ from
 * {@link LinearModel#predict} (double) by rounding; the tests state the difference.
 * Models with categorical inputs are refused: their inputs are not numbers.
 */
public final class OnnxExport {
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final long IR_VERSION = 8;
    private static final long OPSET = 13;

    private OnnxExport() {
    }

    public static void write(LinearModel model, Path file) {
        AtomicFiles.write(file, toBytes(model));
    }

    public static byte[] toBytes(LinearModel model) {
        return toBytes(model, new Plan(model));
    }

    /**
     * Warnings about float32 for this model's graph, empty when there is nothing to say: one when the
     * estimated rounding error of the ONNX predictions (see {@link #roundingError}) is more than 1% of the
     * spread of the training targets (sqrt(MSE / (1 - R2)) of the model's training metrics). A model without
     * training metrics (built in code) gets no warning, having no spread to compare with.
     */
    public static List<String> float32Warnings(LinearModel model) {
        requireNumeric(model.preprocessing().inputs());
        double error = roundingError(model);
        RegressionMetrics train = model.metadata().metrics().get("train");
        if (train == null || !(train.r2() < 1) || !Double.isFinite(train.mse()) || !Double.isFinite(train.r2())) {
            return List.of();
        }
        Plan uncentredCheck = new Plan(model);
        if (!uncentredCheck.uncentred.isEmpty() && model.preprocessing().scale() == ScaleKind.NONE) {
            // A model file from before the training means were recorded: the size of these inputs is unknown,
            // so no estimate can be trusted; say what would make the graph accurate.
            List<String> names = uncentredCheck.uncentred.stream()
                    .map(i -> model.preprocessing().inputs().get(i).name()).toList();
            return List.of("the model file records no training mean for the unscaled input" + (names.size() > 1 ? "s " : " ")
                    + names + " (it was written by an earlier version), so the ONNX graph cannot centre "
                    + (names.size() > 1 ? "them" : "it") + " and, computing in float32, may lose digits on values far"
                    + " from zero; train the model again to record the means");
        }
        double spread = Math.sqrt(train.mse() / (1 - train.r2()));
        if (!(spread > 0) || !(error > 0.01 * spread)) {
            return List.of();
        }
        Plan plan = new Plan(model);
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
                : String.format(Locale.ROOT, "input '%s' near %.4g", model.preprocessing().inputs().get(plan.used[worst])
                        .name(), plan.reference[worst]);
        String share = error > spread ? "more than the spread of the training targets"
                : String.format(Locale.ROOT, "%.0f%% of the spread of the training targets", 100 * error / spread);
        return List.of(String.format(Locale.ROOT, "the ONNX graph computes in float32 (24 bits, about 7 digits):"
                + " at %s its predictions may be off by up to about %.2g, %s (%.3g), where predict computes in"
                + " double; subtract a constant from that %s before training to keep the digits", cause, error,
                share, spread, worst < 0 ? "target" : "column"));
    }

    /**
     * Estimated rounding error of the graph's float32 predictions (prediction units): 2^-24 (half a float32
     * unit in the last place, relative) times the magnitudes that float32 must hold: each input value, about
     * its reference point (the shift, else the training mean), weighted by its coefficient, plus the
     * prediction itself, about the intercept. The centred values and their products are small and add
     * little. On the diabetes data it is about 1e-5 (predictions 25..346); targets of 1e7 +- 5 give 0.6, inputs
     * of 1.7e9 +- 1 a hundred times the effect of the input.
     */
    public static double roundingError(LinearModel model) {
        requireNumeric(model.preprocessing().inputs());
        Plan plan = new Plan(model);
        double sum = Math.abs(plan.intercept);
        for (int u = 0; u < plan.used.length; u++) {
            sum += Math.abs((double) plan.weights[u] * plan.reference[u]);
        }
        return sum * 0x1p-24;
    }

    /** The constants of the graph. */
    private static final class Plan {
        final int[] used;
        final float[] weights;
        final float[] fill;
        /** Subtracted from each used column before the MatMul: the shift, else the training mean, else the fill. */
        final float[] reference;
        final boolean centres;
        final float intercept;
        /** Used inputs (indices into inputs) neither scaled nor with a recorded training mean: not centred. */
        final List<Integer> uncentred = new java.util.ArrayList<>();

        Plan(LinearModel model) {
            List<InputColumn> inputs = model.preprocessing().inputs();
            requireNumeric(inputs);
            int n = inputs.size();
            used = usedInputs(model);
            weights = new float[used.length];
            fill = new float[used.length];
            reference = new float[used.length];
            double[] beta = model.coefficients();
            List<EncodedFeature> features = model.preprocessing().features();
            int[] position = new int[n];
            for (int u = 0; u < used.length; u++) {
                position[used[u]] = u;
                fill[u] = (float) inputs.get(used[u]).fillNumber();
            }
            boolean any = false;
            // prediction = b + sum beta (x - shift) = [b + sum beta (ref - shift)] + sum beta (x - ref), computed in
            // double for the float32 ref, so the intercept takes up what rounding the reference moved.
            double c0 = model.interceptStandardized();
            for (int f = 0; f < features.size(); f++) {
                // A numeric input has one feature, so each used column gets one weight and one reference.
                EncodedFeature e = features.get(f);
                int u = position[e.input()];
                InputColumn column = inputs.get(e.input());
                double ref = e.shift() != 0 ? e.shift()
                        : Double.isFinite(column.mean()) ? column.mean()
                        : Double.isFinite(column.fillNumber()) ? column.fillNumber() : 0;
                if (e.shift() == 0 && !Double.isFinite(column.mean())) {
                    uncentred.add(e.input());
                }
                weights[u] = (float) beta[f];
                reference[u] = (float) ref;
                any |= reference[u] != 0;
                c0 += beta[f] * ((double) reference[u] - e.shift());
            }
            centres = any;
            intercept = (float) c0;
        }
    }

    private static byte[] toBytes(LinearModel model, Plan plan) {
        int n = model.preprocessing().inputs().size();
        int[] used = plan.used;
        float[] fill = plan.fill;
        ProtoWriter graph = new ProtoWriter().string(2, "ridgeline_linear_model");
        String x = "features";
        if (used.length < n) {
            graph.message(5, int64Tensor("used_columns", used));
            graph.message(1, node("Gather", "used", "features", "used_columns").message(5, intAttribute("axis", 1)));
            x = "used";
        }
        boolean imputes = false;
        for (float v : fill) {
            imputes |= !Float.isNaN(v);
        }
        if (imputes) {
            graph.message(5, tensor("fill", new long[] {used.length}, fill));
            graph.message(1, node("IsNaN", "is_missing", x));
            graph.message(1, node("Where", "imputed", "is_missing", "fill", x));
            x = "imputed";
        }
        if (plan.centres) {
            graph.message(5, tensor("shift", new long[] {used.length}, plan.reference));
            graph.message(1, node("Sub", "centred", x, "shift"));
            x = "centred";
        }
        graph.message(5, tensor("weights", new long[] {used.length, 1}, plan.weights));
        graph.message(5, tensor("intercept", new long[] {1}, new float[] {plan.intercept}));
        graph.message(1, node("MatMul", "linear", x, "weights"));
        graph.message(1, node("Add", "prediction", "linear", "intercept"));
        graph.message(11, valueInfo("features", "N", n));
        graph.message(12, valueInfo("prediction", "N", 1));
        graph.string(10, "Ridge regression of '" + model.targetName() + "' on inputs " + model.preprocessing()
                .inputSchema().keySet());
        return new ProtoWriter()
                .int64(1, IR_VERSION)
                .string(2, "ridgeline")
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").int64(2, OPSET))
                .toByteArray();
    }

    private static void requireNumeric(List<InputColumn> inputs) {
        for (InputColumn c : inputs) {
            if (c.kind() != ColumnKind.NUMERIC) {
                throw new IllegalArgumentException("ONNX export supports numeric inputs only; column '" + c.name()
                        + "' is categorical");
            }
        }
    }

    /** The input columns that some feature reads, in input order. */
    private static int[] usedInputs(LinearModel model) {
        return model.preprocessing().features().stream().mapToInt(EncodedFeature::input).distinct().sorted().toArray();
    }

    /** AttributeProto: name = 1, i = 3, type = 20 (INT = 2). */
    private static ProtoWriter intAttribute(String name, long value) {
        return new ProtoWriter().string(1, name).int64(3, value).int64(20, 2);
    }

    /** TensorProto of int64 (data_type 7), raw little-endian: the indices of Gather. */
    private static ProtoWriter int64Tensor(String name, int[] values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            raw.putLong(v);
        }
        return new ProtoWriter().int64(1, values.length).int64(2, INT64).string(8, name).bytes(9, raw.array());
    }

    /** NodeProto: input = 1, output = 2, name = 3, op_type = 4. */
    private static ProtoWriter node(String op, String output, String... inputs) {
        ProtoWriter w = new ProtoWriter();
        for (String in : inputs) {
            w.string(1, in);
        }
        return w.string(2, output).string(3, op.toLowerCase(Locale.ROOT) + "_" + output).string(4, op);
    }

    /** TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian float32). */
    private static ProtoWriter tensor(String name, long[] dims, float[] values) {
        ProtoWriter w = new ProtoWriter();
        for (long d : dims) {
            w.int64(1, d);
        }
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return w.int64(2, FLOAT).string(8, name).bytes(9, raw.array());
    }

    /** ValueInfoProto{name = 1, type = 2: TypeProto{tensor_type = 1: {elem_type = 1, shape = 2}}}, shape [N, cols]. */
    private static ProtoWriter valueInfo(String name, String rows, long cols) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().string(2, rows))
                .message(1, new ProtoWriter().int64(1, cols));
        ProtoWriter tensorType = new ProtoWriter().int64(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
