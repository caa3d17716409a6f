package dev.ridgeline.data;

import java.io.IOException;
import java.io.Reader;

/**
 * Text for FastCSV 4.0.0 with one parser bug worked around. Inside a quoted field a CR sets the parser's
 * "last character was CR" flag and only a LF clears it, not the closing quote; so when a quoted field holds a
 * CR that no LF follows inside it, and a LF ends its record, that LF is taken for the second half of a CRLF:
 * the field is dropped and the record runs on into the next line ({@code 1,"a\rb"\n2,3\n} read as one record
 * 1, 2, 3). This reader puts a CR before such a LF, so that the record ends as at a CRLF; no field changes, and
 * lines are counted before it. It follows the parser's quoting: a quote opens a quoted field only at the start
 * of a field, and a quote right after a closing quote is an escaped one.
 */
final class QuotedCrLineEnds extends Reader {
    private final Reader in;
    private final char delimiter;
    private final char[] raw = new char[1 << 14];
    private int pos;
    private int limit;
    private boolean fieldStart = true;
    private boolean inQuotes;
    private boolean afterClosingQuote;
    /** A CR inside the current quoted field with no LF after it: the parser's stale flag. */
    private boolean loneCr;

    QuotedCrLineEnds(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    @Override
    public int read(char[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit) {
            limit = in.read(raw, 0, raw.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        int written = 0;
        while (written < len && pos < limit) {
            char c = raw[pos];
            if (afterClosingQuote && loneCr && c == '\n') {
                out[off + written++] = '\r';
                afterClosingQuote = false;
                loneCr = false;
                fieldStart = true;
                continue;
            }
            follow(c);
            out[off + written++] = c;
            pos++;
        }
        return written;
    }

    /** The parser's quoting state after character {@code c}. */
    private void follow(char c) {
        if (inQuotes) {
            if (c == '"') {
                inQuotes = false;
                afterClosingQuote = true;
            } else if (c == '\r' || c == '\n') {
                loneCr = c == '\r';
            }
        } else if (afterClosingQuote && c == '"') {
            inQuotes = true;
            afterClosingQuote = false;
        } else {
            afterClosingQuote = false;
            loneCr = false;
            boolean ends = c == delimiter || c == '\r' || c == '\n';
            if (c == '"' && fieldStart) {
                inQuotes = true;
            }
            fieldStart = ends;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
