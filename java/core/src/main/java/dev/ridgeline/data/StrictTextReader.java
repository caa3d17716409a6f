package dev.ridgeline.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes into text and stops at the first byte sequence that is not valid in the charset, naming
 * its line, its place on the line, the bytes and the text before them on the line. An InputStreamReader would either replace such bytes (so that two distinct categories, say
 * Latin-1 'café' and 'cafè', both become 'caf\uFFFD' and merge) or fail without saying where, since it
 * decodes ahead of what the CSV parser has consumed. Lines are counted by their ends (LF, CRLF or CR) in the decoded text.
 */
final class StrictTextReader extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final String source;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private long newlines;
    /**
     * Characters of the current line decoded so far (code points: an emoji is one), and the last {@value #TAIL}
     * chars of them.
     */
    private long lineChars;
    private String lineTail = "";
    private static final int TAIL = 20;
    private boolean afterCr;
    private boolean endOfInput;
    private boolean flushed;

    StrictTextReader(InputStream in, Charset charset, String source) {
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.source = source;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (out.position() == offset) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            countNewlines(buffer, offset, out.position());
            if (result.isError()) {
                if (out.position() > offset) {
                    break; // hand over the good text first; the same error stops the next call
                }
                throw invalidBytes(result.length());
            }
            if (result.isOverflow()) {
                break;
            }
            if (endOfInput) {
                if (!flushed) {
                    decoder.flush(out);
                    flushed = true;
                }
                break;
            }
            fill();
        }
        int produced = out.position() - offset;
        return produced == 0 && endOfInput ? -1 : produced;
    }

    /**
     * The error for the {@code count} bytes at the read position: "t.csv, line 3, character 4 (after 'caf'):
     * the byte 0xE9 is not valid UTF-8 text", so a user can find it in a file of many columns.
     */
    private DataException invalidBytes(int count) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < count && bytes.position() + i < bytes.limit(); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "0x%02X",
                    bytes.get(bytes.position() + i) & 0xFF));
        }
        String after = lineTail.isEmpty() ? "" : " (after '" + DataException.visible(lineTail) + "')";
        return new DataException(String.format(java.util.Locale.ROOT, "%s, line %d, character %d%s: the byte%s %s %s"
                + " not valid %s text; save the file as UTF-8", source, newlines + 1, lineChars + 1, after,
                count == 1 ? "" : "s", hex, count == 1 ? "is" : "are", decoder.charset().name()));
    }

    /** Moves unread bytes to the front and reads more after them; at the end sets endOfInput. */
    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    /**
     * Counts line ends as CSV does: LF, CRLF (once) and a lone CR (old Mac files). Refuses a NUL character:
     * no text file holds one, a UTF-16 file without its byte-order mark is full of them, and number parsing
     * would skip it as white space ("1\0" read as 1).
     */
    private void countNewlines(char[] buffer, int from, int to) {
        int lineStart = from;
        for (int i = from; i < to; i++) {
            char c = buffer[i];
            if (c == '\0') {
                throw new DataException(String.format(java.util.Locale.ROOT, "%s, line %d: a NUL character, which text does not hold: is the "
                        + "file UTF-16 or binary? Save it as UTF-8", source, newlines + 1));
            }
            if (c == '\r' || c == '\n' && !afterCr) {
                newlines++;
            }
            if (c == '\r' || c == '\n') {
                lineStart = i + 1;
                lineChars = 0;
            } else if (!Character.isLowSurrogate(c)) {
                lineChars++;
            }
            afterCr = c == '\r';
        }
        // Once per call, not per character: the tail only names where a bad byte sits.
        int tailFrom = Math.max(lineStart, to - TAIL);
        String tail = new String(buffer, tailFrom, to - tailFrom);
        if (lineStart > from) {
            lineTail = tail;
        } else {
            String joined = lineTail + tail;
            lineTail = joined.substring(Math.max(0, joined.length() - TAIL));
        }
        if (!lineTail.isEmpty() && Character.isLowSurrogate(lineTail.charAt(0))) {
            lineTail = lineTail.substring(1);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
