package dev.ridgeline.data;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.Arrays;
import java.util.Locale;

/**
 * Builds each record FastCSV parses straight into the form {@link CsvTable} keeps: its fields (unquoted) end
 * to end in one string, the end offset of each, and the file line it starts on. FastCSV's own record holds
 * a String per field, which this copied into one string again: two allocations and copies per field, a
 * fifth of the time to read a file of numbers.
 *
 * <p>An empty line is a record of one empty field, as FastCSV's record handler makes it, marked as such: a line
 * holding only {@code ""} is one empty field too, but a quoted one, a value the file states. A record longer
 * than {@link #MAX_RECORD_CHARS} characters (FastCSV's own limit, for a quote never closed in a huge file) is
 * an error naming its line.
 */
final class TextRecordHandler extends CsvCallbackHandler<TextRecordHandler.TextRecord> {
    /** A record as {@link CsvTable} keeps it. */
    record TextRecord(String text, int[] ends, long line, boolean emptyLine) {
        /**
         * An empty line: one empty field, not written as {@code ""} (a final {@code ""} line of a two-column file
         * had been dropped as a trailing empty line, where the same line mid-file is a short record).
         */
        boolean isBlank() {
            return emptyLine;
        }

        /** A line of nothing but white space (or empty): one field that trims to nothing. */
        boolean isWhiteSpace() {
            return ends.length == 1 && UnicodeText.trimmed(text).isEmpty();
        }

        /** Field c, as read (untrimmed). */
        String field(int c) {
            return text.substring(c == 0 ? 0 : ends[c - 1], ends[c]);
        }
    }

    static final int MAX_RECORD_CHARS = 64 * 1024 * 1024;

    private final String source;
    private final int maxRecordChars;
    private char[] text = new char[256];
    private int length;
    private int[] ends = new int[16];
    private int fields;
    private long line;
    private RecordType type = RecordType.DATA;

    TextRecordHandler(String source) {
        this(source, MAX_RECORD_CHARS);
    }

    TextRecordHandler(String source, int maxRecordChars) {
        this.source = source;
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    protected RecordType getRecordType() {
        return type;
    }

    @Override
    protected int getFieldCount() {
        return fields;
    }

    @Override
    protected void beginRecord(long startingLineNumber) {
        line = startingLineNumber;
        length = 0;
        fields = 0;
        type = RecordType.DATA;
    }

    @Override
    protected void addField(char[] buffer, int offset, int len, boolean quoted) {
        if (len > maxRecordChars - length) {
            throw new DataException(String.format(Locale.ROOT, "%s, line %d: the record is longer than %,d characters"
                    + " (is a quote left open?)", source, line, maxRecordChars));
        }
        if (!quoted && len > 1 && buffer[offset] <= ' ') {
            requireNoQuoteAfterSpace(buffer, offset, len);
        }
        if (length + len > text.length) {
            text = Arrays.copyOf(text, Math.max(length + len, 2 * text.length));
        }
        System.arraycopy(buffer, offset, text, length, len);
        length += len;
        if (fields == ends.length) {
            ends = Arrays.copyOf(ends, 2 * ends.length);
        }
        ends[fields++] = length;
    }

    /**
     * Refuses an unquoted field of white space then a quote ({@code a, "b"}): a quote opens a quoted field only
     * as its first character, so the quotes would be read as part of the value (' "red"' trained as a category
     * beside 'red'). A quoted field that starts with spaces ({@code "  ""big"" one"}) is another matter.
     */
    private void requireNoQuoteAfterSpace(char[] buffer, int offset, int len) {
        int i = offset;
        while (i < offset + len && buffer[i] <= ' ') {
            i++;
        }
        if (i < offset + len && buffer[i] == '"') {
            throw new DataException(String.format(Locale.ROOT, "%s, line %d, field %d: '%s' has a space before its"
                    + " opening quote, so CSV reads the quotes as part of the value; remove the space after the"
                    + " delimiter", source, line, fields + 1, DataException.shown(new String(buffer, offset, len))));
        }
    }

    @Override
    protected void setComment(char[] buffer, int offset, int len) {
        // CsvChunks reads with CommentStrategy.NONE: a line starting with '#' is data.
        throw new IllegalStateException("comments are not read");
    }

    @Override
    protected void setEmpty() {
        type = RecordType.EMPTY;
        length = 0;
        fields = 1;
        ends[0] = 0;
    }

    @Override
    protected TextRecord buildRecord() {
        return new TextRecord(new String(text, 0, length), Arrays.copyOf(ends, fields), line, type == RecordType.EMPTY);
    }
}
