package dev.ridgeline.card;

/**
 * Text from the data or the command line (a group label, a feature name, a setting's value) made safe for
 * one cell of a Markdown table ({@link #of}): a '|' would start a new cell and shift the rest of the row, a
 * line break would end the row; or for one line of a heading or list item ({@link #line}): a line break
 * would let the rest start a heading, a list or a table of its own.
 */
final class MarkdownCell {
    private MarkdownCell() {
    }

    static String of(Object value) {
        return line(String.valueOf(value).replace("\\", "\\\\").replace("|", "\\|"));
    }

    static String line(String text) {
        return text.replaceAll("\\R", " ");
    }
}
