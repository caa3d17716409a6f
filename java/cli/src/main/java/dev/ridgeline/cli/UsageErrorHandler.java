package dev.ridgeline.cli;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A bad command line: the reason as the same {@code ridgeline: error: ...} line as every other error, then
 * one line pointing to --help (not the whole usage text).
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String unknownCommand = unknownCommand(ex);
        unknownCommand = unknownCommand != null ? unknownCommand : missingCommand(ex);
        unknownCommand = unknownCommand != null ? unknownCommand : unknownHelpTopic(ex);
        unknownCommand = unknownCommand != null ? unknownCommand : unknownOptionBeforeMissing(ex, args);
        unknownCommand = unknownCommand != null || List.of(args).contains("--") ? unknownCommand : strayWord(ex);
        String hint = afterDoubleDash(ex, args);
        cmd.getErr().println("ridgeline: error: " + (unknownCommand != null ? unknownCommand
                : oneLine(plainTypes(asTyped(ex, args))) + (hint != null ? hint : suggestion(ex))));
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        cmd.getErr().flush();
        return Main.EXIT_USAGE;
    }

    /**
     * "unknown command 'trian'; did you mean 'train'?" when the first word after {@code ridgeline} is no
     * subcommand (picocli says "unmatched arguments from index 0" and lists every word), else null.
     */
    static String unknownCommand(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException unmatched) || ex.getCommandLine().getParent() != null
                || unmatched.getUnmatched().isEmpty() || unmatched.getUnmatched().get(0).startsWith("-")) {
            return null;
        }
        String typed = unmatched.getUnmatched().get(0);
        List<String> near = near(typed, unmatched.getSuggestions());
        return "unknown command '" + typed + "'" + (near.isEmpty() ? "" : "; did you mean '" + near.get(0) + "'?");
    }

    /**
     * "missing command: one of train, tune, ..." for a bare {@code ridgeline} (picocli said only "missing required
     * subcommand", which named none), else null.
     */
    static String missingCommand(ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        if (cmd.getParent() != null || !"Missing required subcommand".equalsIgnoreCase(String.valueOf(ex.getMessage()))) {
            return null;
        }
        List<String> names = cmd.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
        return "missing command: one of " + String.join(", ", names);
    }

    /**
     * "unknown option: '--bogus'" when picocli reports missing required options first: {@code evaluate --json
     * --bogus} had said only that --model and --data were missing, and the misspelt option went unnamed. Else
     * null. An option's value is skipped, so {@code --lambda -1} is no unknown option '-1'.
     */
    static String unknownOptionBeforeMissing(ParameterException ex, String[] args) {
        if (!(ex instanceof CommandLine.MissingParameterException)) {
            return null;
        }
        CommandLine cmd = ex.getCommandLine();
        var options = cmd.getCommandSpec().optionsMap();
        List<String> subcommands = List.copyOf(cmd.getCommandSpec().root().subcommands().keySet());
        boolean inCommand = cmd.getParent() == null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!inCommand) {
                inCommand = arg.equals(cmd.getCommandName()) || subcommands.isEmpty();
                continue;
            }
            if ("--".equals(arg)) {
                return null;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                continue;
            }
            String name = arg.split("=", 2)[0];
            OptionSpec option = options.get(name);
            if (option == null) {
                List<String> near = near(name, List.copyOf(options.keySet())).stream().limit(3)
                        .map(n -> "'" + n + "'").toList();
                return "unknown option: '" + arg + "'" + (near.isEmpty() ? elsewhere(cmd, name) : "; did you mean "
                        + String.join(" or ", near) + "?");
            }
            if (!arg.contains("=") && option.arity().min() >= 1) {
                i += option.arity().min();
            }
        }
        return null;
    }

    /**
     * "unknown command 'trian'; did you mean 'train'?" for {@code ridgeline help trian}, as for {@code ridgeline
     * trian} (picocli's help command says "Unknown subcommand 'trian'." and suggests nothing), else null.
     */
    static String unknownHelpTopic(ParameterException ex) {
        String prefix = "Unknown subcommand '";
        String message = ex.getMessage();
        if (message == null || !message.startsWith(prefix) || !message.endsWith("'.")) {
            return null;
        }
        String typed = message.substring(prefix.length(), message.length() - 2);
        List<String> near = near(typed, List.copyOf(ex.getCommandLine().getSubcommands().keySet()));
        return "unknown command '" + typed + "'" + (near.isEmpty() ? "" : "; did you mean '" + near.get(0) + "'?");
    }

    /**
     * "unexpected argument 'x': 'ridgeline train' takes options only" for a word that is no option nor an
     * option's value (picocli: "unmatched argument at index 2"), else null. A word starting with '@' is no
     * argument file either: picocli's, which spliced a file's lines into the command line, are off.
     */
    static String strayWord(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException unmatched) || ex.getCommandLine().getParent() == null
                || unmatched.getUnmatched().isEmpty() || unmatched.getUnmatched().get(0).startsWith("-")) {
            return null;
        }
        String typed = unmatched.getUnmatched().get(0);
        return "unexpected argument '" + typed + "': '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                + "' takes options only" + (typed.startsWith("@") ? " (no argument files: '@' is read as it is)" : "");
    }

    /**
     * "; nothing after '--' is read as an option ..." for words left over after a {@code --}, else null: picocli
     * takes them as positional arguments, which no ridgeline command has, and its nearest name for
     * {@code train -- --lambda 5} was '--lambda' itself.
     */
    static String afterDoubleDash(ParameterException ex, String[] args) {
        if (!(ex instanceof UnmatchedArgumentException) || !List.of(args).contains("--")) {
            return null;
        }
        return "; nothing after '--' is read as an option, and '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                + "' takes no other arguments: remove the '--'";
    }

    /**
     * For a misspelt option or subcommand, picocli's nearest names ("; did you mean '--lambda'?"), else "".
     * An unknown first word of the command line is named as the unknown command it is.
     */
    static String suggestion(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException unmatched)) {
            return "";
        }
        if (unmatched.getUnmatched().isEmpty()) {
            return "";
        }
        String typed = unmatched.getUnmatched().get(0).split("=", 2)[0];
        // Picocli's suggestions, and an option of the command in another case: it offers none for '--LAMBDA'
        // (every option name as a candidate had offered '--lr' or '--dp' for '--x').
        java.util.Set<String> candidates = new java.util.LinkedHashSet<>(unmatched.getSuggestions());
        if (typed.startsWith("-")) {
            ex.getCommandLine().getCommandSpec().optionsMap().keySet().stream().filter(typed::equalsIgnoreCase)
                    .forEach(candidates::add);
        }
        List<String> near = near(typed, List.copyOf(candidates)).stream().limit(3).map(s -> "'" + s + "'").toList();
        return near.isEmpty() ? elsewhere(ex.getCommandLine(), typed) : "; did you mean " + String.join(" or ", near) + "?";
    }

    /**
     * "; '--folds' is an option of 'ridgeline tune'" for an option of another command ({@code train --folds 5}
     * had said only "unknown options"), else "".
     */
    static String elsewhere(CommandLine cmd, String typed) {
        if (!typed.startsWith("-")) {
            return "";
        }
        List<String> owners = cmd.getCommandSpec().root().subcommands().values().stream().distinct()
                .filter(c -> c != cmd && c.getCommandSpec().optionsMap().containsKey(typed))
                .map(c -> "'" + c.getCommandSpec().qualifiedName() + "'").distinct().toList();
        return owners.isEmpty() ? "" : "; '" + typed + "' is an option of " + String.join(" and ", owners);
    }

    /**
     * Picocli's suggestions that are a likely misspelling of {@code typed}: at most max(2, length / 4) edits
     * away (it offered '--bootstrap' for '--bogus').
     */
    static List<String> near(String typed, List<String> suggestions) {
        int most = Math.max(2, typed.length() / 4);
        return suggestions.stream().filter(s -> edits(typed, s) <= most).toList();
    }

    /**
     * Edit distance, a swap of neighbours counting one (the same measure as a misspelt column name's), ignoring
     * case: 'TRAIN' and '--LAMBDA' are the names in another case, which had got no suggestion.
     */
    static int edits(String a, String b) {
        return dev.ridgeline.data.ColumnNames.edits(a.toLowerCase(java.util.Locale.ROOT), b.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Picocli names an option by its longest name; one with an alias (--holdout, also --validation) is named
     * as the user typed it, so that "invalid value for option '--validation'" does not answer "--holdout abc".
     */
    static String asTyped(ParameterException ex, String[] args) {
        String message = ex.getMessage();
        if (!(ex.getArgSpec() instanceof OptionSpec option) || option.names().length < 2) {
            return message;
        }
        String shown = "'" + option.longestName() + "'";
        for (String arg : args) {
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return message.replace(shown, "'" + name + "'");
                }
            }
        }
        return message;
    }

    /**
     * Picocli's Java type names said as a user says them: "'abc' is not a double" is "'abc' is not a number",
     * "'1.5' is not an int" (or a long) "'1.5' is not a whole number".
     */
    static String plainTypes(String message) {
        return message.replaceAll("' is not an? (double|float)\\b", "' is not a number")
                .replaceAll("' is not an? (int|long|short|byte)\\b", "' is not a whole number");
    }

    /** Picocli's sentence ("Unknown option: '--x'") in the style of our messages: one line, lower case first. */
    static String oneLine(String message) {
        String s = message.strip().replaceAll("\\s*\\R\\s*", "; ");
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            s = s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
        }
        return s;
    }
}
