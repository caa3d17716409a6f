package dev.ridgeline.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ridgeline.data.ColumnKind;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.UnicodeText;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.preprocess.EncodedFeature;
import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.UnseenCategory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code model} object of a model file, to and from a JSON tree. Doubles are written as JSON numbers in
 * Java's shortest round-trip form, so they parse back bit-exact. Values that may legitimately be undefined
 * are written as null and read back as NaN: a metric (the R2 of a constant target), a lambda not recorded,
 * a fill value, an original-unit coefficient or intercept that overflows. The coefficients, bias, shifts and
 * scales that predictions use are always finite ({@link LinearModel} and {@link EncodedFeature} refuse
 * others), and the reader refuses a file where they are not. Names and labels are taken in Unicode NFC
 * ({@link UnicodeText}, by {@link InputColumn} and {@link EncodedFeature}), as data is: a file written before
 * data was read that way may hold them decomposed.
 * Field meanings are documented in {@link ModelFile}.
 */
final class ModelJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ModelJson() {
    }

    static ObjectNode toTree(LinearModel model) {
        Preprocessing p = model.preprocessing();
        ObjectNode root = NODES.objectNode();
        root.put("target", model.targetName());
        root.put("scale", p.scale().label());
        root.put("unseenCategory", p.unseen().label());
        ArrayNode inputs = root.putArray("inputs");
        for (InputColumn c : p.inputs()) {
            ObjectNode in = inputs.addObject();
            in.put("name", c.name());
            in.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            if (c.kind() == ColumnKind.NUMERIC) {
                putNumber(in, "fill", c.fillNumber());
                if (Double.isFinite(c.mean())) {
                    in.put("mean", c.mean());
                }
            } else {
                in.put("fill", c.fillLabel());
                c.categories().forEach(in.putArray("categories")::add);
            }
        }
        ArrayNode features = root.putArray("features");
        double[] theta = model.coefficientsStandardized();
        double[] beta = model.coefficients();
        for (int f = 0; f < theta.length; f++) {
            EncodedFeature e = p.features().get(f);
            ObjectNode o = features.addObject();
            o.put("name", e.name());
            o.put("input", e.input());
            o.put("category", e.category());
            o.put("shift", e.shift());
            o.put("scale", e.scale());
            o.put("coefficient", theta[f]);
            putNumber(o, "coefficientOriginalUnits", beta[f]);
        }
        root.put("bias", model.interceptStandardized());
        putNumber(root, "interceptOriginalUnits", model.intercept());
        p.warnings().forEach(root.putArray("preprocessingWarnings")::add);
        putNumber(root, "lambda", model.metadata().lambda());
        ObjectNode metrics = root.putObject("metrics");
        model.metadata().metrics().forEach((part, m) -> metrics.set(part, metricsTree(m)));
        ObjectNode prov = root.putObject("provenance");
        model.metadata().provenance().forEach(prov::put);
        if (!model.metadata().ignoredColumns().isEmpty()) {
            // Written only when there are some: a model without them reads the same in a version before them.
            model.metadata().ignoredColumns().forEach(root.putArray("ignoredColumns")::add);
        }
        return root;
    }

    static LinearModel fromTree(JsonNode root) {
        List<InputColumn> inputs = new ArrayList<>();
        JsonNode inputArray = array(root, "inputs");
        for (int i = 0; i < inputArray.size(); i++) {
            JsonNode in = inputArray.get(i);
            inputs.add(within("inputs[" + i + "]" + named(in), () -> input(in)));
        }
        List<EncodedFeature> features = new ArrayList<>();
        List<Double> theta = new ArrayList<>();
        JsonNode featureArray = array(root, "features");
        for (int i = 0; i < featureArray.size(); i++) {
            JsonNode f = featureArray.get(i);
            features.add(within("features[" + i + "]" + named(f), () -> feature(f)));
            theta.add(within("features[" + i + "]" + named(f), () -> finite(f, "coefficient")));
        }
        if (features.isEmpty()) {
            // Training refuses data with nothing to learn from, so no run writes one; export failed on it.
            throw new ModelFileException("the model is inconsistent: it has no features");
        }
        double lambda = number(root, "lambda");
        if (Double.isInfinite(lambda)) {
            throw new ModelFileException("field 'lambda' must be a finite number >= 0 or null, found "
                    + brief(root.get("lambda")));
        }
        if (lambda < 0) {
            throw new ModelFileException("the model is inconsistent: lambda " + lambda + " is not a finite number >= 0");
        }
        List<String> warnings = new ArrayList<>();
        JsonNode warningArray = array(root, "preprocessingWarnings");
        for (int i = 0; i < warningArray.size(); i++) {
            JsonNode w = warningArray.get(i);
            if (!w.isTextual()) {
                // asText had read an object as "" and kept it as a warning.
                throw new ModelFileException("preprocessingWarnings[" + i + "] must be a string, found " + brief(w));
            }
            warnings.add(w.asText());
        }
        Preprocessing p = new Preprocessing(inputs, features, ScaleKind.parse(text(root, "scale")),
                UnseenCategory.parse(text(root, "unseenCategory")), warnings);
        requireNamesOfTheirInputs(inputs, features);
        Map<String, RegressionMetrics> metrics = new LinkedHashMap<>();
        optionalObject(root, "metrics");
        optionalObject(root, "provenance");
        root.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(),
                within("metrics." + e.getKey(), () -> metricsFrom(e.getValue()))));
        Map<String, String> prov = new LinkedHashMap<>();
        root.path("provenance").fields().forEachRemaining(e -> prov.put(e.getKey(), within("provenance",
                () -> text(root.path("provenance"), e.getKey()))));
        prov.computeIfPresent("weights", (key, column) -> UnicodeText.composed(column));
        String target = UnicodeText.composed(text(root, "target"));
        if (target.isEmpty()) {
            throw new ModelFileException("field 'target' must name a column, found \"\"");
        }
        ModelMetadata meta = new ModelMetadata(lambda, metrics, prov, ignoredColumns(root, inputs, target));
        LinearModel model = new LinearModel(p, target, theta.stream().mapToDouble(Double::doubleValue).toArray(),
                finite(root, "bias"), meta);
        requireDerivedAgree(root, featureArray, model);
        return model;
    }

    /**
     * The original-unit fields, which load recomputes from the coefficients and the scaling, hold what those give:
     * an edit of one (with the checksum recomputed) had been accepted and ignored, the file then showing a number
     * the model does not use. Compared to 1e-9 of the terms' magnitude, so that a file written by another version
     * of the same formula still loads. The fields are optional together (a file without any of them is not
     * checked), never one without the others: the writer writes them all, so a file missing only some was edited,
     * and the one left out had escaped its check.
     */
    private static void requireDerivedAgree(JsonNode root, JsonNode featureArray, LinearModel model) {
        requireAllOrNone(root, featureArray);
        double[] beta = model.coefficients();
        double magnitude = Math.abs(model.interceptStandardized());
        for (int f = 0; f < beta.length; f++) {
            JsonNode feature = featureArray.get(f);
            String where = "features[" + f + "]" + named(feature) + ".coefficientOriginalUnits";
            requireAgree(feature.get("coefficientOriginalUnits"), beta[f], Math.abs(beta[f]), where);
            double term = Math.abs(beta[f] * model.preprocessing().features().get(f).shift());
            magnitude += Double.isFinite(term) ? term : 0;  // an overflowed coefficient (null) with a shift of 0
        }
        requireAgree(root.get("interceptOriginalUnits"), model.intercept(), magnitude, "interceptOriginalUnits");
    }

    /** Every original-unit field present, or none: the first one missing named beside one present. */
    private static void requireAllOrNone(JsonNode root, JsonNode featureArray) {
        String present = root.has("interceptOriginalUnits") ? "interceptOriginalUnits" : null;
        String missing = present == null ? "interceptOriginalUnits" : null;
        for (int f = 0; f < featureArray.size() && (present == null || missing == null); f++) {
            String field = "features[" + f + "]" + named(featureArray.get(f)) + ".coefficientOriginalUnits";
            if (featureArray.get(f).has("coefficientOriginalUnits")) {
                present = present == null ? field : present;
            } else {
                missing = missing == null ? field : missing;
            }
        }
        if (present != null && missing != null) {
            throw new ModelFileException("field '" + missing + "' is missing, but the file has '" + present + "': the"
                    + " original-unit fields are written together, so the file was edited; retrain or restore the file");
        }
    }

    private static void requireAgree(JsonNode stated, double expected, double magnitude, String where) {
        if (stated == null) {
            return;
        }
        boolean agrees = Double.isFinite(expected)
                ? stated.isNumber() && Math.abs(stated.doubleValue() - expected) <= 1e-9 * magnitude
                : stated.isNull();
        if (!agrees) {
            throw new ModelFileException("field '" + where + "' is " + ModelJson.brief(stated) + ", but the model's "
                    + "coefficients and scaling give " + expected + ": the field is derived from them (and recomputed"
                    + " on load), so the file was edited; retrain or restore the file");
        }
    }

    /**
     * The optional "ignoredColumns": names (composed, as the header's are) of columns the training data held
     * but the model does not read; each a non-empty string, listed once, neither an input nor the target.
     */
    private static List<String> ignoredColumns(JsonNode root, List<InputColumn> inputs, String target) {
        if (root.get("ignoredColumns") == null) {
            return List.of();
        }
        JsonNode array = array(root, "ignoredColumns");
        Set<String> inputNames = new HashSet<>();
        inputs.forEach(in -> inputNames.add(in.name()));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode v = array.get(i);
            String where = "ignoredColumns[" + i + "]";
            if (!v.isTextual() || v.asText().isEmpty()) {
                throw new ModelFileException(where + ": must be a column name, found " + brief(v));
            }
            String name = UnicodeText.composed(v.asText());
            if (names.contains(name) || inputNames.contains(name) || name.equals(target)) {
                throw new ModelFileException(where + " ('" + DataException.shown(name) + "'): "
                        + (names.contains(name) ? "listed twice" : inputNames.contains(name) ? "also an input"
                        : "also the target"));
            }
            names.add(name);
        }
        return names;
    }

    /** One entry of "inputs". */
    private static InputColumn input(JsonNode in) {
        requireObject(in);
        String name = text(in, "name");
        String kind = text(in, "kind");
        if (!kind.equals("numeric") && !kind.equals("categorical")) {
            throw new ModelFileException("field 'kind' must be \"numeric\" or \"categorical\", found "
                    + brief(in.get("kind")));
        }
        if (kind.equals("numeric")) {
            double fill = number(in, "fill");
            if (Double.isInfinite(fill)) {
                throw new ModelFileException("field 'fill' must be a finite number or null, found " + brief(in.get("fill")));
            }
            // "mean" is optional: files written before it was recorded have none.
            return InputColumn.numeric(name, fill, in.has("mean") ? finite(in, "mean") : Double.NaN);
        }
        List<String> cats = new ArrayList<>();
        JsonNode listed = array(in, "categories");
        for (int c = 0; c < listed.size(); c++) {
            if (!listed.get(c).isTextual()) {
                // asText would read 5 as "5", null as "null" and {} as "".
                throw new ModelFileException("categories[" + c + "] must be a string, found " + brief(listed.get(c)));
            }
            cats.add(listed.get(c).asText());
        }
        return InputColumn.categorical(name, in.path("fill").isNull() ? null : text(in, "fill"), cats);
    }

    /**
     * Each feature is named as training names it: its input's name, or {@code input=category} for a one-hot feature.
     * Data columns are matched to inputs by name and a feature reads its input by index, so two input names swapped
     * (or two features' inputs or categories) had predicted from the wrong columns without a word, checksum
     * recomputed. Shapes: inputs (c), features (n), each feature's input already checked to be one of them.
     */
    private static void requireNamesOfTheirInputs(List<InputColumn> inputs, List<EncodedFeature> features) {
        for (int i = 0; i < features.size(); i++) {
            EncodedFeature f = features.get(i);
            String input = inputs.get(f.input()).name();
            String expected = f.oneHot() ? input + "=" + f.category() : input;
            if (!f.name().equals(expected)) {
                throw new ModelFileException("the model is inconsistent: features[" + i + "] is named '" + f.name()
                        + "' but reads " + (f.oneHot() ? "category '" + f.category() + "' of " : "") + "input "
                        + f.input() + " ('" + input + "'), which training names '" + expected + "'");
            }
        }
    }

    /** One entry of "features", without its coefficient. */
    private static EncodedFeature feature(JsonNode f) {
        requireObject(f);
        String category = f.path("category").isNull() ? null : text(f, "category");
        JsonNode input = f.path("input");
        if (!input.isIntegralNumber() || !input.canConvertToInt()) {
            // asInt would read 0.5 as 0 and "1" as 1.
            throw new ModelFileException("field 'input' must be an integer, found " + brief(input));
        }
        return new EncodedFeature(text(f, "name"), input.intValue(), category, finite(f, "shift"), finite(f, "scale"));
    }

    /** An entry of "inputs" or "features" is an object: a number there had been read as one missing every field. */
    private static void requireObject(JsonNode entry) {
        if (!entry.isObject()) {
            throw new ModelFileException("must be an object, found " + brief(entry));
        }
    }

    /** " ('age')" when the entry has a string name, for messages; else nothing. */
    private static String named(JsonNode entry) {
        JsonNode name = entry.path("name");
        return name.isTextual() ? " ('" + cut(name.asText()) + "')" : "";
    }

    /** Runs {@code read}, putting {@code where} ("inputs[3] ('age')") before the message of a fault it finds. */
    private static <T> T within(String where, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ModelFileException e) {
            throw new ModelFileException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * A JSON value for a message, short: an array or object by its size (a 10-million-element array had made
     * a 20 MB error line), a long string or number cut, a number beyond a double's range as such.
     */
    static String brief(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNumber() && Double.isInfinite(v.doubleValue())) {
            // JSON has no infinity: the parser reads a number too large for a double (1e400) as one, and keeps no
            // text of it, so "found Infinity" had named a value the file does not hold.
            return "a number beyond double range (over 1.8e308 in magnitude)";
        }
        if (v.isArray()) {
            return "an array of " + v.size() + (v.size() == 1 ? " element" : " elements");
        }
        if (v.isObject()) {
            return "an object of " + v.size() + (v.size() == 1 ? " field" : " fields");
        }
        return cut(v.toString());
    }

    /** At most 60 characters of {@code text}, "..." marking a cut. */
    private static String cut(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static ObjectNode metricsTree(RegressionMetrics m) {
        ObjectNode o = NODES.objectNode();
        o.put("count", m.count());
        putNumber(o, "mse", m.mse());
        putNumber(o, "rmse", m.rmse());
        putNumber(o, "mae", m.mae());
        putNumber(o, "r2", m.r2());
        putNumber(o, "explainedVariance", m.explainedVariance());
        return o;
    }

    private static RegressionMetrics metricsFrom(JsonNode o) {
        if (!o.isObject()) {
            throw new ModelFileException("must be an object, found " + brief(o));
        }
        JsonNode count = o.path("count");
        if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 0) {
            // asInt would read "many" as 0.
            throw new ModelFileException("field 'count' must be an integer >= 0, found " + brief(count));
        }
        return new RegressionMetrics(count.intValue(), number(o, "mse"), number(o, "rmse"), number(o, "mae"),
                number(o, "r2"), number(o, "explainedVariance"));
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static double number(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null) {
            throw new ModelFileException("field '" + key + "' is missing");
        }
        if (v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new ModelFileException("field '" + key + "' must be a number, found " + brief(v));
        }
        return v.doubleValue();
    }

    /** A number that predictions use: null or an overflowing number is refused here, with the field named. */
    private static double finite(JsonNode o, String key) {
        double v = number(o, key);
        if (!Double.isFinite(v)) {
            throw new ModelFileException("field '" + key + "' must be a finite number, found " + brief(o.get(key)));
        }
        return v;
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || !v.isTextual()) {
            throw new ModelFileException("field '" + key + "' must be a string" + (v == null ? " and is missing"
                    : ", found " + brief(v)));
        }
        return v.asText();
    }

    /** Metadata a file may leave out; when present it must be an object, not silently read as empty. */
    private static void optionalObject(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v != null && !v.isObject()) {
            throw new ModelFileException("field '" + key + "' must be an object, found " + brief(v));
        }
    }

    private static JsonNode array(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || !v.isArray()) {
            throw new ModelFileException("field '" + key + "' must be an array" + (v == null ? " and is missing"
                    : ", found " + brief(v)));
        }
        return v;
    }
}
