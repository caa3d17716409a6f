package dev.ridgeline.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Data shipped inside the jar. {@code diabetes}: 442 patients, 10 baseline variables and disease
 * progression one year later (target {@code progression}); Efron, Hastie, Johnstone and Tibshirani (2004),
 * "Least Angle Regression", Annals of Statistics 32(2), as distributed by scikit-learn (BSD-3-Clause).
 */
public final class EmbeddedData {
    public static final String DIABETES = "diabetes";
    public static final String DIABETES_TARGET = "progression";
    private static final String DIABETES_RESOURCE = "/dev/ridgeline/data/diabetes.csv";
    /** The diabetes table's name in messages and records. */
    public static final String DIABETES_NAME = "diabetes.csv (embedded)";
    /** Where the diabetes table comes from, for a model card. */
    public static final String DIABETES_SOURCE = "Efron, Hastie, Johnstone and Tibshirani (2004), \"Least Angle"
            + " Regression\", Annals of Statistics 32(2): 442 diabetes patients, 10 baseline variables and disease"
            + " progression one year later";
    /** The terms the diabetes table comes under here: its authors stated none. */
    public static final String DIABETES_LICENSE = "distributed with scikit-learn under BSD-3-Clause (the authors of"
            + " the data stated no licence)";

    private EmbeddedData() {
    }

    /** The diabetes table as text, named {@code diabetes.csv (embedded)} in messages. */
    public static CsvTable diabetesTable() {
        try (InputStream in = EmbeddedData.class.getResourceAsStream(DIABETES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("embedded resource " + DIABETES_RESOURCE + " is missing from the jar");
            }
            return CsvTable.read(in, DIABETES_NAME, ',');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The SHA-256 of the diabetes table's bytes, as {@link CsvTable#sha256()} gives it for any data: a model or
     * card whose data hash is this one was trained on this table, whatever its file was called.
     */
    public static String diabetesSha256() {
        return diabetesTable().sha256();
    }

    /** The diabetes data: 442 x 10 features, target {@code progression}, raw units. */
    public static Dataset diabetes() {
        return CsvDatasets.numeric(diabetesTable(), DIABETES_TARGET);
    }
}
