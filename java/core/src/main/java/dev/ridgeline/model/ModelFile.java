package dev.ridgeline.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The model file: human-readable JSON, versioned, with a SHA-256 checksum. Never Java serialisation.
 *
 * <pre>
 * {
 *   "format": "ridgeline-linear-model",   fixed
 *   "formatVersion": 1,                    an integer; readers refuse any other version, and ignore unknown fields,
 *                                          so a field that would change a prediction needs a new version
 *   "checksum": "sha256:...",              over the canonical form of "model" (below)
 *   "model": {
 *     "target": name of the predicted column,
 *     "scale": zscore|minmax|none, "unseenCategory": error|zeros,
 *     "inputs": [{"name", "kind": numeric|categorical, "fill": imputed value or null,
 *                 "mean": training mean (numeric; optional, older files lack it), "categories": [...]}],
 *     "features": [{"name", "input": index into inputs, "category": one-hot category or null,
 *                   "shift", "scale", "coefficient": theta (scaled space),
 *                   "coefficientOriginalUnits": theta / scale}],
 *     "bias": b (scaled space), "interceptOriginalUnits": b - sum theta shift / scale,
 *     "preprocessingWarnings": [...], "lambda": the penalty or null,
 *     "metrics": {"train"|"validation"|"test": {"count", "mse", "rmse", "mae", "r2", "explainedVariance"}},
 *     "provenance": {string: string},
 *     "ignoredColumns": [names of training-data columns left out of the inputs] (optional: only when some were)
 *   }
 * }
 * </pre>
 *
 * <p>Numbers that may be undefined (metrics such as the R2 of a constant target, lambda, fill, the original-unit
 * fields when they overflow) are written as null; coefficient, bias, shift and scale are always finite numbers.
 *
 * <p>The file holds this one object: readers refuse anything but whitespace after its closing brace.
 *
 * <p>Canonical form: the "model" object with the keys of every object sorted, no whitespace, numbers in
 * Java's round-trip form, UTF-8. Whitespace and key order may change without effect, and so may the way a number
 * is written (1 or 1.0, 1e-7 or 1e-07: what JSON tools that reformat a file do); any edited value is refused.
 * The derived original-unit fields are recomputed on load and must agree with the file's (to 1e-9 of their terms);
 * a file may leave them all out, not some.
 */
