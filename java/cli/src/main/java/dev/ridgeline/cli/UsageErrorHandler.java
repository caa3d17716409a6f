package dev.ridgeline.cli;

import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A bad command line: the reason as the same {@code ridgeline: error: ...} line as every other error, then
 * one line pointing to --help (not the whole usage text).
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("ridgeline: error: " + oneLine(asTyped(ex, args)));
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        cmd.getErr().flush();
        return Main.EXIT_USAGE;
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

    /** Picocli's sentence ("Unknown option: '--x'") in the style of our messages: one line, lower case first. */
    static String oneLine(String message) {
        String s = message.strip().replaceAll("\\s*\\R\\s*", "; ");
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            s = s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
        }
        return s;
    }
}
