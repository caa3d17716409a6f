package dev.ridgeline.cli;

import dev.ridgeline.data.ColumnNames;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.model.ModelFile;
import dev.ridgeline.model.OnnxExport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ridgeline export}: a saved model as an ONNX graph (preprocessing folded in). */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Export a saved model as an ONNX graph.",
            "Inputs 'features' float32 [N, n_numeric] (the numeric input columns, in the model's order) and "
                    + "'categories' string [N, n_categorical] (the categorical ones), each when the model has such "
                    + "columns; output 'prediction' float32 [N, 1]. Imputation, one-hot encoding and scaling are "
                    + "folded into the graph."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "Model file written by train or tune.")
    Path model;

    @Option(names = "--onnx", required = true, paramLabel = "OUT.onnx", description = "Where to write the ONNX file (atomically).")
    Path onnx;

    @Option(names = "--json", description = "Print one JSON object (keys: model, onnx, inputs, graph_inputs, output, "
            + "warnings).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        OutputFile.checkFile(spec, "--onnx", onnx, OutputFile.inputs("--model", model));
        ModelFile.Verified read = ModelFile.readVerified(model);
        LinearModel m = read.model();
        try {
            OnnxExport.write(m, onnx, read.checksum());
        } catch (IllegalArgumentException e) {
            // A model the graph cannot carry (a coefficient beyond float32): named by its file, as every model error is.
            throw new IllegalArgumentException(model + ": " + e.getMessage(), e);
        }
        List<String> warnings = OnnxExport.float32Warnings(m);
        Map<String, List<String>> graphInputs = OnnxExport.graphInputs(m);
        warnings.forEach(w -> spec.commandLine().getErr().println(ErrorHandler.warningLine(w)));
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", model.toString());
            doc.put("onnx", onnx.toString());
            doc.put("inputs", m.preprocessing().inputSchema().keySet());
            doc.put("graph_inputs", graphInputs);
            doc.put("output", "prediction");
            doc.put("warnings", warnings);
            out.println(CliJson.compact(doc));
        } else {
            List<String> described = new ArrayList<>();
            graphInputs.forEach((name, columns) -> described.add(String.format(Locale.ROOT, "'%s' %s [N, %d] %s", name,
                    name.equals("features") ? "float32" : "string", columns.size(),
                    "[" + ColumnNames.joinedInFull(columns) + "]")));
            // One line, as every message: a column name may hold a line break (a quoted CSV header field).
            out.printf("wrote %s: input%s %s, output 'prediction' float32 [N, 1]%n", onnx,
                    described.size() > 1 ? "s" : "", ErrorHandler.oneLine(String.join(" and ", described)));
        }
        out.flush();
        return 0;
    }
}
