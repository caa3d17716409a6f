package dev.ridgeline.card;

/**
 * Text from the data or the command line (a group label, a feature name, a setting's value) made safe for
 * one cell of a Markdown table: a '|' would start a new cell and shift the rest of the row, a line break
 * would end the row.
 */
final class MarkdownCell {
    private MarkdownCell() {
    }

    static String of(Object value) {
        return String.valueOf(value).replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\R", " ");
    }
}
