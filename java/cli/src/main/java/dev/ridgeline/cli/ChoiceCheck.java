package dev.ridgeline.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Refuses a value outside an option's fixed choices as a bad command line (exit 2, with the pointer to
 * --help), before the command runs. The choices are those its help shows: a parameter label of lowercase
 * words joined by '|' ("gd|sgd|exact"); a label with a placeholder ("auto|RATE") is not a fixed choice.
 * Matching ignores case, as the commands' own parsing does, and not white space (" zeros" is not a choice).
 */
final class ChoiceCheck {
    private static final Pattern CHOICES = Pattern.compile("[a-z0-9-]+(\\|[a-z0-9-]+)+");

    private ChoiceCheck() {
    }

    /**
     * The deepest subcommand of the line, whose options the checks before a run look at; null when it asks for
     * --help or --version, which show the help whatever else the line holds.
     */
    static ParseResult commandToCheck(ParseResult parsed) {
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested() ? null : leaf;
    }

    /** Checks the deepest subcommand's matched options; throws {@link ParameterException} naming the first bad one. */
    static void check(ParseResult parsed) {
        ParseResult leaf = commandToCheck(parsed);
        if (leaf == null) {
            return;
        }
        CommandLine command = leaf.commandSpec().commandLine();
        for (OptionSpec option : leaf.matchedOptions()) {
            if (!CHOICES.matcher(option.paramLabel()).matches()) {
                continue;
            }
            List<String> choices = Arrays.asList(option.paramLabel().split("\\|"));
            for (String value : option.originalStringValues()) {
                if (!choices.contains(value.toLowerCase(Locale.ROOT))) {
                    throw new ParameterException(command, String.format(Locale.ROOT, "%s must be one of %s, got '%s'",
                            option.longestName(), String.join(", ", choices), value), option, value);
                }
            }
        }
    }
}
