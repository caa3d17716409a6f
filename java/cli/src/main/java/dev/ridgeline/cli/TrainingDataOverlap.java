package dev.ridgeline.cli;

import dev.ridgeline.model.LinearModel;
import java.util.Map;
import java.util.Optional;

/**
 * evaluate's warning for data that trained the model: a file with the very bytes the model's provenance names
 * (its data_sha256) holds the training rows, and scores on them overstate how well the model predicts rows it
 * never saw. Only the same bytes are caught; a copy with one row changed is not.
 */
final class TrainingDataOverlap {
    private TrainingDataOverlap() {
    }

    /**
     * The warning when {@code sha256} (of the file evaluated) is the model's data_sha256; empty when it differs
     * or the model records none (a model saved by the Java API).
     */
    static Optional<String> warning(LinearModel model, String sha256, Object data) {
        Map<String, String> provenance = model.metadata().provenance();
        if (sha256 == null || !sha256.equals(provenance.get("data_sha256"))) {
            return Optional.empty();
        }
        String trained = provenance.get("rows_train");
        String heldOut = heldOut(provenance);
        return Optional.of(data + " is the file this model was trained on (its SHA-256 is the model's data_sha256):"
                + " " + (trained == null ? "some" : trained) + " of its rows trained the model"
                + (heldOut.isEmpty() ? "" : " (" + heldOut + ")") + ", so these figures are optimistic; score it on"
                + " rows it never saw, such as new data");
    }

    /** "88 were held out for validation, 44 for test" as the provenance counts them; "" when it counts none. */
    private static String heldOut(Map<String, String> provenance) {
        String validation = provenance.get("rows_validation");
        String test = provenance.get("rows_test");
        if (validation == null && test == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        if (validation != null) {
            s.append(validation).append(" were held out for validation");
        }
        if (test != null) {
            s.append(s.isEmpty() ? test + " were held out" : ", " + test).append(" for test");
        }
        return s.toString();
    }
}
