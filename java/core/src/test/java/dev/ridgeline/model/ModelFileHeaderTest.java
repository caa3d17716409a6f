package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The header is read strictly: formatVersion 1.9 used to load as version 1, "1" (a string) as 1, and
 * anything after the closing brace was ignored.
 */
class ModelFileHeaderTest {
    private static final String GOOD = new String(ModelFile.toBytes(
            new LinearModel(List.of("a", "b"), null, new double[] {1, 2}, 3)), StandardCharsets.UTF_8);

    private static String refusal(String content) {
        assertNotEquals(GOOD, content, "the edit did not apply");
        return assertThrows(ModelFileException.class,
                () -> ModelFile.fromBytes(content.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    private static String version(String value) {
        return GOOD.replace("\"formatVersion\" : 1,", "\"formatVersion\" : " + value + ",");
    }

    @Test
    void theUneditedFileLoadsWithTrailingWhitespace() {
        LinearModel m = ModelFile.fromBytes((GOOD + " \r\n\t\n").getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new double[] {1, 2}, m.coefficientsStandardized());
        assertEquals(3, m.interceptStandardized());
    }

    @Test
    void aFractionalVersionIsRefused() {
        assertEquals("field 'formatVersion' must be an integer, found 1.9", refusal(version("1.9")));
        assertEquals("field 'formatVersion' must be an integer, found 1.0", refusal(version("1.0")));
    }

    @Test
    void aVersionWrittenAsTextIsRefused() {
        assertEquals("field 'formatVersion' must be an integer, found \"1\"", refusal(version("\"1\"")));
    }

    @Test
    void aMissingVersionIsRefused() {
        assertEquals("field 'formatVersion' must be an integer and is missing",
                refusal(GOOD.replace("\"formatVersion\" : 1,", "")));
    }

    /** Several models in a list is not this format: said so, not that the model is missing. */
    @Test
    void aModelThatIsNotAnObjectIsNamedForWhatItIs() {
        int at = GOOD.indexOf("\"model\" : ");
        String listed = GOOD.substring(0, at) + "\"model\" : [ ] }";
        assertEquals("field 'model' must be an object, found an array of 0 elements", refusal(listed));
    }

    /** The parser's limits are stated without the name of its setting. */
    @Test
    void aFileBeyondTheParsersLimitsIsRefusedInPlainWords() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertEquals("not a valid JSON model file: Document nesting depth (1001) exceeds the maximum allowed (1000)",
                refusal(deep));
    }

    @Test
    void textAfterTheClosingBraceIsRefused() {
        int lines = GOOD.split("\n").length;
        assertEquals("not a valid JSON model file: content after the closing brace at line " + (lines + 1),
                refusal(GOOD + "garbage\n"));
    }

    @Test
    void aSecondDocumentAfterTheFirstIsRefused() {
        int lines = GOOD.split("\n").length;
        assertEquals("not a valid JSON model file: content after the closing brace at line " + (lines + 1),
                refusal(GOOD + GOOD));
    }

    /**
     * Content that is no JSON at all (a CSV, a binary file, blank space) says what a model file is, where the
     * parser had answered in its own terms ("Unrecognized token 'a': was expecting (JSON String, Number, ...").
     */
    @Test
    void contentThatIsNoJsonAtAllSaysWhatAModelFileIs() {
        String expected = "not a Ridgeline model file: a model file is the JSON that train and tune write (model.json),"
                + " and ";
        assertEquals(expected + "this is not JSON (line 1, column 3)", refusal("a,b,y\n1,2,3\n"));
        assertEquals(expected + "this is not JSON (line 1, column 2)", refusal("1,2,3\n4,5,6\n"));
        assertEquals(expected + "this holds only blank space", refusal(" \n\t\n"));
        byte[] binary = {0x50, 0x4b, 0x03, 0x04, (byte) 0x86, 0};
        assertEquals(expected + "this is not JSON (line 1, column 6)", assertThrows(ModelFileException.class,
                () -> ModelFile.fromBytes(binary)).getMessage());
        // JSON that is not a model, and a broken model, keep their messages.
        assertEquals("not a Ridgeline model file (\"format\" is not \"ridgeline-linear-model\")", refusal("\"a,b,y\""));
        assertEquals("not a valid JSON model file: the file ends inside its JSON (truncated?) at line 1, column 7",
                refusal("{\"a\": "));
    }
}
