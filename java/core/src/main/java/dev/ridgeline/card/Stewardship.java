package dev.ridgeline.card;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Who answers for the model and on what terms it and its data may be used, as its author states them: the
 * accountability facts of a model card that no computation can supply. Left unstated, the card says so
 * ({@link IntendedUse#NOT_STATED}) rather than leave the reader to assume an owner or a licence.
 *
 * @param owners the people or teams responsible for the model; empty when not stated
 * @param contact where to send questions or reports of harm
 * @param license the terms the model may be used under
 * @param dataSource where the training data came from and how it was collected
 * @param dataLicense the terms the training data may be used under
 */
public record Stewardship(List<String> owners, String contact, String license, String dataSource,
        String dataLicense) {

    /** The keys of the author's file that fill this record. */
    static final List<String> KEYS = List.of("owners", "contact", "license", "dataSource", "dataLicense");

    public Stewardship {
        owners = List.copyOf(owners);
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(license, "license");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dataLicense, "dataLicense");
    }

    /** Nothing stated. */
    public static Stewardship defaults() {
        String none = IntendedUse.NOT_STATED;
        return new Stewardship(List.of(), none, none, none, none);
    }

    /** From the file's parsed object: each key left out keeps its default. */
    static Stewardship from(JsonNode root, Path file) {
        Stewardship d = defaults();
        return new Stewardship(AuthorStatements.list(root, "owners", d.owners(), file),
                AuthorStatements.text(root, "contact", d.contact(), file),
                AuthorStatements.text(root, "license", d.license(), file),
                AuthorStatements.text(root, "dataSource", d.dataSource(), file),
                AuthorStatements.text(root, "dataLicense", d.dataLicense(), file));
    }

    /**
     * This record with the data's source and licence filled in where the author stated none: for data whose
     * origin Ridgeline knows (the embedded table).
     */
    public Stewardship withDataIfUnstated(String source, String licence) {
        return new Stewardship(owners, contact, license,
                dataSource.equals(IntendedUse.NOT_STATED) ? source : dataSource,
                dataLicense.equals(IntendedUse.NOT_STATED) ? licence : dataLicense);
    }

    /** The owners as one line: "Not stated by the model's author." when there are none. */
    public String ownersLine() {
        return owners.isEmpty() ? IntendedUse.NOT_STATED : String.join("; ", owners);
    }
}
