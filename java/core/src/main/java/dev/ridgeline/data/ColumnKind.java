package dev.ridgeline.data;

/** The type of a feature column: numbers, or text labels that are one-hot encoded. */
public enum ColumnKind {
    NUMERIC, CATEGORICAL
}