public final class ModelFile {
    public static final String FORMAT = "ridgeline-linear-model";
    public static final int VERSION = 1;
    /** Refuses a key given twice in one object: the reader would keep the last silently. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    /**
     * The file's bytes: pretty-printed JSON ending in a newline.
     *
     * @throws NullPointerException when model is null
     */
    public static byte[] toBytes(LinearModel model) {
        Objects.requireNonNull(model, "model");
        ObjectNode body = ModelJson.toTree(model);
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", VERSION);
        root.put("checksum", "sha256:" + checksum(body));
        root.set("model", body);
        try {
            return (PRETTY.writeValueAsString(root) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the model to {@code file} atomically (temporary file, then a move).
     *
     * @throws NullPointerException when model or file is null
     * @throws java.io.UncheckedIOException when the file cannot be written (a folder on its path is a file, no
     *     permission, a full disk); a file already there is left as it was
     */
    public static void write(LinearModel model, Path file) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        AtomicFiles.write(file, toBytes(model));
    }

    /**
     * The largest model file read: 1 GiB, about four million features (a model of 200,000 categories is
     * about 50 MB). Java cannot hold a file of over 2 GiB in one array, so a larger one (or an endless device)
     * had ended in "out of memory" advice that no heap could meet.
     */
    static final int MAX_BYTES = 1 << 30;

    /**
     * Reads a model file {@link #write} wrote: its format, version and checksum are checked before the model is
     * built, so an edited, truncated or foreign file is refused ({@link ModelFileException} naming the file and
     * the fault), never read as another model.
     *
     * @throws NullPointerException when file is null
     * @throws ModelFileException when the file is missing, a folder, unreadable, larger than 1 GiB, not JSON or not a
     *     Ridgeline model file, of another format version, without a checksum or edited or corrupted after it was
     *     written (checksum mismatch), or describes an inconsistent model
     */
    public static LinearModel read(Path file) {
        return readVerified(file).model();
    }

    /** A model and the checksum its file states (verified against its content), from one read of the file. */
    public record Verified(LinearModel model, String checksum) {
    }

    /**
     * {@link #read}, with the file's checksum from the same read: a second read for it (as {@code export} made)
     * found nothing on a pipe, and could find another model's if the file was replaced in between.
     *
     * @throws NullPointerException when file is null
     * @throws ModelFileException as {@link #read}
     */
    public static Verified readVerified(Path file) {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file + ": is a folder, not a model file");
        }
        try {
            if (Files.isRegularFile(file)) {
                if (Files.size(file) > MAX_BYTES) {
                    throw new ModelFileException(file + ": " + TOO_LARGE);
                }
                byte[] bytes = Files.readAllBytes(file);
                return named(file, () -> verified(bytes));
            }
            // A pipe or device, parsed as it is read and at most MAX_BYTES of it: an endless one such as
            // /dev/zero fails at its first byte that is not JSON, and nothing is held twice.
            try (InputStream in = Files.newInputStream(file)) {
                InputStream limited = new LimitedInputStream(in, MAX_BYTES, () -> new ModelFileException(TOO_LARGE));
                return named(file, () -> fromRoot(parse(() -> JSON.getFactory().createParser(limited))));
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such model file");
        } catch (AccessDeniedException e) {
            throw new ModelFileException(file + ": cannot read: permission denied", e);
        } catch (IOException e) {
            // The reason alone: the exception's message names the file again ("x: Too many levels of symbolic links").
            throw new ModelFileException(file + ": cannot read: " + AtomicFiles.reason(e), e);
        }
    }

    private static final String TOO_LARGE = "larger than 1 GiB, more than a model file holds (a model of 200,000"
            + " categories takes about 50 MB); not a Ridgeline model file?";

    /** {@code load}'s model, or its fault with the file's name in front. */
    private static Verified named(Path file, java.util.function.Supplier<Verified> load) {
        try {
            return load.get();
        } catch (ModelFileException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses and verifies model file content; messages do not name a file.
     *
     * @throws NullPointerException when bytes is null
     * @throws ModelFileException as {@link #read}, for content: empty, not JSON, not a model, another version, no or a
     *     mismatched checksum, an inconsistent model
     */
    public static LinearModel fromBytes(byte[] bytes) {
        return verified(bytes).model();
    }

    private static Verified verified(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new ModelFileException("the file is empty (0 bytes), not a Ridgeline model file");
        }
        return fromRoot(parse(() -> JSON.getFactory().createParser(bytes)));
    }

    /** Verifies a parsed model file (null: it held no JSON value) and reads its model. */
    private static Verified fromRoot(JsonNode root) {
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new ModelFileException("not a Ridgeline model file (\"format\" is not \"" + FORMAT + "\")");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.isIntegralNumber()) {
            // asInt would read 1.9 as 1 and "1" as 1: a hand-edited header must not pass for version 1.
            throw new ModelFileException("field 'formatVersion' must be an integer"
                    + (version == null ? " and is missing" : ", found " + ModelJson.brief(version)));
        }
        if (!version.canConvertToInt() || version.intValue() != VERSION) {
            throw new ModelFileException("model file format version " + version
                    + " is not supported; this version of Ridgeline reads version " + VERSION);
        }
        JsonNode body = root.get("model");
        if (body == null) {
            throw new ModelFileException("the \"model\" object is missing");
        }
        if (!body.isObject()) {
            throw new ModelFileException("field 'model' must be an object, found " + ModelJson.brief(body));
        }
        JsonNode sealed = root.path("checksum");
        String stated = sealed.isTextual() ? sealed.asText() : "";
        String actual = "sha256:" + checksum(body);
        if (stated.isEmpty()) {
            throw new ModelFileException("the file has no checksum (field 'checksum'), so it cannot be verified; retrain "
                    + "or restore the file");
        }
        if (!actual.equals(stated) && !isSealedModelRewritten(body, stated)) {
            throw new ModelFileException("checksum mismatch: the model was edited or corrupted after it was written"
                    + " (file says " + stated + ", content hashes to " + actual + "); retrain or restore the file");
        }
        try {
            return new Verified(ModelJson.fromTree(body), stated);
        } catch (ModelFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // Fields each valid but not one model (a feature of a missing input, a zero scale, an unknown
            // scaling): the checks of LinearModel and Preprocessing, reported as a fault of the file.
            throw new ModelFileException("the model is inconsistent: " + e.getMessage(), e);
        }
    }

    /**
     * The one JSON value of the file (null when it holds none). Content after it (a second document, two
     * writes run together) is refused: the reader would otherwise ignore it.
     */
    /** Makes a parser over the file's content. */
    @FunctionalInterface
    private interface ParserSource {
        JsonParser open() throws IOException;
    }

    private static JsonNode parse(ParserSource content) {
        try (JsonParser parser = content.open()) {
            JsonNode root;
            try {
                root = JSON.readTree(parser);
            } catch (JsonProcessingException e) {
                // No first token: a CSV, a binary or a text file given by mistake, where the parser's complaint
                // ("Unrecognized token 'a': was expecting (JSON String, ...") says less than what was expected. A
                // leading comment keeps the parser's words, which name it: a model file edited by hand.
                if (parser.currentToken() == null
                        && !String.valueOf(e.getOriginalMessage()).startsWith("Unexpected character ('/'")) {
                    throw notJson("this is not JSON" + at(e.getLocation()));
                }
                throw e;
            }
            if (root == null) {
                throw notJson("this holds only blank space");
            }
            try {
                if (parser.nextToken() != null) {
                    // A number or word then more ("1,2,3", a CSV without a header) is no JSON document either.
                    throw root.isContainerNode() ? contentAfterTheEnd(parser.currentTokenLocation())
                            : notJson("this is not JSON" + at(parser.currentTokenLocation()));
                }
            } catch (JsonProcessingException e) {
                throw root.isContainerNode() ? contentAfterTheEnd(e.getLocation())
                        : notJson("this is not JSON" + at(e.getLocation()));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ModelFileException("not a valid JSON model file: " + problem(e)
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), e);
        } catch (IOException e) {
            throw new ModelFileException("cannot parse the model file: " + e.getMessage(), e);
        }
    }

    /**
     * The parser's complaint without its internals: Jackson appends where the object began ("(start marker at
     * [Source: REDACTED ...") and which of its features would allow the input ("enable `JsonReadFeature...`").
     */
    static String problem(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "the file ends inside its JSON (truncated?)";
        }
        String message = String.valueOf(e.getOriginalMessage());
        int cut = message.length();
        for (String internal : new String[] {" (start marker", ": enable `", " (for ", "\n", " at [Source",
            " (not recognized as one since Feature"}) {
            int i = message.indexOf(internal);
            cut = i >= 0 ? Math.min(cut, i) : cut;
        }
        // A limit's message names the setting behind it: "(1000, from `StreamReadConstraints.getMaxNestingDepth()`)".
        return message.substring(0, cut).replaceAll(", from `[^`]*`\\)", ")");
    }

    /** Content that is no JSON document at all, said with what a model file is instead of the parser's words. */
    private static ModelFileException notJson(String found) {
        return new ModelFileException("not a Ridgeline model file: a model file is the JSON that train and tune write"
                + " (model.json), and " + found);
    }

    /** " (line L, column C)", or nothing where the parser knows no place. */
    private static String at(JsonLocation at) {
        return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static ModelFileException contentAfterTheEnd(JsonLocation at) {
        return new ModelFileException("not a valid JSON model file: content after the closing brace"
                + (at == null ? "" : " at line " + at.getLineNr()));
    }

    /** The checksum a file written by {@link #toBytes} carries for this model ("sha256:..."). */
    static String checksum(LinearModel model) {
        return "sha256:" + checksum(ModelJson.toTree(model));
    }

    /** SHA-256 (hex) of the canonical form of a JSON tree. */
    static String checksum(JsonNode body) {
        try {
            byte[] canonical = JSON.writeValueAsBytes(sorted(body));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether {@code body} is the model sealed with {@code stated}, only its numbers written another way: a tool
     * that reformats JSON (jq, JavaScript's JSON.stringify) writes 1.0 as 1 and 1e-7 as 1e-07, the same values in
     * other text, which the canonical form (Jackson's own text of each number) does not see through. The model is
     * read from the body and written again as {@link #toBytes} writes it: that tree must hash to the stated
     * checksum and hold, value for value, exactly what the body holds (so a changed value, an edited derived
     * field or an added key is still refused).
     */
    private static boolean isSealedModelRewritten(JsonNode body, String stated) {
        ObjectNode rewritten;
        try {
            rewritten = ModelJson.toTree(ModelJson.fromTree(body));
        } catch (RuntimeException e) {
            return false; // not a model at all: the checksum mismatch is the fault to report
        }
        return stated.equals("sha256:" + checksum(rewritten)) && numbersAsDoubles(body).equals(numbersAsDoubles(rewritten));
    }

    /** A copy of the tree with every number as the double it reads as (1, 1.0 and 1e0 alike). */
    private static JsonNode numbersAsDoubles(JsonNode node) {
        if (node.isNumber()) {
            return JSON.getNodeFactory().numberNode(node.doubleValue());
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), numbersAsDoubles(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = JSON.createArrayNode();
            node.forEach(e -> out.add(numbersAsDoubles(e)));
            return out;
        }
        return node;
    }

    /** A copy of the tree with the keys of every object in sorted order. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(keys::add);
            keys.sort(null);
            ObjectNode out = JSON.createObjectNode();
            keys.forEach(k -> out.set(k, sorted(node.get(k))));
            return out;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = JSON.createArrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }
}
