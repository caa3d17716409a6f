package dev.ridgeline.cli;

import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.model.LinearModel;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** A saved model and a CSV of rows for it: shared by {@code evaluate} and {@code predict}. */
final class ModelInput {
    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "Model file written by train or tune.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "CSV with a header row holding the model's input columns by name.")
    Path data;

    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR",
            description = "Field delimiter: one character, or 'tab' (default: ${DEFAULT-VALUE}).")
    String delimiter;

    LinearModel loadModel() {
        return LinearModel.load(model);
    }

    /** The rows, columns matched to the model by name; {@code needTarget} also requires the target column. */
    Frame rows(LinearModel m, boolean needTarget) {
        CsvTable table = CsvTable.read(data, DataOptions.delimiterChar(delimiter));
        if (needTarget && !table.header().contains(m.targetName())) {
            throw new DataException(data + ": no target column '" + m.targetName() + "' to evaluate against; the columns are "
                    + table.header());
        }
        return FrameReader.forModel(table, m.preprocessing().inputSchema(), m.targetName(), weightColumn(m));
    }

    /** The column of row weights the model was trained with ({@code --weights}), or null. */
    static String weightColumn(LinearModel m) {
        return m.metadata().provenance().get("weights");
    }
}
