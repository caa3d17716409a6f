package dev.ridgeline.cli;

import dev.ridgeline.data.CsvTable;
import dev.ridgeline.model.AtomicFiles;
import dev.ridgeline.model.LinearModel;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ridgeline predict}: applies a saved model (with its stored preprocessing) to new rows. The output
 * CSV has one column, {@code <target>_predicted} (quoted as RFC 4180 asks when the name holds a comma, quote
 * or line break), one line per input row in order; values in Java's round-trip form.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Predict with a saved model, applying its stored preprocessing.",
            "Columns are matched by name; a missing or unknown column is an error, the target column may be present "
                    + "(it is not read). The output file is written atomically."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelInput input;

    @Option(names = "--out", paramLabel = "PREDS.csv", description = "Write predictions here (default: standard output).")
    Path out;

    @Option(names = "--json", description = "Print one JSON object (keys: model, data, rows, column, out, predictions "
            + "(only without --out), warnings).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            OutputFile.checkFile(spec, "--out", out, OutputFile.inputs("--model", input.model, "--data", input.data));
        }
        LinearModel model = input.loadModel();
        // Chunk by chunk: only the predictions (8 bytes a row) are kept, not the file's rows.
        GrowingDoubles all = new GrowingDoubles();
        UnseenCategories unseen = new UnseenCategories(model);
        try (Progress reading = Progress.reading(input.data, json)) {
            input.eachChunk(model, false, reading, rows -> {
                all.addAll(ModelInput.finitePredictions(model, rows, input.data));
                unseen.count(rows);
            });
        }
        List<String> warnings = unseen.warning().stream().toList();
        warnings.forEach(w -> spec.commandLine().getErr().println("ridgeline: warning: " + w));
        double[] predicted = all.toArray();
        String column = model.targetName() + "_predicted";
        var stdout = spec.commandLine().getOut();
        if (out != null) {
            AtomicFiles.write(out, stream -> {
                Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                writeCsv(column, predicted, w);
                w.flush();
            });
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", input.model.toString());
            doc.put("data", input.data.toString());
            doc.put("rows", predicted.length);
            doc.put("column", column);
            doc.put("out", out == null ? null : out.toString());
            if (out == null) {
                doc.put("predictions", predicted);
            }
            doc.put("warnings", warnings);
            stdout.println(CliJson.compact(doc));
        } else if (out == null) {
            writeCsv(column, predicted, stdout);
        } else {
            stdout.printf("wrote %d predictions to %s%n", predicted.length, out);
        }
        stdout.flush();
        return 0;
    }

    /** The predictions CSV as text (what {@link #writeCsv} writes); for tests. */
    static String csv(String column, double[] values) {
        StringWriter s = new StringWriter();
        try {
            writeCsv(column, values, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return s.toString();
    }

    /** The predictions CSV, line by line (a 10-million-row file as one String took three copies of it). */
    static void writeCsv(String column, double[] values, Writer out) throws IOException {
        out.write(CsvTable.csvField(column));
        out.write('\n');
        for (double v : values) {
            out.write(Double.toString(v));
            out.write('\n');
        }
    }
}
