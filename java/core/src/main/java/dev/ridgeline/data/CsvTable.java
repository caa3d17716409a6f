package dev.ridgeline.data;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV file read as text: the header and every record with its line number, so that later parsing can
 * name the file, line and column of a bad value. Reading uses FastCSV (quotes, CRLF, UTF-8 BOM).
 *
 * <p>Empty lines: lines before the header are skipped. After it, every line is a record, so that record
 * {@code r} of the file is always row {@code r} of a prediction: in a one-column file an empty line between
 * records is a record whose one field is empty (a missing value), and in a wider file an empty line between
 * records is a record with one field, which {@link FrameReader} refuses with its line number. Empty lines
 * after the last record are dropped, as they shift no row; so the missing last value of a one-column file
 * must be written {@code NA} (an empty field, quoted or not, reads as such a line).
 *
 * <p>Each record is kept as one string, its fields (unquoted) end to end, plus their end offsets: a
 * String per field took about four times the memory (a 140 MB file of 33 numeric columns held 1 GB).
 */
public final class CsvTable {
    /** Separators that files often use instead of the one asked for. */
    private static final char[] OTHER_DELIMITERS = {';', '\t', '|', ','};

    private final String source;
    private final List<String> header;
    /** Per record, its fields concatenated. */
    private final List<String> texts;
    /** Per record, the end offset of each field in its text. */
    private final List<int[]> ends;
    private final long[] lines;
    private final char delimiter;
    /** SHA-256 (hex) of the bytes the table was read from. */
    private final String sha256;

    private CsvTable(String source, List<String> header, List<String> texts, List<int[]> ends, long[] lines,
            char delimiter, String sha256) {
        this.source = source;
        this.sha256 = sha256;
        this.header = List.copyOf(header);
        this.texts = texts;
        this.ends = ends;
        this.lines = lines;
        this.delimiter = delimiter;
    }

