package dev.ridgeline.cli;

import dev.ridgeline.model.LinearModel;
import dev.ridgeline.model.OnnxExport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ridgeline export}: a saved model as an ONNX graph (numeric inputs; preprocessing folded in). */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Export a saved model as an ONNX graph (models with numeric inputs).",
            "Input 'features' float32 [N, n_inputs] in the model's input order, output 'prediction' float32 [N, 1]; "
                    + "imputation and scaling are folded into the graph."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "Model file written by train or tune.")
    Path model;

    @Option(names = "--onnx", required = true, paramLabel = "OUT.onnx", description = "Where to write the ONNX file (atomically).")
    Path onnx;

    @Option(names = "--json", description = "Print one JSON object (keys: model, onnx, inputs, output, warnings).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        OutputFile.check("--onnx", onnx, OutputFile.inputs("--model", model));
        LinearModel m = LinearModel.load(model);
        OnnxExport.write(m, onnx);
        List<String> warnings = OnnxExport.float32Warnings(m);
        warnings.forEach(w -> spec.commandLine().getErr().println("ridgeline: warning: " + w));
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", model.toString());
            doc.put("onnx", onnx.toString());
            doc.put("inputs", m.preprocessing().inputSchema().keySet());
            doc.put("output", "prediction");
            doc.put("warnings", warnings);
            out.println(CliJson.compact(doc));
        } else {
            out.printf("wrote %s: input 'features' [N, %d] %s, output 'prediction' [N, 1]%n", onnx,
                    m.preprocessing().inputs().size(), m.preprocessing().inputSchema().keySet());
        }
        out.flush();
        return 0;
    }
}
