package dev.ridgeline.card;

import dev.ridgeline.model.AtomicFiles;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code model-card.json} and {@code model-card.md} into a folder, both or neither
 * ({@link AtomicFiles#writeAll}): each goes to a temporary file of its own beside it (a unique name, so
 * writers on several threads do not take each other's) and is moved into place once both are written, so a
 * reader never sees a half-written card. Two writers into one folder at once may still leave the JSON of one
 * card beside the Markdown of the other: give each its own folder.
 */
public final class ModelCardWriter {
    public static final String JSON_FILE = "model-card.json";
    public static final String MARKDOWN_FILE = "model-card.md";

    private ModelCardWriter() {
    }

    /**
     * @throws NullPointerException when card or folder is null
     * @throws UncheckedIOException naming the file that cannot be written (neither is then replaced)
     */
    public static void write(ModelCard card, Path folder) {
        java.util.Objects.requireNonNull(card, "card");
        java.util.Objects.requireNonNull(folder, "folder");
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(folder.resolve(JSON_FILE), ModelCardJson.render(card).getBytes(StandardCharsets.UTF_8));
        files.put(folder.resolve(MARKDOWN_FILE), ModelCardMarkdown.render(card).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.writeAll(files);
    }
}
