package dev.ridgeline.card;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.data.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the model's author states for the card, from one small JSON file ({@code --intended-use FILE.json}): the
 * intended use and limitations, and who answers for the model and on what terms it and its data may be used.
 * Every key is optional; a key left out keeps its section's default, which says what is not known.
 */
public record AuthorStatements(IntendedUse intendedUse, Stewardship stewardship) {

    public AuthorStatements {
        Objects.requireNonNull(intendedUse, "intendedUse");
        Objects.requireNonNull(stewardship, "stewardship");
    }

    /** Nothing stated: every section's default. */
    public static AuthorStatements defaults() {
        return new AuthorStatements(IntendedUse.defaults(), Stewardship.defaults());
    }

    /** The most bytes an intended-use file may hold. */
    static final int MAX_BYTES = 1 << 20;

    /** The keys the file may hold: the intended use's, then the stewardship's. */
    static final List<String> KEYS = java.util.stream.Stream.concat(IntendedUse.KEYS.stream(),
            Stewardship.KEYS.stream()).toList();

    /**
     * Reads the JSON file; keys that are missing keep the defaults. An unknown key (a misspelt one would
     * leave its section "not stated" in silence) and a key given twice are refused.
     */
    public static AuthorStatements load(Path file) {
        Objects.requireNonNull(file, "file");
        JsonNode root;
        try {
            // Read as the data and model files are: the same words for a missing file, a folder or an empty one.
            if (Files.isDirectory(file)) {
                throw new DataException(file + ": is a folder, not an intended-use file");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);  // a pipe or device too, never more than this
            }
            if (bytes.length > MAX_BYTES) {
                throw new DataException(file + ": more than " + (MAX_BYTES >> 10) + " KiB, too large for an"
                        + " intended-use file (a JSON object of a few sentences)");
            }
            if (bytes.length == 0) {
                throw new DataException(file + ": the file is empty (0 bytes), not an intended-use file (a JSON"
                        + " object with some of the keys " + KEYS + ")");
            }
            root = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(bytes);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such intended-use file");
        } catch (AccessDeniedException e) {
            throw new DataException(file + ": cannot read the intended-use file: permission denied");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DataException("the intended-use file " + file + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + readable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the intended-use file: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new DataException("the intended-use file " + file + " must hold a JSON object");
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new DataException(file + ": unknown key '" + key + "'; the keys are " + KEYS);
            }
        });
        return new AuthorStatements(IntendedUse.from(root, file), Stewardship.from(root, file));
    }

    /** The parser's message on one line, without its internal source description. */
    private static String readable(String message) {
        String first = message.lines().findFirst().orElse("");
        int source = first.indexOf(" (start marker");
        return source >= 0 ? first.substring(0, source) : first;
    }

    static String text(JsonNode root, String key, String fallback, Path file) {
        JsonNode v = root.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new DataException(file + ": key '" + key + "' must be a string");
        }
        // An empty or blank statement is no statement: the card says "not stated", as without the key.
        return v.asText().isBlank() ? fallback : v.asText();
    }

    static List<String> list(JsonNode root, String key, List<String> fallback, Path file) {
        JsonNode v = root.get(key);
        if (v == null) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        // A blank string or an empty list is no statement, as a blank primaryUse is: the defaults stand (they had
        // given way to one empty bullet, or to a heading with nothing under it).
        if (v.isTextual()) {
            if (!v.asText().isBlank()) {
                out.add(v.asText());
            }
            return out.isEmpty() ? fallback : out;
        }
        if (!v.isArray()) {
            throw new DataException(file + ": key '" + key + "' must be a string or a list of strings");
        }
        if (v.isEmpty()) {
            return fallback;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            // An object, number or null had become an empty bullet or one reading "null" or "3".
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new DataException(file + ": key '" + key + "' must be a string or a list of strings; item "
                        + (i + 1) + " is " + (item.isTextual() ? "blank" : item.isNull() ? "null" : item.isObject()
                        ? "an object" : item.isArray() ? "a list" : item.isNumber() ? "the number " + item : item));
            }
            out.add(item.asText());
        }
        return out;
    }
}
