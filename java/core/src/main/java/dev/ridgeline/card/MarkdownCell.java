package dev.ridgeline.card;

/**
 * Text from the data or the command line (a group label, a feature name, a setting's value) made safe for
 * the model card's Markdown. As plain text on one line of a heading, list item or paragraph ({@link #line}):
 * a line break would let the rest start a heading, a list or a table of its own; '<' and '&' would be read as
 * HTML (a tag, a script), '[' and ']' as a link or a remote image, '\' would escape what follows, and '*',
 * '_', '`' and '~' would make emphasis, code or strike-through of part of a name. At the start of a list item
 * ({@link #listItem}): also a '#', '-', '+' or "1." that would open a heading or a nested list. In one cell of a
 * table ({@link #of}): also '|', which would start a new cell and shift the rest of the row. As code
 * ({@link #code}): a span fenced by more backticks than the text holds in a row, so a backtick cannot end it.
 */
final class MarkdownCell {
    private MarkdownCell() {
    }

    static String of(Object value) {
        return line(String.valueOf(value)).replace("|", "\\|");
    }

    static String line(String text) {
        return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("&", "&amp;")
                .replace("<", "&lt;").replace(">", "&gt;").replaceAll("\\R", " ").replaceAll("([*_`~])", "\\\\$1");
    }

    /**
     * As {@link #line}, for the text after a list item's "- ": a leading "# ", "- ", "+ " or "1. " would make
     * it a heading or a nested list inside the item ('*' and '>' are escaped by {@link #line} already).
     */
    static String listItem(String text) {
        return line(text).replaceFirst("^(#{1,6}|[-+])(\\s|$)", "\\\\$1$2")
                .replaceFirst("^(\\d{1,9})([.)])(\\s|$)", "$1\\\\$2$3");
    }

    /**
     * As {@link #line}, for the text of a heading (a --model-name): also '|', as {@link #of} does, and '#' at
     * its end, which would be read as the heading's closing sequence and dropped.
     */
    static String heading(String text) {
        return line(text).replace("|", "\\|").replaceFirst("(#+\\s*)$", "\\\\$1");
    }

    /** {@code text} as an inline code span, on one line: shown as it is, nothing in it read as Markdown or HTML. */
    static String code(String text) {
        String one = text.replaceAll("\\R", " ");
        int longest = 0;
        int run = 0;
        for (int i = 0; i < one.length(); i++) {
            run = one.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        // A span that starts or ends with a backtick needs a space inside its fence (CommonMark strips one).
        String pad = one.startsWith("`") || one.endsWith("`") ? " " : "";
        return fence + pad + one + pad + fence;
    }
}
