package dev.ridgeline.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Standard output that remembers why a write failed: a PrintStream only records that one did, and the
 * command must tell a reader that stopped reading ({@code | head}: a broken pipe, which is how a pipeline
 * ends early, not a failure) from a full disk (the output is lost, which is).
 */
final class StandardOutput extends PrintStream {
    private final Sink sink;

    private StandardOutput(Sink sink, Charset charset) {
        super(new BufferedOutputStream(sink, 1 << 13), true, charset);
        this.sink = sink;
    }

    /**
     * Over the process's standard output, in UTF-8 whatever the JVM's default charset: JSON must be UTF-8,
     * and a predictions CSV on stdout must read back as the files the commands write (under
     * {@code -Dfile.encoding=ISO-8859-1} a non-ASCII column name came out as "???").
     */
    static StandardOutput system() {
        return over(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
    }

    /** Over any stream (tests). */
    static StandardOutput over(OutputStream out, Charset charset) {
        return new StandardOutput(new Sink(out), charset);
    }

    /** True when a write failed because the reading end of the pipe was closed. */
    boolean readerClosed() {
        IOException e = sink.failure;
        return e != null && e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }

    /**
     * Why standard output could not be written, in words, from the first failed write's reason (errno's text):
     * a closed one ({@code >&-}) or one open only for reading ({@code 1<file}) fails with "Bad file descriptor",
     * a full disk with "No space left on device". Both had been called "disk full?". Where no write failed here
     * (a writer above this stream failed), or the reason is another, it says so in words that cover both.
     */
    String failure() {
        IOException e = sink.failure;
        String reason = e == null || e.getMessage() == null ? "" : e.getMessage();
        if (reason.contains("Bad file descriptor")) {
            return "it is closed, or open only for reading (>&- or 1<FILE)";
        }
        if (reason.contains("No space left on device")) {
            return "no space left on device (disk full)";
        }
        if (reason.contains("Disk quota exceeded")) {
            return "disk quota exceeded";
        }
        return reason.isBlank() ? "it is closed, or its disk is full"
                : reason.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + reason.substring(1);
    }

    private static final class Sink extends OutputStream {
        private final OutputStream out;
        private volatile IOException failure;

        Sink(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        private IOException remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
