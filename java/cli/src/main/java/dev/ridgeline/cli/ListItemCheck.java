package dev.ridgeline.cli;

import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Refuses an empty item in a comma list option ("--ignore id," or "--ignore ,") as a bad command line (exit 2),
 * before the command runs: picocli drops trailing empty items, so "id," passed as "id" while "id,,g" was refused
 * later as "no column named ''". Commas inside double quotes ("\"a,b\",c") separate nothing.
 */
final class ListItemCheck {
    private ListItemCheck() {
    }

    /** Checks the deepest subcommand's matched comma-list options; throws naming the first with an empty item. */
    static void check(ParseResult parsed) {
        ParseResult leaf = ChoiceCheck.commandToCheck(parsed);
        if (leaf == null) {
            return;
        }
        CommandLine command = leaf.commandSpec().commandLine();
        for (OptionSpec option : leaf.matchedOptions()) {
            if (!",".equals(option.splitRegex())) {
                continue;
            }
            for (String value : option.originalStringValues()) {
                if (hasEmptyItem(value)) {
                    throw new ParameterException(command, String.format(Locale.ROOT, "%s '%s' holds an empty item: "
                            + "separate the items by single commas, with none at either end", option.longestName(),
                            value), option, value);
                }
            }
        }
    }

    /** Whether splitting {@code value} at the commas outside double quotes gives an item that is blank. */
    static boolean hasEmptyItem(String value) {
        boolean quoted = false;
        boolean content = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                content = true;
            } else if (c == ',' && !quoted) {
                if (!content) {
                    return true;
                }
                content = false;
            } else if (!Character.isWhitespace(c)) {
                content = true;
            }
        }
        return !content;
    }
}
