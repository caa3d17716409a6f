package dev.ridgeline.cli;

import dev.ridgeline.train.TrainingResult;

/**
 * How {@link TrainPipeline} fits the preprocessed training rows: plain training by default; DP-SGD and
 * bounded-group-loss mitigation replace it (see {@link ResponsibleRun}). Every step sees the same rows.
 */
@FunctionalInterface
interface FitStep {
    /** The trainer of {@code train}'s options on the rows as they are (with their row weights, if any). */
    FitStep PLAIN = rows -> rows.fitPlain(rows.weights());

    /** A fit step other than the trainer's solver names itself here (e.g. "dp-sgd"); null: the solver. */
    default String method() {
        return null;
    }

    Fitted fit(TrainingRows rows);

    /** The trained parameters (in the scaled feature space), how training went, and which backend ran it. */
    record Fitted(TrainingResult training, String backend, String backendReason) {
    }
}
