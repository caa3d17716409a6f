package dev.ridgeline.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Refuses a word that looks like an option among the separate values of an option that takes several
 * ({@code --sensitive sex --bootsrap 10}): picocli reads every word up to the next known option as a value, so a
 * misspelt option became a column name, refused only after the data were read (exit 3) and without the nearest
 * option named. The first word after the option stays its value, whatever it looks like; a later one that starts
 * with '-' and is no number is named as the unknown option it most likely is (exit 2). A column whose name starts
 * with '-' can still be given in the option's comma list.
 */
final class VariadicOptionCheck {
    private VariadicOptionCheck() {
    }

    /** Checks the words of the deepest subcommand's options that take several values; throws at the first. */
    static void check(ParseResult parsed) {
        ParseResult leaf = ChoiceCheck.commandToCheck(parsed);
        if (leaf == null) {
            return;
        }
        CommandLine command = leaf.commandSpec().commandLine();
        Map<String, OptionSpec> options = leaf.commandSpec().optionsMap();
        OptionSpec open = null;  // an option taking several values, whose further words are being read
        boolean firstWord = false;
        for (String arg : parsed.originalArgs()) {
            if ("--".equals(arg)) {
                return;
            }
            OptionSpec known = arg.startsWith("-") ? options.get(arg.split("=", 2)[0]) : null;
            if (known != null) {
                open = known.arity().max() > known.arity().min() ? known : null;
                firstWord = open != null && !arg.contains("=");
                continue;
            }
            if (open == null) {
                continue;
            }
            if (firstWord) {
                firstWord = false;
                continue;
            }
            if (looksLikeOption(arg)) {
                throw new ParameterException(command, message(open, arg, List.copyOf(options.keySet())), open, arg);
            }
        }
    }

    static String message(OptionSpec open, String arg, List<String> optionNames) {
        String typed = arg.split("=", 2)[0];
        // Long names only: any two-letter word is two edits from -h and -V, which helps no one.
        List<String> near = UsageErrorHandler.near(typed, optionNames.stream().filter(n -> n.startsWith("--")).toList())
                .stream().limit(3).map(n -> "'" + n + "'").toList();
        String name = open.longestName();
        return "unknown option '" + arg + "' among the values of " + name
                + (near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?")
                + " (a value that starts with '-' goes in " + name + "'s comma list, as in " + name + " a,-b)";
    }

    /** A word starting with '-' that is no number ("-1", "-2.5e3", "-Infinity") and not '-' alone. */
    static boolean looksLikeOption(String arg) {
        if (arg.length() < 2 || !arg.startsWith("-")) {
            return false;
        }
        try {
            Double.parseDouble(arg);
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