    /** Reads a file with a header row; {@code delimiter} is usually ','. */
    public static CsvTable read(Path file, char delimiter) {
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": is a folder, not a CSV file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), delimiter);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new DataException(file + ": cannot read: permission denied");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a stream with a header row; {@code source} names it in error messages. The text must be UTF-8
     * (a UTF-8 or UTF-16 byte-order mark is honoured): bytes that are not valid text stop the read, since
     * replacing them would merge distinct categories. Compressed files are recognised and refused.
     */
    public static CsvTable read(InputStream in, String source, char delimiter) {
        String unusable = unusableDelimiter(delimiter);
        if (unusable != null) {
            throw new IllegalArgumentException("the delimiter " + unusable);
        }
        MessageDigest digest = sha256Digest();
        // available() of a file channel's stream on a pipe (--data /dev/stdin) fails with "Illegal seek" on
        // JDK 17, and BufferedInputStream asks it; nothing here needs the estimate.
        InputStream noEstimate = new FilterInputStream(in) {
            @Override
            public int available() {
                return 0;
            }
        };
        BufferedInputStream bytes = new BufferedInputStream(new DigestInputStream(noEstimate, digest), 1 << 16);
        Charset charset;
        try {
            charset = TextEncoding.detect(bytes, source);
        } catch (IOException e) {
            throw new DataException(source + ": cannot read: " + e.getMessage(), e);
        }
        Reader text = new StrictTextReader(bytes, charset, source);
        List<String> header = null;
        List<String> texts = new ArrayList<>();
        List<int[]> ends = new ArrayList<>();
        long[] lines = new long[1024];
        StringBuilder joined = new StringBuilder();
        CsvReader<CsvRecord> reader = CsvReader.builder()
                .fieldSeparator(delimiter)
                // Comments are not read, but FastCSV refuses a separator equal to its comment character.
                .commentStrategy(CommentStrategy.NONE)
                .commentCharacter(delimiter == '#' ? ';' : '#')
                // Empty lines are records (see the class comment); those before the header are skipped below.
                .skipEmptyLines(false)
                // Ragged rows are reported by CsvDatasets with the file line and field counts.
                .allowMissingFields(true)
                .allowExtraFields(true)
                .ofCsvRecord(text);
        try (reader) {
            for (CsvRecord r : reader) {
                if (header == null) {
                    if (!isBlank(r)) {
                        header = trimmed(r.getFields());
                    }
                    continue;
                }
                int count = r.getFieldCount();
                int[] end = new int[count];
                joined.setLength(0);
                for (int c = 0; c < count; c++) {
                    end[c] = joined.append(r.getField(c)).length();
                }
                if (texts.size() == lines.length) {
                    lines = Arrays.copyOf(lines, 2 * lines.length);
                }
                lines[texts.size()] = r.getStartingLineNumber();
                texts.add(joined.toString());
                ends.add(end);
            }
            // The digest covers the whole input even if the reader stopped short of its end.
            bytes.transferTo(OutputStream.nullOutputStream());
        } catch (CsvParseException e) {
            if (e.getCause() instanceof DataException undecodable) {
                throw undecodable; // StrictTextReader's, which names the line
            }
            String detail = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new DataException(source + ": malformed CSV: " + e.getMessage() + " (" + detail + ")", e);
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            throw new DataException(source + ": cannot read: " + cause.getMessage(), e);
        }
        if (header == null) {
            throw new DataException(source + ": the file is empty (no header row)");
        }
        checkHeader(source, header);
        int rows = texts.size();
        // Blank lines after the last record shift no row: drop them (a file that ends in an extra line break
        // is far more common than a one-column file whose last value is missing and written as nothing).
        while (rows > 0 && texts.get(rows - 1).isEmpty() && ends.get(rows - 1).length == 1) {
            rows--;
        }
        return new CsvTable(source, header, new ArrayList<>(texts.subList(0, rows)),
                new ArrayList<>(ends.subList(0, rows)), Arrays.copyOf(lines, rows), delimiter,
                HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** SHA-256 (lowercase hex) of exactly the bytes this table was read from, for provenance. */
    public String sha256() {
        return sha256;
    }

    /**
     * One field of a CSV file written with ',' (RFC 4180): the text as it is, or in double quotes with each
     * quote doubled when it holds a comma, a quote or a line break, so that a reader gets the text back.
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

    /** Fields of data row {@code r} (0-based, header excluded). */
    public String[] record(int r) {
        String[] out = new String[fieldCount(r)];
        Arrays.setAll(out, c -> field(r, c));
        return out;
    }

    /** How many fields data row {@code r} has (the header's count unless the row is ragged). */
    public int fieldCount(int r) {
        return ends.get(r).length;
    }

    /** Field {@code c} of data row {@code r}, as read (untrimmed). */
    public String field(int r, int c) {
        int[] end = ends.get(r);
        return texts.get(r).substring(c == 0 ? 0 : end[c - 1], end[c]);
    }

    /** The file line where data row {@code r} starts (1-based, as an editor shows it). */
    public long line(int r) {
        return lines[r];
    }

    /** Index of a header column, or a clear error listing the columns there are. */
    public int column(String name) {
        int c = header.indexOf(name);
        if (c < 0) {
            throw new DataException(source + ": no column named '" + name + "'; the columns are " + header
                    + delimiterHint());
        }
        return c;
    }

    /**
     * A one-column header that contains another common separator means the file was most likely split
     * with the wrong one: say which, in the words of the command line's --delimiter. Empty otherwise.
     */
    public String delimiterHint() {
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

    /** An empty line (or a lone empty quoted field): one field, empty. */
    private static boolean isBlank(CsvRecord r) {
        return r.getFieldCount() == 1 && r.getField(0).isEmpty();
    }

    /**
     * True when data row {@code r} was an empty line (one empty field). In a one-column file that is a
     * missing value; in a wider one it is a short record, which {@link FrameReader} refuses.
     */
    public boolean isBlank(int r) {
        return texts.get(r).isEmpty() && ends.get(r).length == 1;
    }

    private static List<String> trimmed(List<String> fields) {
        List<String> out = new ArrayList<>(fields.size());
        for (String f : fields) {
            out.add(f.trim());
        }
        return out;
    }

    private static void checkHeader(String source, List<String> header) {
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).isEmpty()) {
                throw new DataException(source + ": header column " + (c + 1) + " has no name");
            }
            if (header.indexOf(header.get(c)) != c) {
                throw new DataException(source + ": column name '" + header.get(c) + "' appears twice in the header");
            }
        }
    }
}
