package dev.ridgeline.model;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link AtomicFilesShutdownTest}: a thread keeps saving files slowly (256 KB in
 * 16 pieces, 10 ms apart) into the folder given, while the application's own shutdown hook takes 1.5 s;
 * main exits after 0.5 s, so a save is under way when the JVM starts shutting down and more would start
 * during the slow hook; the first refused save ends the thread.
 */
public final class AtomicFilesShutdownProbe {
    static final int PIECES = 16;
    static final int PIECE = 1 << 14;

    private AtomicFilesShutdownProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> sleep(1_500), "slow-application-hook"));
        Thread saver = new Thread(() -> {
            for (int i = 0; ; i++) {
                try {
                    AtomicFiles.write(dir.resolve("model-" + i + ".json"), AtomicFilesShutdownProbe::slowly);
                } catch (RuntimeException e) {
                    System.out.println("save " + i + ": " + e.getMessage());
                    return;
                }
            }
        }, "saver");
        saver.setDaemon(true);
        saver.start();
        Thread.sleep(500);
        Files.writeString(dir.resolve("started"), "");
        System.exit(0);
    }

    private static void slowly(OutputStream out) throws java.io.IOException {
        byte[] piece = new byte[PIECE];
        for (int p = 0; p < PIECES; p++) {
            out.write(piece);
            out.flush();
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
