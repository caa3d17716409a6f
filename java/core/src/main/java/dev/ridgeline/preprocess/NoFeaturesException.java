package dev.ridgeline.preprocess;

import dev.ridgeline.data.DataException;

/**
 * Every feature column is constant on the rows the preprocessing was fitted on, so it encodes no feature: for a
 * training set, nothing to learn from; for one fold of a tune, a fold whose fits can only predict its training
 * mean (which the tuner scores as such).
 */
public final class NoFeaturesException extends DataException {
    private static final long serialVersionUID = 1L;

    public NoFeaturesException(String message) {
        super(message);
    }
}
