package dev.ridgeline.cli;

import java.util.Locale;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Refuses a --delimiter that is not one character ({@code ;;}, an empty one) as a bad command line (exit 2, with
 * the pointer to --help), before the command runs: like a word given to a number option, it is a value of the
 * wrong kind, which the command line alone shows (it had been exit 3, as bad data). One character that cannot
 * separate fields (the quote, a line break) stays the reader's to refuse, as a value out of range (exit 3).
 *
 * <p>The reader splits records at one UTF-16 unit, so a character beyond the Basic Multilingual Plane (an emoji,
 * two units) cannot be a delimiter: the message says that, and names the character's code point, rather than
 * calling one character not one.
 */
final class DelimiterCheck {
    private DelimiterCheck() {
    }

    /** Checks the deepest subcommand's --delimiter, when given; throws {@link ParameterException} when it is bad. */
    static void check(ParseResult parsed) {
        ParseResult leaf = ChoiceCheck.commandToCheck(parsed);
        if (leaf == null || !leaf.hasMatchedOption("--delimiter")) {
            return;
        }
        OptionSpec option = leaf.matchedOption("--delimiter");
        for (String value : option.originalStringValues()) {
            String problem = problem(value);
            if (problem != null) {
                throw new ParameterException(leaf.commandSpec().commandLine(), problem, option, value);
            }
        }
    }

    /** Why {@code text} is no delimiter (it is not one character, 'tab' or \t), or null when it is one. */
    static String problem(String text) {
        if (text.equalsIgnoreCase("tab") || text.equals("\\t") || text.length() == 1) {
            return null;
        }
        if (text.codePointCount(0, text.length()) == 1) {
            return String.format(Locale.ROOT, "--delimiter must be a single character from the Basic Multilingual"
                    + " Plane (U+0000 to U+FFFF), or 'tab', got '%s' (U+%04X): the reader splits fields at one UTF-16"
                    + " unit", text, text.codePointAt(0));
        }
        return String.format(Locale.ROOT, "--delimiter must be one character or 'tab', got '%s' (%s)", text,
                text.isEmpty() ? "empty" : text.codePointCount(0, text.length()) + " characters");
    }
}
