package dev.ridgeline.cli;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command of a run as the provenance records it, in model.json and in the model card alike: {@code
 * ridgeline} and the arguments quoted as a POSIX shell reads them, so that {@code --model-name "My Model"} is
 * recorded as one argument and the line can be run again.
 */
final class CommandText {
    /** Arguments that a shell reads as they are. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private CommandText() {
    }

    /** "ridgeline" and the original arguments of {@code spec}'s parse, starting with the subcommand's name. */
    static String of(CommandSpec spec) {
        return "ridgeline " + quote(spec.commandLine().getParseResult().originalArgs());
    }

    static String quote(List<String> args) {
        return args.stream().map(CommandText::word).collect(Collectors.joining(" "));
    }

    private static String word(String arg) {
        return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
