package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model file's optional list of training-data columns left out of the inputs. */
class IgnoredColumnsFileTest {
    private static LinearModel withIgnored(List<String> ignored) {
        LinearModel m = ModelFileTest.awkwardModel();
        return m.withMetadata(new ModelMetadata(0.5, Map.of(), Map.of(), ignored));
    }

    private static byte[] signed(ObjectNode body) {
        return ("{\"format\": \"ridgeline-linear-model\", \"formatVersion\": 1, \"checksum\": \"sha256:"
                + ModelFile.checksum(body) + "\", \"model\": " + body + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theListRoundTripsAndIsWrittenOnlyWhenThereIsOne() {
        LinearModel m = withIgnored(List.of("id", "when"));
        assertEquals(List.of("id", "when"), ModelFile.fromBytes(ModelFile.toBytes(m)).metadata().ignoredColumns());
        String without = new String(ModelFile.toBytes(withIgnored(List.of())), StandardCharsets.UTF_8);
        assertFalse(without.contains("ignoredColumns"), without);
        assertEquals(List.of(), ModelFile.fromBytes(without.getBytes(StandardCharsets.UTF_8)).metadata().ignoredColumns());
    }

    @Test
    void namesAreComposedLikeTheHeaders() {
        ObjectNode body = ModelJson.toTree(withIgnored(List.of("x")));
        ArrayNode list = body.putArray("ignoredColumns");
        list.add("cafe\u0301");
        assertEquals(List.of("caf\u00e9"), ModelFile.fromBytes(signed(body)).metadata().ignoredColumns());
    }

    /**
     * A model built in Java holds its names composed, as a loaded one does: a decomposed target had matched no
     * header before a save and matched after the load, and an ignored column spelt as that target decomposed
     * passed the constructor and save, and was refused at the next load.
     */
    @Test
    void aModelBuiltInJavaComposesItsNamesAsALoadedOneHasThem() {
        LinearModel m = ModelFileTest.awkwardModel();
        LinearModel decomposed = new LinearModel(m.preprocessing(), "y\u0301", m.coefficientsStandardized(),
                m.interceptStandardized(), new ModelMetadata(0.5, Map.of(), Map.of(), List.of("cafe\u0301")));
        assertEquals("\u00fd", decomposed.targetName());
        assertEquals(List.of("caf\u00e9"), decomposed.metadata().ignoredColumns());
        LinearModel loaded = ModelFile.fromBytes(ModelFile.toBytes(decomposed));
        assertEquals(decomposed.targetName(), loaded.targetName());
        assertEquals(decomposed.metadata().ignoredColumns(), loaded.metadata().ignoredColumns());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LinearModel(
                m.preprocessing(), "y\u0301", m.coefficientsStandardized(), m.interceptStandardized(),
                new ModelMetadata(0.5, Map.of(), Map.of(), List.of("\u00fd"))));
        assertTrue(e.getMessage().contains("also the target"), e.getMessage());
    }

    @Test
    void aBadListIsRefusedNamingTheEntry() {
        String[][] cases = {
            {"[\"id\", \"id\"]", "ignoredColumns[1] ('id'): listed twice"},
            {"[\"a\"]", "ignoredColumns[0] ('a'): also an input"},
            {"[\"y\"]", "ignoredColumns[0] ('y'): also the target"},
            {"[5]", "ignoredColumns[0]: must be a column name, found 5"},
            {"[\"\"]", "ignoredColumns[0]: must be a column name"},
            {"\"id\"", "field 'ignoredColumns' must be an array"},
        };
        for (String[] c : cases) {
            ObjectNode body = ModelJson.toTree(withIgnored(List.of()));
            try {
                body.set("ignoredColumns", new com.fasterxml.jackson.databind.ObjectMapper().readTree(c[0]));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.fromBytes(signed(body)), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
    }
}
