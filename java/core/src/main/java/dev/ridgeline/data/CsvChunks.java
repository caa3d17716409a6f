package dev.ridgeline.data;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.ridgeline.data.TextRecordHandler.TextRecord;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSV file read in chunks of records, each chunk a {@link CsvTable} with the file's header and the file's
 * own line numbers, so that a command can parse, use and drop each chunk in turn: memory then follows the
 * chunk, not the file (a whole 960 MB file held as text took about 1.7 GB of heap). Reading, decoding and
 * the empty-line rules are those of {@link CsvTable}: empty lines before the header are skipped, every
 * later line is a record, and empty lines after the last record are dropped (they are held back until a
 * record follows them, so a chunk never ends in one that the file's end would drop).
 */
public final class CsvChunks implements AutoCloseable {
    private final String source;
    private final char delimiter;
    private final int chunkRows;
    private final long chunkChars;
    private final InputStream closeable;
    private final BufferedInputStream bytes;
    private final MessageDigest digest;
    private final CsvReader<TextRecord> reader;
    private final Iterator<TextRecord> records;
    private final List<String> header;
    /** The header's names to their columns, once for all chunks ({@link NameIndex}). */
    private final Map<String, Integer> headerIndex;
    /**
     * Empty lines read after the last record so far: records only if another record follows. They are
     * consecutive lines: blanksPending of them from firstBlank.
     */
    private long blanksPending;
    /** Empty lines to hand over as empty records, from firstBlank, before {@link #held}. */
    private long blanksReady;
    private long firstBlank;
    /** A record read but not yet handed over: blank lines before it, or a full chunk, came first. */
    private TextRecord held;
    private String sha256;
    private boolean closed;
    /** Whether {@link #next()} has been called: chunks are read once ({@link #requireUnread}). */
    private boolean begun;
    /** Bytes taken from the input so far, and who hears of them ({@link #onBytesRead}). */
    private long bytesRead;
    private LongConsumer bytesListener = total -> { };

    private CsvChunks(InputStream in, String source, char delimiter, int chunkRows, long chunkChars) {
        Objects.requireNonNull(in, "in");
        checkSettings(delimiter, chunkRows, chunkChars);
        this.source = source;
        this.delimiter = delimiter;
        this.chunkRows = chunkRows;
        this.chunkChars = chunkChars;
        this.closeable = in;
        this.digest = sha256Digest();
        // available() of a file channel's stream on a pipe (--data /dev/stdin) fails with "Illegal seek" on
        // JDK 17, and BufferedInputStream asks it; nothing here needs the estimate.
        InputStream counted = new FilterInputStream(in) {
            @Override
            public int available() {
                return 0;
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    counted(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    counted(n);
                }
                return n;
            }
        };
        this.bytes = new BufferedInputStream(new DigestInputStream(counted, digest), 1 << 16);
        Charset charset;
        try {
            charset = TextEncoding.detect(bytes, source);
        } catch (IOException e) {
            throw new DataException(source + ": cannot read: " + e.getMessage(), e);
        }
        this.reader = CsvReader.builder()
                .fieldSeparator(delimiter)
                // Comments are not read, but FastCSV refuses a separator equal to its comment character.
                .commentStrategy(CommentStrategy.NONE)
                .commentCharacter(delimiter == '#' ? ';' : '#')
                // Empty lines are records (see CsvTable); those before the header are skipped below.
                .skipEmptyLines(false)
                // Ragged rows are reported by FrameReader with the file line and field counts.
                .allowMissingFields(true)
                .allowExtraFields(true)
                // A quote still open at the end of the file would take the rest as one field ("4\n" read as 4).
                .allowUnclosedQuote(false)
                .build(new TextRecordHandler(source), new StrictTextReader(bytes, charset, source));
        this.records = reader.iterator();
        this.header = readHeader();
        this.headerIndex = NameIndex.of(header);
    }

    /** Opens a file; {@code chunkRows} is the most records a chunk holds. */
    public static CsvChunks open(Path file, char delimiter, int chunkRows) {
        return open(file, delimiter, chunkRows, Long.MAX_VALUE);
    }

    /**
     * Opens a file; a chunk holds at most {@code chunkRows} records, and takes no more once its fields hold
     * {@code chunkChars} characters (a chunk of wide records is then short, so its text stays small).
     */
    public static CsvChunks open(Path file, char delimiter, int chunkRows, long chunkChars) {
        checkSettings(delimiter, chunkRows, chunkChars);
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": is a folder, not a CSV file");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            // Many tools read '-' as standard input; here a path names the file, and /dev/stdin is the pipe.
            throw new DataException(file + ": no such file" + (file.toString().equals("-")
                    ? " (standard input is read as --data /dev/stdin)" : ""));
        } catch (AccessDeniedException e) {
            throw new DataException(file + ": cannot read: permission denied");
        } catch (IOException e) {
            // A loop of links is named as one, not as the system's "too many levels of symbolic links".
            String loop = LinkLoop.reason(file);
            throw new DataException(file + ": cannot read: " + (loop != null ? loop : e.getMessage()), e);
        }
        try {
            return new CsvChunks(in, file.toString(), delimiter, chunkRows, chunkChars);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** Reads a stream; {@code source} names it in error messages. {@link #close()} closes the stream. */
    public static CsvChunks open(InputStream in, String source, char delimiter, int chunkRows) {
        return open(in, source, delimiter, chunkRows, Long.MAX_VALUE);
    }

    /** Reads a stream in chunks as {@link #open(Path, char, int, long)} reads a file. */
    public static CsvChunks open(InputStream in, String source, char delimiter, int chunkRows, long chunkChars) {
        return new CsvChunks(in, source, delimiter, chunkRows, chunkChars);
    }

    public String source() {
        return source;
    }

    public List<String> header() {
        return header;
    }

    /** Records between two looks at the thread's interrupt status. */
    static final int INTERRUPT_RECORDS = 1 << 16;

    /**
     * The next chunk of at most {@code chunkRows} records (and no more records once it holds {@code chunkChars}
     * characters of fields), or null after the last. A chunk is never empty; after the last one
     * {@link #sha256()} is known. After {@link #close()} it throws {@link IllegalStateException}.
     *
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (checked every
     *     {@link #INTERRUPT_RECORDS} records; the status stays set)
     */
    public CsvTable next() {
        // Once closed, a file's chunks went on from the bytes still buffered, then failed as "cannot read: null".
        if (closed) {
            throw new IllegalStateException(source + ": the chunks are closed");
        }
        begun = true;
        if (sha256 != null) {
            return null;
        }
        CsvTable.Builder chunk = new CsvTable.Builder(source, header, headerIndex, delimiter);
        long chars = 0;
        boolean end = false;
        try {
            for (long seen = 0; chunk.rows() < chunkRows && chars < chunkChars; seen++) {
                // A whole file is one chunk (CsvTable.read): a service cancelling it stops it here.
                if (seen % INTERRUPT_RECORDS == 0 && Thread.currentThread().isInterrupted()) {
                    throw new CancellationException(source + ": reading was interrupted");
                }
                if (blanksReady > 0) {
                    // Blank lines between records, each an empty record, one at a time: no list of them.
                    chunk.addEmptyLine(firstBlank++);
                    blanksReady--;
                    continue;
                }
                if (held != null) {
                    chunk.add(held.text(), held.ends(), held.line());
                    chars += held.text().length();
                    held = null;
                    continue;
                }
                if (!readRecord()) {
                    end = true;
                    break;
                }
            }
            if (end) {
                // The end: the digest covers the whole input even if the parser stopped short of it.
                bytes.transferTo(OutputStream.nullOutputStream());
                sha256 = HexFormat.of().formatHex(digest.digest());
            }
        } catch (CsvParseException e) {
            throw parseError(e);
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            throw new DataException(source + ": cannot read: " + cause.getMessage(), e);
        }
        return chunk.rows() == 0 ? null : chunk.build(sha256);
    }

    /** Whether the last chunk has been handed over: the next {@link #next()} returns null. */
    boolean readToEnd() {
        return sha256 != null;
    }

    /**
     * Calls {@code listener} with the bytes taken from the input so far, each time more are taken (at most
     * 64 KB at a time, ahead of the records handed over by as much): progress, for a caller that knows the
     * size of the file.
     */
    public void onBytesRead(LongConsumer listener) {
        this.bytesListener = Objects.requireNonNull(listener, "listener");
    }

    private void counted(int n) {
        bytesRead += n;
        bytesListener.accept(bytesRead);
    }

    /** As {@link CsvTable#delimiterHint()}: a hint when the header reads as one column holding another separator. */
    public String delimiterHint() {
        return withoutRows().delimiterHint();
    }

    /**
     * Throws unless no chunk has been asked for yet: a reader handed chunks that an earlier reader had taken
     * found none left and said that the file had no data rows.
     */
    void requireUnread() {
        if (begun) {
            throw new IllegalStateException(source + ": these chunks have been read already; open the file again to"
                    + " read it again");
        }
    }

    /** A table of the file's header and no records, as a file with no data rows reads. */
    CsvTable withoutRows() {
        return new CsvTable.Builder(source, header, headerIndex, delimiter).build(sha256)
                .withFirstRecordWidth(this::firstRecordWidth);
    }

    /**
     * The field count of the first record, read ahead and held for {@link #next()} as it would hold it; -1 once
     * chunks were handed out, for a file without records, or one whose first record cannot be read (its error
     * comes from {@link #next()}). Asked only while an error about the header is written.
     */
    private int firstRecordWidth() {
        if (begun || closed) {
            return -1;
        }
        if (held != null) {
            return held.ends().length;
        }
        try {
            while (held == null && readRecord()) {
                // blank lines are counted as next() counts them
            }
        } catch (RuntimeException e) {
            return -1;
        }
        return held == null ? -1 : held.ends().length;
    }

    /**
     * Reads one record: a blank one is counted among the blank lines pending, another is held for the chunk, with
     * the blank lines before it made ready. False at the end of the input.
     */
    private boolean readRecord() {
        if (!records.hasNext()) {
            return false;
        }
        TextRecord r = records.next();
        if (r.isBlank()) {
            // Consecutive physical lines: the first and a count say which (10 million trailing blank lines, kept
            // as a list of their numbers, had needed more than 300 MB).
            firstBlank = blanksPending == 0 ? r.line() : firstBlank;
            blanksPending++;
            return true;
        }
        blanksReady = blanksPending;
        blanksPending = 0;
        held = r;
        return true;
    }

    /** SHA-256 (lowercase hex) of every byte read, once {@link #next()} has returned the last chunk. */
    public String sha256() {
        if (sha256 == null) {
            throw new IllegalStateException(source + " has not been read to its end");
        }
        return sha256;
    }

    /** Closes the file or stream; closing twice is harmless. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(closeable);
    }

    private static void checkSettings(char delimiter, int chunkRows, long chunkChars) {
        String unusable = CsvTable.unusableDelimiter(delimiter);
        if (unusable != null) {
            throw new IllegalArgumentException("the delimiter " + unusable);
        }
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be positive, got " + chunkRows);
        }
        if (chunkChars < 1) {
            throw new IllegalArgumentException("chunkChars must be positive, got " + chunkChars);
        }
    }

    private List<String> readHeader() {
        try {
            while (records.hasNext()) {
                TextRecord r = records.next();
                // Lines before the header that hold nothing (or only spaces, which look the same) are skipped.
                if (!r.isWhiteSpace() && !isSeparatorLine(r)) {
                    List<String> names = new ArrayList<>(r.ends().length);
                    for (int c = 0; c < r.ends().length; c++) {
                        String name = r.field(c);
                        // One BOM is the encoding's (TextEncoding); a second one, from a file saved twice, would
                        // start the first name with an invisible character.
                        name = c == 0 ? name.replaceFirst("^\uFEFF+", "") : name;
                        // Trimmed as labels and numbers are, no-break spaces included ('price' + U+00A0 had
                        // been a column no option could name, since options are trimmed).
                        names.add(UnicodeText.composed(UnicodeText.trimmed(name)));
                    }
                    checkHeader(names, r.line());
                    return List.copyOf(names);
                }
            }
        } catch (CsvParseException e) {
            throw parseError(e);
        } catch (UncheckedIOException e) {
            throw new DataException(source + ": cannot read: " + e.getCause().getMessage(), e);
        }
        throw new DataException(source + ": the file is empty (no header row)");
    }

    /**
     * Whether record r is a spreadsheet's first line naming the delimiter, "sep=;" (Excel writes and reads it):
     * skipped when it names the delimiter in use, refused when it names another, since the header after it
     * would split wrongly. It had become a header of one column "sep=;".
     */
    private boolean isSeparatorLine(TextRecord r) {
        if (r.line() != 1) {
            return false;
        }
        StringBuilder line = new StringBuilder(r.field(0).replaceFirst("^\uFEFF+", ""));
        for (int c = 1; c < r.ends().length; c++) {
            line.append(delimiter).append(r.field(c));
        }
        if (line.length() != 5 || !line.toString().startsWith("sep=")) {
            return false;
        }
        char named = line.charAt(4);
        if (Character.isLetterOrDigit(named) && named != delimiter) {
            // "sep=1" is a one-column header, not a note of a delimiter.
            return false;
        }
        if (named != delimiter) {
            String shown = named == '\t' ? "tab" : "'" + named + "'";
            String used = delimiter == '\t' ? "tab" : "'" + delimiter + "'";
            throw new DataException(source + ", line 1: the line 'sep=" + (named == '\t' ? "\\t" : named)
                    + "' says the file is separated by " + shown + ", but it is read with " + used
                    + "; try --delimiter " + shown);
        }
        return true;
    }

    /** FastCSV's message for a quote still open at the end of the input; it has no field for the line. */
    private static final Pattern UNCLOSED_QUOTE =
            Pattern.compile("Unclosed quoted field at end of input \\(record starting at line (\\d+)\\)");
    /** FastCSV's words for a field beyond its buffer (16 Mi characters). */
    private static final Pattern FIELD_TOO_LONG = Pattern.compile(
            "maximum buffer size of (\\d+) is insufficient.*\\(record starting at line (\\d+)\\)", Pattern.DOTALL);

    /** FastCSV's own parse errors end with the line their record starts on. */
    private static final Pattern RECORD_LINE = Pattern.compile("(.+) \\(record starting at line (\\d+)\\)",
            Pattern.DOTALL);

    private DataException parseError(CsvParseException e) {
        if (e.getCause() instanceof Error error) {
            // FastCSV wraps whatever its read throws, an OutOfMemoryError too: a heap that ran out is no fault of
            // the file (it had read "malformed CSV: ... (Java heap space)"), and the callers that turn it into the
            // heap's own message look for the Error itself.
            throw error;
        }
        if (e.getCause() instanceof DataException undecodable) {
            return undecodable; // StrictTextReader's, which names the line
        }
        Matcher unclosed = UNCLOSED_QUOTE.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (unclosed.matches()) {
            return new DataException(String.format(java.util.Locale.ROOT, "%s, line %s: a quote opened in this record"
                    + " is never closed, so the rest of the file would be one field", source, unclosed.group(1)), e);
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher tooLong = FIELD_TOO_LONG.matcher(message);
        if (tooLong.find()) {
            // In a large file an unclosed quote meets this limit before the end of the file: say so.
            return new DataException(String.format(java.util.Locale.ROOT, "%s, line %s: a field longer than %,d"
                    + " characters, the most one field may hold (is a quote left open? A quoted field runs on, over"
                    + " delimiters and lines, to the next quote)", source, tooLong.group(2),
                    Long.parseLong(tooLong.group(1))), e);
        }
        // FastCSV wraps a reading failure ("Exception when reading record that started in line N") around its
        // cause; a parse error of its own names the line in its message and has no cause to add.
        String detail = e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "";
        Matcher at = RECORD_LINE.matcher(message);
        if (at.matches() && detail.isEmpty()) {
            // "Unexpected character after closing quote: 'y' (0x79) (record starting at line 2)": the line first,
            // as every other error of a file gives it.
            String what = Character.toLowerCase(at.group(1).charAt(0)) + at.group(1).substring(1);
            if (what.startsWith("unexpected character after closing quote")) {
                // A quoted field ends at its closing quote: '"2" ,3' and '"abc"def' are not CSV.
                what += "; a quoted field ends at its closing quote, so the delimiter or the end of the line must come"
                        + " next: remove what follows the quote, or move it inside the quotes";
            }
            return new DataException(source + ", line " + at.group(2) + ": malformed CSV: " + what, e);
        }
        return new DataException(source + ": malformed CSV: " + message + detail, e);
    }

    /**
     * What is wrong when header column c (0-based) is empty: where it is, and for empty names up to the end of
     * the header (the trailing commas a spreadsheet may write) what to do about them.
     */
    private static String unnamed(List<String> names, int c) {
        int last = names.size() - 1;
        boolean trailing = c > 0 && names.subList(c, names.size()).stream().allMatch(String::isEmpty);
        if (trailing && c < last) {
            return "header columns " + (c + 1) + " to " + (last + 1) + " have no name (after '"
                    + DataException.shown(names.get(c - 1)) + "'): if they are empty columns, such as a spreadsheet's"
                    + " trailing commas, remove them";
        }
        String after = c == 0 ? "" : " (after '" + DataException.shown(names.get(c - 1)) + "')";
        // pandas' to_csv writes its row index as a first column without a name: the usual unnamed first column.
        String index = c == 0 && last > 0 ? ": if it is a row index, as pandas' to_csv writes one, write the file with"
                + " index=False, or name the column and leave it out with --ignore" : "";
        return "header column " + (c + 1) + " has no name" + after + index
                + (trailing ? ": if it is an empty column, such as a spreadsheet's trailing comma, remove it" : "");
    }

    /** Names present and each once; a set, so that a header of 200,000 names takes linear time (it took 26 s). */
    private void checkHeader(List<String> names, long line) {
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < names.size(); c++) {
            if (names.get(c).isEmpty()) {
                throw new DataException(source + ", line " + line + ": " + unnamed(names, c));
            }
            if (!seen.add(names.get(c))) {
                throw new DataException(source + ", line " + line + ": column name '"
                        + DataException.shown(names.get(c)) + "' appears twice in the header");
            }
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Only read from; nothing was lost.
        }
    }
}
