package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without a terminal, long runs report on stderr every 30 s, short runs not at all. */
class ProgressTest {
    private long now = 1_000;

    @Test
    void withoutATerminalALineEveryThirtySecondsAndNoneBefore() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.logging("train", 10_000, () -> now, err)) {
            at(29.9, p, 100);
            assertEquals("", bytes.toString(StandardCharsets.UTF_8), "a run under 30 s stays silent");
            at(30, p, 120);
            at(45, p, 180);
            at(60.5, p, 240);
            at(61, p, 250);
        }
        assertEquals(List.of("ridgeline: train: epoch 120 of at most 10000, 30 s so far",
                "ridgeline: train: epoch 240 of at most 10000, 60 s so far"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private void at(double seconds, Progress p, long epoch) {
        now = 1_000 + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
        p.stepTo(epoch);
    }
}
