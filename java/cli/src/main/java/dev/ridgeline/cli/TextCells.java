package dev.ridgeline.cli;

import java.util.Collection;

/**
 * Padding for the text tables that commands print: by the columns a terminal gives a name, not its chars, so
 * that a table of Chinese or accented names (decomposed) lines up; and a first column as wide as its longest
 * name, so that long feature names do not push their row's numbers out of line.
 */
final class TextCells {
    /** A name column grows to its longest name up to this width; a longer name overflows its own row only. */
    static final int MAX_NAME_WIDTH = 40;

    private TextCells() {
    }

    /**
     * Terminal columns of {@code text}: 2 for East Asian wide and full-width characters, 0 for combining marks
     * and format characters, 1 for the rest (the ranges of the common wcwidth tables, without their finer cases).
     */
    static int width(String text) {
        text = written(text);
        int columns = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
                continue;
            }
            columns += wide(c) ? 2 : 1;
        }
        return columns;
    }

    private static boolean wide(int c) {
        return c >= 0x1100 && c <= 0x115F          // Hangul Jamo initials
                || c >= 0x2E80 && c <= 0x303E      // CJK radicals, punctuation
                || c >= 0x3041 && c <= 0x33FF      // kana, CJK symbols
                || c >= 0x3400 && c <= 0x4DBF      // CJK extension A
                || c >= 0x4E00 && c <= 0x9FFF      // CJK unified ideographs
                || c >= 0xA000 && c <= 0xA4CF      // Yi
                || c >= 0xAC00 && c <= 0xD7A3      // Hangul syllables
                || c >= 0xF900 && c <= 0xFAFF      // CJK compatibility ideographs
                || c >= 0xFE30 && c <= 0xFE4F      // CJK compatibility forms
                || c >= 0xFF00 && c <= 0xFF60      // full-width forms
                || c >= 0xFFE0 && c <= 0xFFE6
                || c >= 0x1F300 && c <= 0x1F64F    // pictographs, emoticons
                || c >= 0x1F900 && c <= 0x1F9FF
                || c >= 0x20000 && c <= 0x3FFFD;   // CJK extensions B and later
    }

    /**
     * {@code text}, its line breaks written as {@code \n} and {@code \r}, and the spaces that make it {@code
     * columns} wide (none when it is wider already).
     */
    static String pad(String text, int columns) {
        // A line break in a quoted column name or category is written \n, as in errors: the row stays one line.
        return written(text) + " ".repeat(Math.max(0, columns - width(text)));
    }

    /**
     * A cell as the table writes it: its backslashes doubled, then its line breaks and control characters
     * escaped ({@link ErrorHandler#oneLine}), so that the name {@code a\nb} (a backslash, then n) reads otherwise than a
     * name holding a line break, as in errors.
     */
    static String written(String text) {
        return ErrorHandler.oneLine(text.replace("\\", "\\\\"));
    }

    /** The width of a name column: its longest name, at least {@code min}, at most {@link #MAX_NAME_WIDTH}. */
    static int nameColumn(int min, Collection<String> names) {
        int longest = names.stream().mapToInt(TextCells::width).max().orElse(0);
        return Math.max(min, Math.min(MAX_NAME_WIDTH, longest));
    }
}
