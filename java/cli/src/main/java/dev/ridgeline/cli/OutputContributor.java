package dev.ridgeline.cli;

/** Adds files for one {@code train} run to its output folder (model, metrics, plots, other reports). */
@FunctionalInterface
interface OutputContributor {
    void contribute(TrainOutcome outcome, OutputFolder folder);
}
