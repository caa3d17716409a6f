package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.testing.CsvText;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.preprocess.EncodedFeature;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.UnseenCategory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    static Frame mixedFrame() {
        return FrameReader.forTraining(CsvText.table(
                "a,b,c,y\n0.1,7,red,1\n0.25,,blue,2\n0.3,9,red,3\n1e-7,11,green,4\n", ','), "y", Set.of());
    }

    /** A model with awkward doubles (random bits, tiny and huge magnitudes), imputation and a one-hot column. */
    static LinearModel awkwardModel() {
        Preprocessing p = PreprocessingFitter.fit(mixedFrame(), new int[] {0, 1, 2, 3},
                new PreprocessingSpec(MissingPolicy.MEAN, ScaleKind.ZSCORE, UnseenCategory.ZEROS));
        SplittableRandom rng = new SplittableRandom(5);
        double[] theta = new double[p.features().size()];
        for (int f = 0; f < theta.length; f++) {
            theta[f] = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-30, 30));
        }
        ModelMetadata meta = new ModelMetadata(0.1 + 0.2, Map.of("train",
                new RegressionMetrics(4, 1.0 / 3, Math.sqrt(1.0 / 3), 0.7, Double.NaN, 0.5)),
                Map.of("dataset", "t.csv", "note", "quotes \" and unicode \u00e9"));
        return new LinearModel(p, "y", theta, Math.PI * 1e12, meta);
    }

    /**
     * The checksum is what docs/cli.md states, SHA-256 of "model" with its keys sorted at every level, no whitespace,
     * UTF-8: here recomputed by another route (the tree as nested maps, written with Jackson's own key sorting), so
     * a file's checksum does not depend on the order the writer puts its fields in, and a file written before a
     * field moved still loads.
     */
    @Test
    void theChecksumIsSha256OfTheModelWithItsKeysSortedAtEveryLevel() throws Exception {
        byte[] bytes = ModelFile.toBytes(awkwardModel());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode root = json.readTree(bytes);
        Object model = json.convertValue(root.get("model"), Object.class);
        byte[] canonical = json.copy().configure(com.fasterxml.jackson.databind.SerializationFeature
                .ORDER_MAP_ENTRIES_BY_KEYS, true).writeValueAsBytes(model);
        String text = new String(canonical, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"bias\":"), text);
        assertFalse(text.contains(" \""), "no whitespace between tokens");
        String expected = "sha256:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(canonical));
        assertEquals(expected, root.get("checksum").asText());
    }

    @Test
    void roundTripIsBitExact() {
        LinearModel m = awkwardModel();
        Path file = dir.resolve("m.json");
        m.save(file);
        LinearModel back = LinearModel.load(file);
        assertArrayEquals(bits(m.coefficientsStandardized()), bits(back.coefficientsStandardized()));
        assertEquals(Double.doubleToRawLongBits(m.interceptStandardized()), Double.doubleToRawLongBits(back.interceptStandardized()));
        assertArrayEquals(bits(m.coefficients()), bits(back.coefficients()));
        for (int f = 0; f < m.features(); f++) {
            EncodedFeature a = m.preprocessing().features().get(f);
            assertEquals(a, back.preprocessing().features().get(f));
        }
        assertEquals(m.preprocessing().inputs(), back.preprocessing().inputs());
        assertEquals(m.metadata(), back.metadata());
        assertArrayEquals(bits(m.predict(mixedFrame())), bits(back.predict(mixedFrame())));
        assertArrayEquals(ModelFile.toBytes(m), ModelFile.toBytes(back));
    }

    /**
     * Numeric inputs record their training mean ("mean"); a file written before that, without the field,
     * still loads (its inputs have no mean) and predicts the same.
     */
    @Test
    void theInputMeanIsRecordedAndAFileWithoutItStillLoads() throws Exception {
        LinearModel m = awkwardModel();
        assertEquals((0.1 + 0.25 + 0.3 + 1e-7) / 4, m.preprocessing().inputs().get(0).mean(), 1e-15);
        assertEquals(9, m.preprocessing().inputs().get(1).mean(), 1e-12); // 7, 9 (imputed), 9, 11
        assertTrue(Double.isNaN(m.preprocessing().inputs().get(2).mean())); // categorical
        com.fasterxml.jackson.databind.node.ObjectNode body = ModelJson.toTree(m);
        body.withArray("inputs").forEach(in -> ((com.fasterxml.jackson.databind.node.ObjectNode) in).remove("mean"));
        String old = "{\"format\": \"ridgeline-linear-model\", \"formatVersion\": 1, \"checksum\": \"sha256:"
                + ModelFile.checksum(body) + "\", \"model\": " + body + "}";
        assertFalse(old.contains("\"mean\""));
        LinearModel back = ModelFile.fromBytes(old.getBytes(StandardCharsets.UTF_8));
        assertTrue(back.preprocessing().inputs().stream().allMatch(c -> Double.isNaN(c.mean())));
        assertArrayEquals(bits(m.predict(mixedFrame())), bits(back.predict(mixedFrame())));
    }

    @Test
    void editedValueIsRefusedWithAClearMessage() throws Exception {
        Path file = dir.resolve("m.json");
        awkwardModel().save(file);
        String text = Files.readString(file);
        String edited = text.replaceFirst("\"name\" : \"a\"", "\"name\" : \"A\"");
        assertFalse(text.equals(edited));
        Files.writeString(file, edited);
        ModelFileException e = assertThrows(ModelFileException.class, () -> LinearModel.load(file));
        assertTrue(e.getMessage().startsWith(file + ": checksum mismatch: the model was edited or corrupted"), e.getMessage());
    }

    /**
     * A file edited by hand with its checksum recomputed: each field may be well formed while the whole is not
     * one model. The load fails naming the file and the fault, never with a bare constructor message.
     */
    @Test
    void aConsistentChecksumOverAnInconsistentModelIsRefusedNamingTheFile() throws Exception {
        Map<String, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>> edits =
                new java.util.LinkedHashMap<>();
        edits.put("the model is inconsistent: feature 'a' refers to input 99",
                b -> ((com.fasterxml.jackson.databind.node.ObjectNode) b.withArray("features").get(0)).put("input", 99));
        edits.put("the model is inconsistent: unknown scaling 'foo'", b -> b.put("scale", "foo"));
        edits.put("the model is inconsistent: input column 'a' appears twice",
                b -> b.withArray("inputs").add(b.withArray("inputs").get(0).deepCopy()));
        edits.put("inputs[0] ('a'): field 'kind' must be \"numeric\" or \"categorical\", found \"weird\"",
                b -> ((com.fasterxml.jackson.databind.node.ObjectNode) b.withArray("inputs").get(0)).put("kind", "weird"));
        edits.put("field 'metrics' must be an object, found 5", b -> b.put("metrics", 5));
        edits.put("field 'provenance' must be an object, found an array of 1 element", b -> b.putArray("provenance").add(1));
        edits.put("the model is inconsistent: it has no features", b -> b.putArray("features"));
        edits.put("features[0] ('a'): field 'input' must be an integer, found 0.5",
                b -> ((com.fasterxml.jackson.databind.node.ObjectNode) b.withArray("features").get(0)).put("input", 0.5));
        edits.put("the model is inconsistent: feature 'a' appears twice",
                b -> b.withArray("features").add(b.withArray("features").get(0).deepCopy()));
        edits.put("the model is inconsistent: feature 'c=red' stands for category 'purple', which input 'c' does not have",
                b -> ((com.fasterxml.jackson.databind.node.ObjectNode) oneHot(b, "c=red")).put("category", "purple"));
        edits.put("the model is inconsistent: input 'c' fills missing values with 'purple', which is not one of its"
                + " categories", b -> ((com.fasterxml.jackson.databind.node.ObjectNode) b.withArray("inputs").get(2))
                        .put("fill", "purple"));
        edits.put("the model is inconsistent: lambda -1.0 is not a finite number >= 0", b -> b.put("lambda", -1));
        edits.put("the model is inconsistent: input 'a' has the training mean 1.0E39, beyond float32's range, from"
                + " which its values are read", b -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                        b.withArray("inputs").get(0)).put("mean", 1e39));
        // Each of the rest had loaded, and predicted or scored something else than the model was trained for.
        edits.put("inputs[2] ('c'): categories[1] must be a string, found 5",
                b -> ((com.fasterxml.jackson.databind.node.ArrayNode) b.withArray("inputs").get(2).get("categories"))
                        .set(1, com.fasterxml.jackson.databind.node.IntNode.valueOf(5)));
        edits.put("the model is inconsistent: input 'c' lists category 'blue' twice",
                b -> ((com.fasterxml.jackson.databind.node.ArrayNode) b.withArray("inputs").get(2).get("categories"))
                        .add("blue"));
        edits.put("the model is inconsistent: input 'c' has an empty category (an empty field is a missing value,"
                + " never a category)", b -> ((com.fasterxml.jackson.databind.node.ArrayNode) b.withArray("inputs")
                        .get(2).get("categories")).add(""));
        edits.put("the model is inconsistent: features 'a' and 'b' both stand for input 'a'",
                b -> ((com.fasterxml.jackson.databind.node.ObjectNode) b.withArray("features").get(1)).put("input", 0));
        edits.put("the model is inconsistent: features 'c=red' and 'c=red (again)' both stand for category 'red' of"
                + " input 'c'", b -> b.withArray("features").add(((com.fasterxml.jackson.databind.node.ObjectNode)
                        oneHot(b, "c=red").deepCopy()).put("name", "c=red (again)")));
        edits.put("field 'target' must name a column, found \"\"", b -> b.put("target", ""));
        // An entry that is no object had been read as one missing every field ("field 'category' ... is missing").
        edits.put("features[0]: must be an object, found 3", b -> b.withArray("features").set(0,
                com.fasterxml.jackson.databind.node.IntNode.valueOf(3)));
        edits.put("inputs[1]: must be an object, found \"b\"", b -> b.withArray("inputs").set(1,
                com.fasterxml.jackson.databind.node.TextNode.valueOf("b")));
        edits.put("metrics.train: field 'count' must be an integer >= 0, found \"many\"",
                b -> b.withObject("metrics").withObject("train").put("count", "many"));
        edits.put("provenance: field 'dataset' must be a string, found an object of 0 fields",
                b -> b.withObject("provenance").putObject("dataset"));
        // A message shows a long value by its size: a 10-million-element array had made a 20 MB error line.
        edits.put("features[0] ('a'): field 'coefficient' must be a number, found an array of 100000 elements",
                b -> {
                    var big = ((com.fasterxml.jackson.databind.node.ObjectNode) b.withArray("features").get(0))
                            .putArray("coefficient");
                    for (int i = 0; i < 100_000; i++) {
                        big.add(0);
                    }
                });
        for (var edit : edits.entrySet()) {
            com.fasterxml.jackson.databind.node.ObjectNode body = ModelJson.toTree(awkwardModel());
            edit.getValue().accept(body);
            Path file = dir.resolve("edited.json");
            Files.writeString(file, "{\"format\": \"ridgeline-linear-model\", \"formatVersion\": 1, \"checksum\": "
                    + "\"sha256:" + ModelFile.checksum(body) + "\", \"model\": " + body + "}");
            ModelFileException e = assertThrows(ModelFileException.class, () -> LinearModel.load(file), edit.getKey());
            assertTrue(e.getMessage().startsWith(file + ": " + edit.getKey()), e.getMessage());
        }
    }

    /**
     * Numbers beyond double (1e999 reads as Infinity) where a value may be null or must be finite, named as
     * such rather than as the Infinity the parser read, and a file too large to be a model, are refused too: a fill of 1e999 had predicted Infinity for each row missing that value.
     */
    @Test
    void anInfiniteFillOrLambdaAndAnOversizedFileAreRefused() throws Exception {
        for (String[] edit : new String[][] {
            {"\"fill\":9.0", "\"fill\":1e999", "inputs[1] ('b'): field 'fill' must be a finite number or null, found a"
                    + " number beyond double range (over 1.8e308 in magnitude)"},
            {"\"fill\":9.0", "\"fill\":-1e39", "the model is inconsistent: input 'b' fills missing values with"
                    + " -1.0E39, beyond float32's range, from which its values are read"},
            {"\"lambda\":0.30000000000000004", "\"lambda\":1e999", "field 'lambda' must be a finite number >= 0 or"
                    + " null, found a number beyond double range (over 1.8e308 in magnitude)"}}) {
            String body = ModelJson.toTree(awkwardModel()).toString();
            assertTrue(body.contains(edit[0]), body);
            String edited = body.replace(edit[0], edit[1]);
            // Sealed as the reader hashes it: the parsed tree, in which 1e999 is a double Infinity.
            String checksum = ModelFile.checksum(new com.fasterxml.jackson.databind.ObjectMapper().readTree(edited));
            Path file = dir.resolve("infinite.json");
            Files.writeString(file, "{\"format\": \"ridgeline-linear-model\", \"formatVersion\": 1, \"checksum\": "
                    + "\"sha256:" + checksum + "\", \"model\": " + edited + "}");
            ModelFileException e = assertThrows(ModelFileException.class, () -> LinearModel.load(file));
            assertEquals(file + ": " + edit[2], e.getMessage());
        }
        Path huge = dir.resolve("huge.json");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(ModelFile.MAX_BYTES + 1L);  // sparse: no disk, and the reader must not read it
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> LinearModel.load(huge));
        assertEquals(huge + ": larger than 1 GiB, more than a model file holds (a model of 200,000 categories takes"
                + " about 50 MB); not a Ridgeline model file?", e.getMessage());
    }

    /**
     * A coefficient too large for a double (1e400, or an integer of 401 digits) is refused as what the file holds:
     * the parser reads it as a double Infinity, and the message had said "found Infinity", which the file does not.
     */
    @Test
    void aCoefficientBeyondDoubleRangeIsNamedAsSuchNotAsInfinity() throws Exception {
        for (String huge : new String[] {"1e400", "-1E+400", "1" + "0".repeat(400)}) {
            String body = ModelJson.toTree(awkwardModel()).toString();
            String edited = body.replaceFirst("\"coefficient\":[^,}]+", "\"coefficient\":" + huge);
            assertTrue(edited.contains("\"coefficient\":" + huge), edited);
            String checksum = ModelFile.checksum(new com.fasterxml.jackson.databind.ObjectMapper().readTree(edited));
            Path file = dir.resolve("huge-coefficient.json");
            Files.writeString(file, "{\"format\": \"ridgeline-linear-model\", \"formatVersion\": 1, \"checksum\": "
                    + "\"sha256:" + checksum + "\", \"model\": " + edited + "}");
            ModelFileException e = assertThrows(ModelFileException.class, () -> LinearModel.load(file), huge);
            assertEquals(file + ": features[0] ('a'): field 'coefficient' must be a finite number, found a number"
                    + " beyond double range (over 1.8e308 in magnitude)", e.getMessage());
        }
    }

    /**
     * Edits that keep every field valid but name a feature other than its input (two input names swapped, two
     * one-hot features' categories swapped), checksum recomputed, are refused: they had loaded and predicted from
     * the wrong columns. So is a warning that is not a string (it had been read as "").
     */
    @Test
    void aFeatureNamedOtherThanItsInputIsRefused() throws Exception {
        String body = ModelJson.toTree(awkwardModel()).toString();
        String a = "{\"name\":\"a\",\"kind\"";
        String b = "{\"name\":\"b\",\"kind\"";
        assertTrue(body.contains(a) && body.contains(b), body);
        String swappedInputs = body.replace(a, "@").replace(b, a).replace("@", b);
        String swappedCategories = body.replace("\"category\":\"red\"", "\"category\":\"@\"")
                .replace("\"category\":\"blue\"", "\"category\":\"red\"")
                .replace("\"category\":\"@\"", "\"category\":\"blue\"");
        String warningObject = body.contains("\"preprocessingWarnings\":[]")
                ? body.replace("\"preprocessingWarnings\":[]", "\"preprocessingWarnings\":[{\"a\":1}]")
                : body.replace("\"preprocessingWarnings\":[", "\"preprocessingWarnings\":[{\"a\":1},");
        assertFalse(warningObject.equals(body));
        String sealed = ModelFile.checksum(new com.fasterxml.jackson.databind.ObjectMapper().readTree(warningObject));
        ModelFileException w = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(("{\"format\":"
                + " \"ridgeline-linear-model\", \"formatVersion\": 1, \"checksum\": \"sha256:" + sealed + "\", \"model\": "
                + warningObject + "}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(w.getMessage().startsWith("preprocessingWarnings[0] must be a string, found"), w.getMessage());
        for (String edited : new String[] {swappedInputs, swappedCategories}) {
            assertFalse(edited.equals(body));
            String checksum = ModelFile.checksum(new com.fasterxml.jackson.databind.ObjectMapper().readTree(edited));
            byte[] file = ("{\"format\": \"ridgeline-linear-model\", \"formatVersion\": 1, \"checksum\": \"sha256:"
                    + checksum + "\", \"model\": " + edited + "}").getBytes(StandardCharsets.UTF_8);
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(file));
            assertTrue(e.getMessage().startsWith("the model is inconsistent: features["), e.getMessage());
            assertTrue(e.getMessage().contains("which training names '"), e.getMessage());
        }
    }

    /**
     * A model written before names were read in NFC may store them decomposed ("u" and a combining mark, from
     * a macOS export): read composed, it predicts on a file whose names and labels are composed, as the reader
     * makes them all (it had named the column missing).
     */
    @Test
    void decomposedNamesOfAnOlderFileAreReadComposed() throws Exception {
        String body = ModelJson.toTree(awkwardModel()).toString().replace("\"c\"", "\"gro\u0308sse\"")
                .replace("\"red\"", "\"Zu\u0308rich\"").replace("c=red", "gro\u0308sse=Zu\u0308rich")
                .replace("\"c=", "\"gro\u0308sse=");
        String checksum = ModelFile.checksum(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body));
        LinearModel old = ModelFile.fromBytes(("{\"format\": \"ridgeline-linear-model\", \"formatVersion\": 1,"
                + " \"checksum\": \"sha256:" + checksum + "\", \"model\": " + body + "}").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("a", "b", "gr\u00f6sse"), old.preprocessing().inputs().stream().map(c -> c.name()).toList());
        assertTrue(old.preprocessing().inputs().get(2).categories().contains("Z\u00fcrich"));
        Frame composed = FrameReader.forTraining(CsvText.table("a,b,gr\u00f6sse,y\n0.1,7,Z\u00fcrich,1\n0.3,9,blue,3\n",
                ','), "y", Set.of());
        Frame original = FrameReader.forTraining(CsvText.table("a,b,c,y\n0.1,7,red,1\n0.3,9,blue,3\n", ','), "y",
                Set.of());
        assertArrayEquals(awkwardModel().predict(original), old.predict(composed), 0.0);
    }

    /**
     * A device or pipe is parsed as it is read: /dev/zero fails at its first byte (it had been read into memory
     * up to the size limit, 1 GiB, and ended in "out of memory"), and a model from a named pipe loads.
     */
    @Test
    void aDeviceOrPipeIsParsedAsItIsRead() throws Exception {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "a system with /dev/zero");
        ModelFileException e = assertThrows(ModelFileException.class, () -> LinearModel.load(zero));
        assertEquals("/dev/zero: not a Ridgeline model file: a model file is the JSON that train and tune write"
                + " (model.json), and this is not JSON (line 1, column 2)", e.getMessage());
        Path fifo = dir.resolve("model.pipe");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        byte[] bytes = ModelFile.toBytes(awkwardModel());
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, bytes);
            } catch (java.io.IOException ignored) {
                // the reader's assertions report it
            }
        });
        writer.start();
        LinearModel back = LinearModel.load(fifo);
        writer.join();
        assertArrayEquals(bits(awkwardModel().coefficientsStandardized()), bits(back.coefficientsStandardized()));
    }

    /**
     * A model built in Java with decomposed text holds it composed, as data is read, so that it matches its
     * data and saves and loads the same (composed only at load, it had saved what it could not load back
     * when two spellings collided, and a round trip changed its names).
     */
    @Test
    void decomposedTextGivenInJavaIsHeldComposed() {
        dev.ridgeline.preprocess.InputColumn city = dev.ridgeline.preprocess.InputColumn.categorical("Sta\u0308dte",
                "Zu\u0308rich", List.of("Bern", "Zu\u0308rich"));
        assertEquals("St\u00e4dte", city.name());
        assertEquals("Z\u00fcrich", city.fillLabel());
        assertEquals(List.of("Bern", "Z\u00fcrich"), city.categories());
        EncodedFeature zurich = new EncodedFeature("Sta\u0308dte=Zu\u0308rich", 0, "Zu\u0308rich", 0, 1);
        assertEquals("St\u00e4dte=Z\u00fcrich", zurich.name());
        assertEquals("Z\u00fcrich", zurich.category());
        Preprocessing p = new Preprocessing(List.of(city), List.of(zurich), ScaleKind.NONE, UnseenCategory.ZEROS,
                List.of());
        LinearModel m = LinearModel.of(p, "y", new dev.ridgeline.engine.Parameters(new double[][] {{2}},
                new double[] {1}), 0, ModelMetadata.empty());
        LinearModel back = ModelFile.fromBytes(ModelFile.toBytes(m));
        assertEquals(m.preprocessing().inputs(), back.preprocessing().inputs());
        assertArrayEquals(ModelFile.toBytes(m), ModelFile.toBytes(back));
    }

    /** The limit of a streamed read: its own exception once more bytes than the limit have come. */
    @Test
    void aLimitedStreamStopsPastItsLimit() throws Exception {
        LimitedInputStream in = new LimitedInputStream(new java.io.ByteArrayInputStream(new byte[20]), 10,
                () -> new ModelFileException("too long"));
        assertEquals(10, in.read(new byte[10], 0, 10));
        assertEquals("too long", assertThrows(ModelFileException.class, () -> in.read()).getMessage());
    }

    private static com.fasterxml.jackson.databind.JsonNode oneHot(com.fasterxml.jackson.databind.node.ObjectNode body,
            String name) {
        for (com.fasterxml.jackson.databind.JsonNode f : body.withArray("features")) {
            if (f.path("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + name + " in " + body);
    }

    @Test
    void whitespaceChangesAreHarmless() throws Exception {
        Path file = dir.resolve("m.json");
        awkwardModel().save(file);
        Files.writeString(file, Files.readString(file).replace("\n", "\r\n  "));
        assertEquals(awkwardModel().intercept(), LinearModel.load(file).intercept());
    }

    /**
     * JSON tools that reformat a file write its numbers their own way (jq and JavaScript write 1.0 as 1, others
     * 1E+29 for 1.0E29): the same values, so the same model. A changed value, an edited derived field or an
     * added key in such a file is still refused.
     */
    @Test
    void numbersWrittenAnotherWayAreTheSameModel() throws Exception {
        LinearModel m = awkwardModel();
        String text = new String(ModelFile.toBytes(m), StandardCharsets.UTF_8);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) plainNumbers(json.readTree(text));
        String reformatted = json.writeValueAsString(root);
        assertTrue(text.contains("\"shift\" : 9.0,") && reformatted.contains("\"shift\":9,"), reformatted);
        LinearModel back = ModelFile.fromBytes(reformatted.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(bits(m.predict(mixedFrame())), bits(back.predict(mixedFrame())));

        String changed = reformatted.replace("\"shift\":9,", "\"shift\":9.5,");
        assertFalse(changed.equals(reformatted));
        assertMismatch(changed);
        com.fasterxml.jackson.databind.node.ObjectNode derived = root.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode first =
                (com.fasterxml.jackson.databind.node.ObjectNode) derived.path("model").path("features").get(0);
        first.put("coefficientOriginalUnits", first.path("coefficientOriginalUnits").doubleValue() * 2 + 1);
        assertMismatch(json.writeValueAsString(derived));
        com.fasterxml.jackson.databind.node.ObjectNode added = root.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) added.path("model")).put("note", 1);
        assertMismatch(json.writeValueAsString(added));
    }

    /** Every double of the tree as the shortest decimal of its value: 9.0 as 9, 1.0E29 as 1E+29. */
    private static com.fasterxml.jackson.databind.JsonNode plainNumbers(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isDouble()) {
            return com.fasterxml.jackson.databind.node.DecimalNode.valueOf(
                    java.math.BigDecimal.valueOf(node.doubleValue()).stripTrailingZeros());
        }
        if (node.isContainerNode()) {
            com.fasterxml.jackson.databind.JsonNode copy = node.deepCopy();
            if (copy.isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) copy).fields()
                        .forEachRemaining(e -> e.setValue(plainNumbers(e.getValue())));
            } else {
                com.fasterxml.jackson.databind.node.ArrayNode array = (com.fasterxml.jackson.databind.node.ArrayNode) copy;
                for (int i = 0; i < array.size(); i++) {
                    array.set(i, plainNumbers(array.get(i)));
                }
            }
            return copy;
        }
        return node;
    }

    private static void assertMismatch(String fileText) {
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFile.fromBytes(fileText.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("checksum mismatch"), e.getMessage());
    }

    @Test
    void truncatedNewerAndForeignFilesAreRefused() throws Exception {
        byte[] good = ModelFile.toBytes(awkwardModel());
        String text = new String(good, StandardCharsets.UTF_8);
        ModelFileException cut = assertThrows(ModelFileException.class,
                () -> ModelFile.fromBytes(java.util.Arrays.copyOf(good, good.length / 2)));
        // The parser's own wording without its internals (source redaction notes, feature names to enable).
        assertTrue(cut.getMessage().matches("not a valid JSON model file: the file ends inside its JSON \\(truncated\\?\\)"
                + " at line \\d+, column \\d+"), cut.getMessage());
        ModelFileException nan = assertThrows(ModelFileException.class,
                () -> ModelFile.fromBytes(text.replace("\"bias\" : ", "\"bias\" : NaN, \"x\" : ").getBytes(StandardCharsets.UTF_8)));
        assertTrue(nan.getMessage().startsWith("not a valid JSON model file: Non-standard token 'NaN' at line "),
                nan.getMessage());
        ModelFileException comment = assertThrows(ModelFileException.class,
                () -> ModelFile.fromBytes(("// hi\n" + text).getBytes(StandardCharsets.UTF_8)));
        assertEquals("not a valid JSON model file: Unexpected character ('/' (code 47)): maybe a (non-standard)"
                + " comment? at line 1, column 1", comment.getMessage());
        assertEquals("bytes", assertThrows(NullPointerException.class, () -> ModelFile.fromBytes(null)).getMessage());
        ModelFileException twice = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(
                text.replace("\"bias\" : ", "\"bias\" : 1, \"bias\" : ").getBytes(StandardCharsets.UTF_8)));
        assertTrue(twice.getMessage().startsWith("not a valid JSON model file: Duplicate field 'bias' at line "),
                twice.getMessage());
        ModelFileException unsealed = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(
                text.replaceFirst("\"checksum\" : \"[^\"]*\",", "").getBytes(StandardCharsets.UTF_8)));
        assertTrue(unsealed.getMessage().startsWith("the file has no checksum"), unsealed.getMessage());
        ModelFileException nullSeal = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(
                text.replaceFirst("\"checksum\" : \"[^\"]*\"", "\"checksum\" : null").getBytes(StandardCharsets.UTF_8)));
        assertTrue(nullSeal.getMessage().startsWith("the file has no checksum"), nullSeal.getMessage());
        ModelFileException newer = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(
                text.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2").getBytes(StandardCharsets.UTF_8)));
        assertEquals("model file format version 2 is not supported; this version of Ridgeline reads version 1",
                newer.getMessage());
        ModelFileException foreign = assertThrows(ModelFileException.class,
                () -> ModelFile.fromBytes("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(foreign.getMessage().startsWith("not a Ridgeline model file"));
        ModelFileException empty = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(new byte[0]));
        assertEquals("the file is empty (0 bytes), not a Ridgeline model file", empty.getMessage());
        ModelFileException none = assertThrows(ModelFileException.class, () -> LinearModel.load(dir.resolve("x.json")));
        assertEquals(dir.resolve("x.json") + ": no such model file", none.getMessage());
        Path loop = Files.createSymbolicLink(dir.resolve("loop-a"), dir.resolve("loop-b"));
        Files.createSymbolicLink(dir.resolve("loop-b"), loop);
        ModelFileException looped = assertThrows(ModelFileException.class, () -> LinearModel.load(loop));
        // The file named once, with the reason alone (the JDK's message had named it a second time), and the loop
        // named as one, not as the system's "too many levels of symbolic links".
        assertEquals(loop + ": cannot read: a loop of symbolic links (" + loop + " -> " + dir.resolve("loop-b") + " -> "
                + loop + ")", looped.getMessage());
    }

    @Test
    void failedWriteLeavesNothingBehind() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        assertThrows(java.io.UncheckedIOException.class, () -> awkwardModel().save(blocker.resolve("m.json")));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    private static long[] bits(double[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Double.doubleToRawLongBits(a[i]);
        }
        return out;
    }

    /** For a service's log: what the model predicts from, not "LinearModel@4e515669". */
    @Test
    void toStringNamesTheTargetShapeInterceptAndLambda() {
        LinearModel m = new LinearModel(List.of("a", "b"), null, new double[] {2, -1}, 0.5);
        assertEquals("LinearModel[target=y, inputs=2, features=2, intercept=0.5, lambda=NaN]", m.toString());
    }
}
