package dev.ridgeline.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The text encoding of a CSV byte stream, from its first bytes: a byte-order mark (UTF-8, UTF-16 or UTF-32,
 * big or little endian) is read and skipped; without one the text is UTF-8. Files that are not text at all but
 * compressed (gzip) or archives (zip, which includes .xlsx workbooks) are refused with what they are,
 * rather than parsed into nonsense rows.
 */
final class TextEncoding {
    private TextEncoding() {
    }

    /** The charset of the stream, which is left just past any byte-order mark. */
    static Charset detect(BufferedInputStream in, String source) throws IOException {
        in.mark(4);
        int[] b = new int[4];
        for (int i = 0; i < 4; i++) {
            b[i] = in.read();
        }
        in.reset();
        if (b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
            in.skipNBytes(3);
            refuseJsonObject(in, source);
            return StandardCharsets.UTF_8;
        }
        // UTF-32's marks first: the little-endian one starts with UTF-16's (a NUL after a UTF-16 mark is no text).
        if (b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) {
            in.skipNBytes(4);
            return Charset.forName("UTF-32BE");
        }
        if (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) {
            in.skipNBytes(4);
            return Charset.forName("UTF-32LE");
        }
        if (b[0] == 0xFE && b[1] == 0xFF) {
            in.skipNBytes(2);
            return StandardCharsets.UTF_16BE;
        }
        if (b[0] == 0xFF && b[1] == 0xFE) {
            in.skipNBytes(2);
            return StandardCharsets.UTF_16LE;
        }
        if (b[0] == 0x1F && b[1] == 0x8B) {
            throw new DataException(source + ": is gzip-compressed, not CSV text; decompress it first (gunzip)");
        }
        if (b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
            throw new DataException(source + ": is a zip archive (an .xlsx workbook?), not CSV text; extract or "
                    + "export the CSV first");
        }
        refuseJsonObject(in, source);
        return StandardCharsets.UTF_8;
    }

    /** Bytes looked at for a JSON object's start: a model file's "format" comes in its first lines. */
    private static final int JSON_PEEK = 256;

    /**
     * Refuses a stream that opens a JSON object ('{', then, past spaces and line ends, a quoted name and ':'),
     * as a model file does: passed as data (--model and --data swapped), it had failed on its second line with
     * advice about a space before a quote. Tabs are not skipped, and the ':' is required, so that a header such
     * as {@code {<tab>"y"} or {@code {"b"},y} is still read as text.
     */
    private static void refuseJsonObject(BufferedInputStream in, String source) throws IOException {
        in.mark(JSON_PEEK);
        byte[] head = in.readNBytes(JSON_PEEK);
        in.reset();
        String text = new String(head, StandardCharsets.UTF_8).stripLeading();
        if (!text.startsWith("{")) {
            return;
        }
        int next = 1;
        while (next < text.length() && " \r\n".indexOf(text.charAt(next)) >= 0) {
            next++;
        }
        int close = next < text.length() && text.charAt(next) == '"' ? text.indexOf('"', next + 1) : -1;
        int colon = close + 1;
        while (close >= 0 && colon < text.length() && text.charAt(colon) == ' ') {
            colon++;
        }
        if (close < 0 || colon >= text.length() || text.charAt(colon) != ':') {
            return;
        }
        throw new DataException(source + (text.contains("\"ridgeline-linear-model\"")
                ? ": is a Ridgeline model file, not CSV data (a model is passed with --model)"
                : ": is JSON, not CSV text"));
    }
}
