package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A whole-file read answers an interrupt too: a service cancelling a read of a large file gets its thread back. */
class CsvTableInterruptTest {
    private static byte[] rows(int count) {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < count; i++) {
            csv.append(i).append(',').append(i % 7).append(',').append(2 * i).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anInterruptedWholeReadStopsWithCancellationAndTheStatusKept() {
        byte[] csv = rows(3 * CsvChunks.INTERRUPT_RECORDS);
        Thread.currentThread().interrupt();
        try {
            CancellationException e = assertThrows(CancellationException.class,
                    () -> CsvTable.read(new ByteArrayInputStream(csv), "rows.csv", ','));
            assertEquals("rows.csv: reading was interrupted", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status must stay set");
        } finally {
            Thread.interrupted();
        }
        assertEquals(3 * CsvChunks.INTERRUPT_RECORDS, CsvTable.read(new ByteArrayInputStream(csv), "rows.csv", ',').rows());
    }

    /** An interrupt that arrives during the read, not before it, from a stream that never ends. */
    @Test
    void anInterruptDuringTheReadStopsIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        java.io.InputStream endless = new java.io.InputStream() {
            private final byte[] header = "a,y\n".getBytes(StandardCharsets.US_ASCII);
            private final byte[] row = "1,2\n".getBytes(StandardCharsets.US_ASCII);
            private long at;

            @Override
            public int read() {
                started.countDown();
                long i = at++;
                return i < header.length ? header[(int) i] : row[(int) ((i - header.length) % row.length)];
            }
        };
        Thread reader = new Thread(() -> {
            try {
                CsvTable.read(endless, "endless.csv", ',');
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        reader.start();
        started.await();
        reader.interrupt();
        reader.join(60_000);
        assertTrue(!reader.isAlive(), "the read went on after its interrupt");
        assertTrue(outcome.get() instanceof CancellationException, String.valueOf(outcome.get()));
    }
}
