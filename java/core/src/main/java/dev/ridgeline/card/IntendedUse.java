package dev.ridgeline.card;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * The intended use and limitations, supplied by the model's author (options or a small JSON file); the
 * defaults say honestly what is not known rather than inventing a purpose.
 *
 * <p>From the author's file ({@link AuthorStatements}): {@code {"primaryUse": "...", "users": "...", "outOfScope":
 * ["..."], "limitations": ["..."], "ethicalConsiderations": ["..."]}}, every key optional.
 */
public record IntendedUse(String primaryUse, String users, List<String> outOfScope, List<String> limitations,
        List<String> ethicalConsiderations) {

    public static final String NOT_STATED = "Not stated by the model's author.";

    public IntendedUse {
        outOfScope = List.copyOf(outOfScope);
        limitations = List.copyOf(limitations);
        ethicalConsiderations = List.copyOf(ethicalConsiderations);
    }

    public static IntendedUse defaults() {
        return new IntendedUse(NOT_STATED, NOT_STATED,
                List.of("Automated decisions about individuals without human review.",
                        "Data from populations, places or times unlike the training data."),
                List.of("A linear model: it captures only linear relations between the features and the target.",
                        "Its quality is known only on the data described below; elsewhere it is unknown.",
                        "Metrics are estimates from a finite sample; read them with their intervals where the card "
                                + "gives them."),
                List.of("Check the fairness section before use on people; an absent section means it was not assessed."));
    }

    /** The keys of the author's file that fill this section; the file's other keys are {@link Stewardship#KEYS}. */
    static final List<String> KEYS = List.of("primaryUse", "users", "outOfScope", "limitations", "ethicalConsiderations");

    /**
     * Reads the intended use from the author's JSON file ({@link AuthorStatements#load}); keys that are missing
     * keep the defaults.
     */
    public static IntendedUse load(Path file) {
        return AuthorStatements.load(file).intendedUse();
    }

    /** This section from the file's parsed object: each key left out keeps its default. */
    static IntendedUse from(JsonNode root, Path file) {
        IntendedUse d = defaults();
        return new IntendedUse(AuthorStatements.text(root, "primaryUse", d.primaryUse(), file),
                AuthorStatements.text(root, "users", d.users(), file),
                AuthorStatements.list(root, "outOfScope", d.outOfScope(), file),
                AuthorStatements.list(root, "limitations", d.limitations(), file),
                AuthorStatements.list(root, "ethicalConsiderations", d.ethicalConsiderations(), file));
    }
}
