package dev.ridgeline.model;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/** A stream that throws {@code tooLong}'s exception once more than {@code limit} bytes have been read from it. */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private final Supplier<? extends RuntimeException> tooLong;
    private long read;

    LimitedInputStream(InputStream in, long limit, Supplier<? extends RuntimeException> tooLong) {
        super(in);
        this.limit = limit;
        this.tooLong = tooLong;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(n, 0));
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long bytes) {
        read += bytes;
        if (read > limit) {
            throw tooLong.get();
        }
    }
}
