package dev.ridgeline.cli;

import dev.ridgeline.card.AuthorStatements;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The model card's name and its author's statements (a picocli mixin), for {@code train} (within
 * {@link ResponsibleOptions}) and {@code tune}, whose refitted model is as deployable as train's: without them a
 * tuned model's card could only say that its author stated no use, owner or licence.
 */
final class CardAuthorOptions {
    @Option(names = "--intended-use", paramLabel = "FILE.json",
            description = "The author's statements for the model card (keys: primaryUse, users, contact, license, dataSource and dataLicense, strings; outOfScope, limitations, ethicalConsiderations and owners, a string or a list of strings).")
    Path intendedUse;

    @Option(names = "--model-name", paramLabel = "NAME", description = "Name of the model in the card (default: 'ridge model of' and the data's name).")
    String modelName;

    /** Both options, in the order of the message that names those given with --no-output. */
    static final List<String> NAMES = List.of("--model-name", "--intended-use");

    /** Checks the name and reads the file before any work is done, so that a bad one fails before training or tuning. */
    void validate() {
        if (modelName != null && (modelName.isBlank() || modelName.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("--model-name must be a non-empty name on one line, got '"
                    + ErrorHandler.oneLine(modelName).replace("\t", "\\t") + "'");
        }
        if (intendedUse != null) {
            AuthorStatements.load(intendedUse);
        }
    }

    /** The author's statements, or the defaults (each "not stated") without a file. */
    AuthorStatements statements() {
        return intendedUse == null ? AuthorStatements.defaults() : AuthorStatements.load(intendedUse);
    }

    /** The card's name: --model-name, or "ridge model of" and the data's name. */
    String name(String source) {
        return modelName != null ? modelName : "ridge model of " + source;
    }
}
