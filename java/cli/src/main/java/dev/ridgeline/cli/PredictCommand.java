package dev.ridgeline.cli;

import dev.ridgeline.data.CsvTable;
import dev.ridgeline.model.AtomicFiles;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.model.ModelEvaluation;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ridgeline predict}: applies a saved model (with its stored preprocessing) to new rows. The output
 * CSV has the --keep columns' fields as read, then {@code <target>_predicted} (each quoted as RFC 4180 asks
 * when it holds a comma, quote or line break), one line per input row in order; values in Java's round-trip
 * form.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Predict with a saved model, applying its stored preprocessing.",
            "Columns are matched by name; a missing or unknown column is an error, the target column may be present "
                    + "(it is not read). --keep copies columns (an identifier) into the output. The output file is "
                    + "written atomically."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelInput input;

    @Option(names = "--out", paramLabel = "PREDS.csv", description = "Write predictions here (default: standard output).")
    Path out;

    @Option(names = "--keep", split = ",", paramLabel = "COL",
            description = "Columns of --data to copy into the output ahead of the predictions, as read (an identifier"
                    + " to join them back by); they may be columns the model does not use.")
    List<String> keep = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object (keys: model, data, rows, column, out, predictions "
            + "and kept (only without --out; kept: each --keep column's values), warnings).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            OutputFile.checkFile(spec, "--out", out, OutputFile.inputs("--model", input.model, "--data", input.data));
        }
        LinearModel model = input.loadModel();
        List<String> kept = ColumnNameText.listedOnce(keep);
        String column = model.targetName() + "_predicted";
        if (kept.contains(column)) {
            throw new IllegalArgumentException("--keep " + column + ": the output's column of predictions has that"
                    + " name, so the output would hold two columns of it; keep the other columns only");
        }
        if (out != null) {
            OutputFile.checkPredictionsOf("--out", out, column);  // another target's predictions are kept
        }
        // Chunk by chunk: only the predictions (8 bytes a row) and the --keep fields are kept, not the file's rows.
        GrowingDoubles all = new GrowingDoubles();
        List<List<String>> keptValues = new ArrayList<>();
        kept.forEach(k -> keptValues.add(new ArrayList<>()));
        UnseenCategories unseen = new UnseenCategories(model);
        try (Progress reading = Progress.reading(input.data, json)) {
            input.eachChunkWithRecords(model, Set.copyOf(kept), reading, (rows, records) -> {
                all.addAll(ModelEvaluation.finitePredictions(model, rows));
                unseen.count(rows);
                for (int k = 0; k < kept.size(); k++) {
                    int c = records.column(kept.get(k));  // in the header: checked before the first chunk
                    for (int r = 0; r < records.rows(); r++) {
                        keptValues.get(k).add(records.field(r, c));
                    }
                }
            });
        }
        List<String> warnings = unseen.warning().stream().toList();
        warnings.forEach(w -> spec.commandLine().getErr().println(ErrorHandler.warningLine(w)));
        var stdout = spec.commandLine().getOut();
        if (out != null) {
            AtomicFiles.write(out, stream -> {
                Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                writeCsv(kept, keptValues, column, all, w);
                w.flush();
            });
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", input.model.toString());
            doc.put("data", input.data.toString());
            doc.put("rows", all.size());
            doc.put("column", column);
            doc.put("out", out == null ? null : out.toString());
            if (out == null) {
                doc.put("predictions", all.toArray());
                Map<String, List<String>> keptDoc = new LinkedHashMap<>();
                for (int k = 0; k < kept.size(); k++) {
                    keptDoc.put(kept.get(k), keptValues.get(k));
                }
                doc.put("kept", keptDoc);
            }
            doc.put("warnings", warnings);
            stdout.println(CliJson.compact(doc));
        } else if (out == null) {
            writeCsv(kept, keptValues, column, all, stdout);
        } else {
            stdout.printf("wrote %d predictions to %s%n", all.size(), out);
        }
        stdout.flush();
        return 0;
    }

    /** The predictions CSV as text (what {@link #writeCsv} writes); for tests. */
    static String csv(String column, double[] values) {
        StringWriter s = new StringWriter();
        try {
            GrowingDoubles held = new GrowingDoubles();
            held.addAll(values);
            writeCsv(List.of(), List.of(), column, held, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return s.toString();
    }

    /**
     * The predictions CSV, line by line (a 10-million-row file as one String took three copies of it), from the
     * values where they are held (a trimmed array of them had been the peak of predict's memory): the kept
     * columns' fields as read, then the prediction; fields quoted as RFC 4180 asks where they need it.
     */
    static void writeCsv(List<String> kept, List<List<String>> keptValues, String column, GrowingDoubles values,
            Writer out) throws IOException {
        for (String name : kept) {
            out.write(CsvTable.csvField(name));
            out.write(',');
        }
        out.write(CsvTable.csvField(column));
        out.write('\n');
        for (int r = 0; r < values.size(); r++) {
            for (List<String> fields : keptValues) {
                out.write(CsvTable.csvField(fields.get(r)));
                out.write(',');
            }
            out.write(Double.toString(values.get(r)));
            out.write('\n');
        }
    }
}
