package dev.ridgeline.cli;

import java.util.Locale;

/**
 * What is wrong with a --delimiter that is not one character. The reader splits records at one UTF-16 unit, so a
 * character beyond the Basic Multilingual Plane (an emoji, two units) cannot be a delimiter: the message says
 * that, and names the character's code point, rather than calling one character not one.
 */
final class DelimiterCheck {
    private DelimiterCheck() {
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
        return "--delimiter must be one character or 'tab', got '" + text + "'";
    }
}
