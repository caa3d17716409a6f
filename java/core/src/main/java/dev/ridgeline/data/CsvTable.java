package dev.ridgeline.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A CSV file read as text: the header and every record with its line number, so that later parsing can
 * name the file, line and column of a bad value. Reading uses FastCSV (quotes, CRLF, UTF-8 BOM).
 *
 * <p>Empty lines: lines before the header are skipped. After it, every line is a record, so that record
 * {@code r} of the file is always row {@code r} of a prediction: in a one-column file an empty line between
 * records is a record whose one field is empty (a missing value), and in a wider file an empty line between
 * records is a record with one field, which {@link FrameReader} refuses with its line number. Empty lines
 * after the last record are dropped, as they shift no row; so the missing last value of a one-column file
 * must be written {@code NA} or {@code ""} (a quoted empty value, which is a record, not an empty line).
 *
 * <p>Each record is kept as one string, its fields (unquoted) end to end, plus their end offsets: a
 * String per field took about four times the memory (a 140 MB file of 33 numeric columns held 1 GB).
 */
public final class CsvTable {
    /** Separators that files often use instead of the one asked for. */
    private static final char[] OTHER_DELIMITERS = {';', '\t', '|', ','};

    private final String source;
    private final List<String> header;
    /** Each header name's index: lookups of every column of a wide file took time quadratic in its width. */
    private final Map<String, Integer> columnIndex;
    /** Per record, its fields concatenated. */
    private final List<String> texts;
    /** Per record, the end offset of each field in its text. */
    private final List<int[]> ends;
    private final long[] lines;
    private final char delimiter;
    /** SHA-256 (hex) of the bytes the table was read from. */
    private final String sha256;

    /** The first record's width for a header read alone (see {@link #withFirstRecordWidth}); -1 if unknown. */
    private java.util.function.IntSupplier firstRecordWidth = () -> -1;

    private CsvTable(String source, List<String> header, Map<String, Integer> columnIndex, List<String> texts,
            List<int[]> ends, long[] lines, char delimiter, String sha256) {
        this.source = source;
        this.sha256 = sha256;
        this.header = List.copyOf(header);
        this.columnIndex = columnIndex;
        this.texts = texts;
        this.ends = ends;
        this.lines = lines;
        this.delimiter = delimiter;
    }

    /**
     * Reads a file with a header row; {@code delimiter} is usually ','.
     *
     * @throws NullPointerException when file is null
     * @throws IllegalArgumentException when the delimiter cannot separate fields (the quote or a line break)
     * @throws DataException when the file does not exist, is a folder or cannot be read, is empty (no header row),
     *     has a header name that is empty or appears twice or a first line 'sep=' naming another delimiter, is
     *     malformed (a quote never closed, text after a closing quote, a field beyond 16 Mi characters), holds bytes
     *     that are not valid text in its encoding, or is compressed (gzip, zip) or a JSON object such as a model
     *     file (each naming the file, and the line where there is one)
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (checked every 65,536
     *     records; the status stays set)
     */
    public static CsvTable read(Path file, char delimiter) {
        Objects.requireNonNull(file, "file");
        try (CsvChunks chunks = CsvChunks.open(file, delimiter, Integer.MAX_VALUE)) {
            return whole(chunks, delimiter);
        }
    }

