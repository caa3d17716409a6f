package dev.ridgeline.model;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link AtomicFilesShutdownTest}; saves files slowly (256 KB in 16 pieces, 10
 * ms apart) into the folder given, and exits after 0.5 s. Mode "daemon": a daemon thread saves one file
 * after another while the application's own shutdown hook takes 1.5 s, so saves are under way when the
 * JVM starts shutting down, more start during the slow hook, and the last is cut off when the JVM halts.
 * Mode "hook": a shutdown hook saves a file, as a service saving its model on SIGTERM would.
 */
public final class AtomicFilesShutdownProbe {
    static final int PIECES = 16;
    static final int PIECE = 1 << 14;

    private AtomicFilesShutdownProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        // The first save registers AtomicFiles' own shutdown hook before the application's.
        AtomicFiles.write(dir.resolve("first.json"), new byte[] {'{', '}'});
        if (args[1].equals("hook")) {
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> AtomicFiles.write(dir.resolve("saved-by-hook.json"), AtomicFilesShutdownProbe::slowly),
                    "saving-hook"));
        } else {
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
        }
        Thread.sleep(500);
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
