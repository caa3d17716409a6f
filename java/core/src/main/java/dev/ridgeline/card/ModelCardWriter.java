package dev.ridgeline.card;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code model-card.json} and {@code model-card.md} into a folder. Each file is written to a temporary
 * file beside it and moved into place, so a reader never sees a half-written card.
 */
public final class ModelCardWriter {
    public static final String JSON_FILE = "model-card.json";
    public static final String MARKDOWN_FILE = "model-card.md";

    private ModelCardWriter() {
    }

    public static void write(ModelCard card, Path folder) {
        String json = ModelCardJson.render(card);
        String markdown = ModelCardMarkdown.render(card);
        try {
            Files.createDirectories(folder);
            writeAtomically(folder.resolve(JSON_FILE), json);
            writeAtomically(folder.resolve(MARKDOWN_FILE), markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model card into " + folder + ": " + e.getMessage(), e);
        }
    }

    static void writeAtomically(Path target, String text) throws IOException {
        // A sibling name (not createTempFile, which makes the file owner-only) so the card keeps normal permissions.
        Path tmp = target.toAbsolutePath().resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
