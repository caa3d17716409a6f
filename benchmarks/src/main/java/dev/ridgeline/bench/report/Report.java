package dev.ridgeline.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code Report DIR COMMAND LOAD_BEFORE LOAD_AFTER}: reads DIR/jmh.json (and DIR/peers.txt when present)
 * and writes DIR/summary.md and DIR/bandwidth.png, each through a temporary file moved into place.
 */
public final class Report {
    private Report() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: Report <results dir> <command> <uptime before> <uptime after> [fork JVM options]");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        Path dir = Path.of(args[0]);
        List<Measurement> all = JmhResults.read(dir.resolve("jmh.json"));
        Path notesFile = dir.resolve("peers.txt");
        List<String> notes = Files.exists(notesFile) ? Files.readAllLines(notesFile, StandardCharsets.UTF_8) : List.of();
        RunConditions run = new RunConditions(java.time.Instant.now().toString(), args[1], machine(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                        + (args.length == 5 ? "; benchmark JVMs started with `" + args[4] + "`" : ""), args[2], args[3]);
        String md = new SummaryWriter(all).markdown(run, notes);
        Path tmpMd = dir.resolve("summary.tmp.md");
        Files.writeString(tmpMd, md, StandardCharsets.UTF_8);
        Files.move(tmpMd, dir.resolve("summary.md"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (all.stream().noneMatch(Measurement::isEpoch)) {
            // A run of the peers alone: no epoch to plot (the chart library cannot draw an empty category axis).
            System.out.println("wrote " + dir.resolve("summary.md") + " (no epoch results, so no bandwidth.png)");
            return;
        }
        Path tmpPng = dir.resolve("bandwidth.tmp.png");
        BandwidthPlot.write(all, tmpPng);
        Files.move(tmpPng, dir.resolve("bandwidth.png"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("wrote " + dir.resolve("summary.md") + " and " + dir.resolve("bandwidth.png"));
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " processors, " + System.getProperty("os.arch") + ", "
                + System.getProperty("os.name") + " (a shared machine)";
    }
}
