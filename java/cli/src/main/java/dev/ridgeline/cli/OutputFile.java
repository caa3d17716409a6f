package dev.ridgeline.cli;

import dev.ridgeline.model.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The checks on a single output file ({@code predict --out}, {@code export --onnx}) made before any work. */
final class OutputFile {
    private OutputFile() {
    }

    /** Option name to input file, in order, skipping absent ones: {@code inputs("--data", data, ...)}. */
    static Map<String, Path> inputs(Object... optionAndPath) {
        Map<String, Path> m = new LinkedHashMap<>();
        for (int i = 0; i < optionAndPath.length; i += 2) {
            if (optionAndPath[i + 1] != null) {
                m.put((String) optionAndPath[i], (Path) optionAndPath[i + 1]);
            }
        }
        return m;
    }

    /** Whether {@code a} and {@code b} are the same file ({@link Files#isSameFile}), or the same normalized path. */
    static boolean sameFile(Path a, Path b) {
        if (Files.exists(a) && Files.exists(b)) {
            try {
                return Files.isSameFile(a, b);
            } catch (IOException e) {
                return false;
            }
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * {@link #check} for an option that names one file to write: a value ending in a path separator, or in
     * "." or "..", names a folder, which {@code Path.of} would drop ("--onnx newdir/" wrote a file named newdir).
     */
    static void checkFile(CommandSpec spec, String option, Path out, Map<String, Path> inputs) {
        OptionSpec given = spec.commandLine().getParseResult().matchedOption(option);
        for (String text : given == null ? java.util.List.<String>of() : given.originalStringValues()) {
            if (text.equals("-")) {
                // Many tools read "-" as standard output; here it would have made a file named "-" (as --data -
                // is refused rather than read as a file).
                throw new IllegalArgumentException(option + " - would write a file named '-', not standard output: "
                        + (spec.name().equals("predict") ? "leave --out out to write to standard output, or give"
                                : "give") + " ./- for a file of that name");
            }
            boolean separator = text.endsWith("/") || text.endsWith(java.io.File.separator);
            Path last = Path.of(text).getFileName();
            if (separator || last != null && (last.toString().equals(".") || last.toString().equals(".."))) {
                throw new IllegalArgumentException(option + " names a file to write, and '" + text + "' is a folder: "
                        + "give a file name, such as " + text + (separator ? "" : "/") + defaultName(spec.name(), option));
            }
        }
        check(spec.name(), option, out, inputs);
    }

    private static String defaultName(String command, String option) {
        return option.equals("--onnx") ? "model.onnx" : command.equals("explain") ? "shap.csv" : "predictions.csv";
    }

    /**
     * After {@link #checkFile}, once the model is read: refuses {@code out} when it is an existing CSV of predictions
     * whose last column is not {@code column}, this model's {@code <target>_predicted}
     * ({@link ReplaceableOutput#checkPredictionsOf}). A pipe or a device is written in place, so not asked.
     */
    static void checkPredictionsOf(String option, Path out, String column) {
        if (AtomicFiles.special(out)) {
            return;
        }
        ReplaceableOutput.checkPredictionsOf(option, out, destination(out), column);
    }

    /**
     * The file writing {@code out} replaces: a symbolic link's file; normalized, as "run/./sub/../model.json" is
     * written as run/model.json once sub is made.
     */
    private static Path destination(Path out) {
        try {
            return AtomicFiles.destination(out).normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + AtomicFiles.reason(e), e);
        }
    }

    /** Whether {@code out} names this process's standard output or error (/dev/stdout, /dev/fd/1, ...). */
    static boolean ownStandardStream(Path out) {
        String p = out.toAbsolutePath().normalize().toString();
        String pid = Long.toString(ProcessHandle.current().pid());
        return p.matches("/dev/std(out|err)|/dev/fd/[12]|/proc/(self|thread-self|" + pid + ")/fd/[12]");
    }

    /** {@link #check(String, String, Path, Map)} with no command's advice. */
    static void check(String option, Path out, Map<String, Path> inputs) {
        check(null, option, out, inputs);
    }

    /**
     * Refuses {@code out} (given as {@code option}) when it is one of {@code inputs} (the same file, or the same
     * normalized path), an existing folder, a file of the train or tune run whose folder holds it (listed in the
     * folder's {@value OutputFolder#MANIFEST}), an existing file that does not hold what the option writes
     * ({@link ReplaceableOutput}), or in a place that cannot be written: a probe file is created and
     * removed in its folder (or the nearest existing one above it, where the write would create the folders).
     * {@code command} (its name, or null) sets the advice.
     */
    private static void check(String command, String option, Path out, Map<String, Path> inputs) {
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            if (sameFile(out, in.getValue())) {
                throw new IllegalArgumentException(option + " " + out + " is the input " + in.getKey() + " "
                        + in.getValue() + ": writing it would replace the input; choose another " + option);
            }
        }
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("cannot write " + out + ": is a directory");
        }
        if (ownStandardStream(out)) {
            // Opened anew, it would not share the shell's offset (a redirected file's earlier lines were
            // overwritten), and the command's own report on standard output would mix with the data.
            throw new IllegalArgumentException("cannot write " + out + ": it is this command's standard output or "
                    + "error, where its report goes; give a file" + ("predict".equals(command) ? " (predict prints its"
                    + " predictions on standard output when --out is left out)" : ""));
        }
        if (AtomicFiles.special(out)) {
            // A pipe or a device (/dev/stdout, a process substitution): written in place, as a stream.
            if (!Files.isWritable(out)) {
                throw new IllegalArgumentException("cannot write " + out + ": permission denied");
            }
            return;
        }
        Path destination = destination(out);
        if (Files.isRegularFile(destination) && !Files.isWritable(destination)) {
            // Renaming over it would succeed (the folder is writable), but a file this user may not write is not
            // one to replace, as a shell's redirection or cp would not.
            throw new IllegalArgumentException("cannot write " + out + ": " + AtomicFiles.READ_ONLY);
        }
        Path dir = destination.getParent();
        String name = destination.getFileName() == null ? "" : destination.getFileName().toString();
        boolean runsOwn = name.equals(OutputFolder.MANIFEST) || name.equals(OutputLock.NAME)
                || dir != null && Files.isDirectory(dir) && OutputFolder.earlierRun(dir).contains(name);
        if (runsOwn) {
            // predict --out run/model.json had replaced the run's model with predictions, exit 0.
            throw new IllegalArgumentException(option + " " + out + " is a file of the run whose "
                    + OutputFolder.MANIFEST + " in " + dir + " lists it: writing it would replace that run's "
                    + "output; choose another " + option);
        }
        ReplaceableOutput.check(option, out, destination);
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalArgumentException("cannot write " + out + ": no existing folder above it");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("cannot write " + out + ": " + dir + " is not a folder");
        }
        try {
            Files.delete(Files.createTempFile(dir, ".ridgeline-probe.", ".tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + AtomicFiles.reason(e), e);
        }
    }
}