    /**
     * Reads a stream with a header row; {@code source} names it in error messages. The text must be UTF-8
     * (a UTF-8, UTF-16 or UTF-32 byte-order mark is honoured): bytes that are not valid text stop the read, since
     * replacing them would merge distinct categories. Compressed files are recognised and refused. The
     * stream is closed. {@link CsvChunks} reads a large file a part at a time instead.
     *
     * @throws NullPointerException when in is null
     * @throws IllegalArgumentException when the delimiter cannot separate fields (the quote or a line break)
     * @throws DataException when the stream is empty (no header row), has a header name that is empty or appears
     *     twice or a first line 'sep=' naming another delimiter, is malformed (a quote never closed, text after a
     *     closing quote, a field beyond 16 Mi characters), holds bytes that are not valid text in its encoding, is
     *     compressed (gzip, zip) or a JSON object such as a model file, or cannot be read (each naming the source,
     *     and the line where there is one)
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (checked every 65,536
     *     records; the status stays set)
     */
    public static CsvTable read(InputStream in, String source, char delimiter) {
        Objects.requireNonNull(in, "in");
        try (CsvChunks chunks = CsvChunks.open(in, source, delimiter, Integer.MAX_VALUE)) {
            return whole(chunks, delimiter);
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                // Only read from; nothing was lost.
            }
        }
    }

    private static CsvTable whole(CsvChunks chunks, char delimiter) {
        CsvTable all = chunks.next();
        if (all != null) {
            return all;
        }
        return new Builder(chunks.source(), chunks.header(), NameIndex.of(chunks.header()), delimiter)
                .build(chunks.sha256());
    }

    /**
     * The field ends of every empty line, one shared array (never written): its identity is what tells an empty
     * line from a line holding only {@code ""}, which has the same text and ends but is a value the file states.
     */
    private static final int[] EMPTY_LINE = {0};

    /** Collects the records of a table (or of one chunk of a file) in order. */
    static final class Builder {
        private final String source;
        private final List<String> header;
        private final Map<String, Integer> columnIndex;
        private final char delimiter;
        private final List<String> texts = new ArrayList<>();
        private final List<int[]> ends = new ArrayList<>();
        private long[] lines = new long[16];

        /** {@code columnIndex}: {@link NameIndex#of} the header, shared by all chunks of a file. */
        Builder(String source, List<String> header, Map<String, Integer> columnIndex, char delimiter) {
            this.source = source;
            this.header = header;
            this.columnIndex = columnIndex;
            this.delimiter = delimiter;
        }

        int rows() {
            return texts.size();
        }

        /** An empty line: a record of one empty field, marked so that it is told apart from a quoted {@code ""}. */
        void addEmptyLine(long line) {
            add("", EMPTY_LINE, line);
        }

        /** A record: its fields end to end, the end offset of each, and the file line it starts on. */
        void add(String text, int[] end, long line) {
            if (texts.size() == lines.length) {
                lines = Arrays.copyOf(lines, 2 * lines.length);
            }
            lines[texts.size()] = line;
            texts.add(text);
            ends.add(end);
        }

        /** The table; {@code sha256} is null for a chunk that is not the file's last. */
        CsvTable build(String sha256) {
            return new CsvTable(source, header, columnIndex, texts, ends, Arrays.copyOf(lines, texts.size()), delimiter,
                    sha256);
        }
    }

    /**
     * SHA-256 (lowercase hex) of exactly the bytes this table was read from, for provenance; null for a
     * chunk of {@link CsvChunks} other than the last.
     */
    public String sha256() {
        return sha256;
    }

    /**
     * One field of a CSV file written with ',' (RFC 4180): the text as it is, or in double quotes with each
     * quote doubled when it holds a comma, a quote or a line break, so that a reader gets the text back.
     *
     * @throws NullPointerException when text is null
     */
    public static String csvField(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + text.replace("\"", "\"\"") + '"';
            }
        }
        return text;
    }

    /**
     * Null when {@code delimiter} can separate fields, as every character can but the quote and the line
     * breaks, which already mean something in a CSV file; else why not, as "'\n' cannot separate fields: ...".
     */
    public static String unusableDelimiter(char delimiter) {
        if (delimiter == '"') {
            return "'\"' cannot separate fields: it is the quote character";
        }
        if (delimiter == '\r' || delimiter == '\n') {
            return (delimiter == '\r' ? "'\\r'" : "'\\n'") + " cannot separate fields: a line break ends records";
        }
        return null;
    }

    public String source() {
        return source;
    }

    /** The field separator the file was read with. */
    public char delimiter() {
        return delimiter;
    }

    public List<String> header() {
        return header;
    }

    public int rows() {
        return texts.size();
    }

    /**
     * Fields of data row {@code r} (0-based, header excluded).
     *
     * @throws IndexOutOfBoundsException when there is no data row r (naming the table's rows)
     */
    public String[] record(int r) {
        String[] out = new String[fieldCount(r)];
        Arrays.setAll(out, c -> field(r, c));
        return out;
    }

    /**
     * How many fields data row {@code r} has (the header's count unless the row is ragged).
     *
     * @throws IndexOutOfBoundsException when there is no data row r (naming the table's rows)
     */
    public int fieldCount(int r) {
        return ends.get(row(r)).length;
    }

    /** Data row r, checked: a message naming it and the table's rows. */
    private int row(int r) {
        if (r < 0 || r >= texts.size()) {
            throw new IndexOutOfBoundsException("data row " + r + " of a table of " + texts.size() + " rows");
        }
        return r;
    }

    /**
     * Field {@code c} of data row {@code r}, as read (untrimmed).
     *
     * @throws IndexOutOfBoundsException when there is no data row r, or the row has no field c (naming its line and
     *     field count)
     */
    public String field(int r, int c) {
        int fields = fieldCount(r);
        if (c < 0 || c >= fields) {
            // Named: the JDK's message had given the index of an inner array, one less than the field asked for.
            throw new IndexOutOfBoundsException("field " + c + " of data row " + r + " (line " + lines[r] + "), which has "
                    + fields + " field" + (fields == 1 ? "" : "s"));
        }
        return texts.get(r).substring(fieldStart(r, c), fieldEnd(r, c));
    }

    /** Data row {@code r}'s fields end to end: field c is text(r)[fieldStart(r, c), fieldEnd(r, c)). */
    String text(int r) {
        return texts.get(r);
    }

    int fieldStart(int r, int c) {
        return c == 0 ? 0 : ends.get(r)[c - 1];
    }

    int fieldEnd(int r, int c) {
        return ends.get(r)[c];
    }

    /**
     * The file line where data row {@code r} starts (1-based, as an editor shows it).
     *
     * @throws IndexOutOfBoundsException when there is no data row r (naming the table's rows)
     */
    public long line(int r) {
        return lines[row(r)];
    }

    /**
     * Whether the header has a column of this name.
     *
     * @throws NullPointerException when name is null
     */
    public boolean hasColumn(String name) {
        return columnIndex.containsKey(UnicodeText.composed(name));
    }

    /**
     * Index of a header column, or a clear error listing the columns there are.
     *
     * @throws NullPointerException when name is null
     * @throws DataException when the header has no column of this name (listing the columns, with a close name and
     *     a hint at another delimiter where there is one)
     */
    public int column(String name) {
        int c = columnIndex.getOrDefault(UnicodeText.composed(name), -1);
        if (c < 0) {
            throw new DataException(source + ": no column named '" + DataException.shown(name) + "'"
                    + ColumnNames.didYouMean(name, header) + "; the columns are " + ColumnNames.listed(header)
                    + delimiterHint());
        }
        return c;
    }

    /**
     * A one-column header that contains another common separator means the file was most likely split
     * with the wrong one: say which, in the words of the command line's --delimiter. Empty otherwise.
     */
    public String delimiterHint() {
        if (!header.isEmpty() && readsAsComment(header.get(0)) && (header.size() == 1 || header.get(0).indexOf(' ') > 0)
                && !sameWidthAsFirstRecord()) {
            // A note above the header ("# exported 2024-01-05") took the header's place: a column of that name is
            // no delimiter's doing. A lone first column named "#" or "#rooms" is a name, not a note; so is
            // "# of rooms" in a header as wide as the records below it (and "#rooms;x2;price" read at ',' is a
            // header split at the wrong delimiter, as wide as its records too).
            return " (the first line, '" + DataException.shown(header.get(0)) + (header.size() == 1 ? "" : ", ...")
                    + "', reads like a comment: every line is read as the header or a record, so delete it)";
        }
        if (header.size() != 1) {
            return "";
        }
        for (char d : OTHER_DELIMITERS) {
            if (d != delimiter && header.get(0).indexOf(d) >= 0) {
                String shown = d == '\t' ? "tab" : "'" + d + "'";
                return " (read as one column: is the file separated by " + shown + "? try --delimiter " + shown + ")";
            }
        }
        return "";
    }

    /**
     * True when the first record has as many fields as the header: a note above the header matches the records'
     * width only by chance, a header always. False when no record is known.
     */
    private boolean sameWidthAsFirstRecord() {
        return (rows() > 0 ? fieldCount(0) : firstRecordWidth.getAsInt()) == header.size();
    }

    /**
     * This table, a header read alone, told how to learn the width of the file's first record (-1 if unknown):
     * for {@link #delimiterHint()}, asked only when an error is being written.
     */
    CsvTable withFirstRecordWidth(java.util.function.IntSupplier width) {
        this.firstRecordWidth = width;
        return this;
    }

    /** A field that opens as a comment line of other tools does ('#' then text): no line is read as one here. */
    static boolean readsAsComment(String field) {
        return field.length() > 1 && field.charAt(0) == '#';
    }

    /**
     * True when data row {@code r} was an empty line (one empty field, not a quoted {@code ""}). In a one-column
     * file that is a missing value; in a wider one it is a short record, which {@link FrameReader} refuses.
     *
     * @throws IndexOutOfBoundsException when there is no data row r
     */
    public boolean isBlank(int r) {
        return ends.get(r) == EMPTY_LINE;
    }

    /** True when data row {@code r} holds nothing but white space: one field that trims to nothing. */
    boolean isWhiteSpace(int r) {
        return ends.get(r).length == 1 && UnicodeText.trimmed(texts.get(r)).isEmpty();
    }
}
