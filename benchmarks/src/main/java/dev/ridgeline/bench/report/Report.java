package dev.ridgeline.bench.report;

import dev.ridgeline.bench.CsvFileSize;
import dev.ridgeline.bench.PeakWork;
import dev.ridgeline.bench.PeerOutcome;
import dev.ridgeline.card.BuildInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code Report DIR COMMAND LOAD_BEFORE LOAD_AFTER [OPTION...]}: reads DIR/jmh.json (and DIR/peers.txt and
 * DIR/peer-outcomes.tsv when present) and writes DIR/summary.md and DIR/bandwidth.png, each through a
 * temporary file moved into place. Options: {@code --jvm=OPTS} (the benchmark JVMs' options),
 * {@code --head=REV} (the checkout's commit when the run ended; the summary names the commit the jar was
 * built from, which can differ), {@code --built=TIME} (the jar's build time), {@code --cuda-check=LINE} (what
 * BackendCheck said), {@code --smoke} (a quick run), and what the run was to measure, so that missing
 * results are listed: {@code --shapes=S,S} (this switches the expectations on), {@code --models=K,K} (the
 * {@code -p models} of the many-model benchmarks), {@code --cuda} (the CUDA benchmark was included),
 * {@code --peer-shape=S}, {@code --csv=S} (the {@code -p csv} of the CSV read benchmark), {@code --threads=N}
 * (the run set Ridgeline's thread count: the targets name it); with
 * {@code --shapes} the arithmetic peak is expected too. The CSV file sizes come from DIR/csv-files.tsv, the
 * arithmetic peak's work from DIR/arithmetic-peak.tsv, when present. With {@code --shapes}, a run that lacks an
 * expected result still gets its summary, then exits with status 3 naming what is missing.
 */
public final class Report {
    private Report() {
    }

    public static void main(String[] args) throws IOException {
        List<String> missing = run(args);
        if (!missing.isEmpty()) {
            System.err.println("Report: " + missing.size() + " expected result(s) missing from this run (each listed as"
                    + " missing in summary.md): " + String.join("; ", missing));
            System.exit(3);
        }
    }

    /**
     * Writes the summary and the plot; returns the expected results without one (only when {@code --shapes}
     * says what the run was to measure; else none is expected).
     */
    static List<String> run(String[] args) throws IOException {
        if (args.length < 4 || Arrays.stream(args, 4, args.length).anyMatch(a -> !a.startsWith("--"))) {
            System.err.println("usage: Report <results dir> <command> <uptime before> <uptime after> [--jvm=OPTS]"
                    + " [--head=REV] [--built=TIME] [--cuda-check=LINE] [--smoke] [--shapes=S,S] [--models=K,K]"
                    + " [--cuda] [--peer-shape=S] [--csv=S] [--threads=N]");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        Path dir = Path.of(args[0]);
        String jvm = option(args, "--jvm=");
        List<Measurement> all = JmhResults.read(dir.resolve("jmh.json"));
        Path notesFile = dir.resolve("peers.txt");
        List<String> notes = Files.exists(notesFile) ? Files.readAllLines(notesFile, StandardCharsets.UTF_8) : List.of();
        Path outcomesFile = dir.resolve(PeerOutcome.FILE);
        List<PeerOutcome> outcomes = Files.exists(outcomesFile)
                ? Files.readAllLines(outcomesFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                        .map(PeerOutcome::parse).distinct().toList()
                : List.of();
        Path sizesFile = dir.resolve(CsvFileSize.FILE);
        List<CsvFileSize> sizes = Files.exists(sizesFile)
                ? Files.readAllLines(sizesFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                        .map(CsvFileSize::parse).distinct().toList()
                : List.of();
        Path peakFile = dir.resolve(PeakWork.FILE);
        List<PeakWork> peakWork = Files.exists(peakFile)
                ? Files.readAllLines(peakFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                        .map(PeakWork::parse).distinct().toList()
                : List.of();
        RunConditions run = new RunConditions(java.time.Instant.now().toString(), args[1], machine(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                        + (jvm != null ? "; benchmark JVMs started with `" + jvm + "`" : ""), args[2], args[3],
                builtFrom(BuildInfo.current(), option(args, "--head=")), option(args, "--built="), option(args, "--cuda-check="),
                flag(args, "--smoke"), threads(option(args, "--threads=")));
        Expected expected = expected(args, all);
        List<String> missing = option(args, "--shapes=") == null ? List.of() : MissingResults.of(all, expected);
        String md = new SummaryWriter(all, expected).markdown(run, notes, outcomes, sizes, peakWork);
        Path tmpMd = dir.resolve("summary.tmp.md");
        Files.writeString(tmpMd, md, StandardCharsets.UTF_8);
        Files.move(tmpMd, dir.resolve("summary.md"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (all.stream().noneMatch(Measurement::isEpoch)) {
            // A run of the peers or the CSV read alone: no epoch to plot (the chart library cannot draw an empty
            // category axis).
            System.out.println("wrote " + dir.resolve("summary.md") + " (no epoch results, so no bandwidth.png)");
            return missing;
        }
        Path tmpPng = dir.resolve("bandwidth.tmp.png");
        BandwidthPlot.write(all, tmpPng);
        Files.move(tmpPng, dir.resolve("bandwidth.png"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("wrote " + dir.resolve("summary.md") + " and " + dir.resolve("bandwidth.png"));
        return missing;
    }

    /**
     * The commit the timed code was built from (the jar's build-info, written at its build), "+modified" when
     * files differed from it then, and the checkout's commit beside it when that is another (a jar reused with
     * SKIP_BUILD=1, or a commit made while the suite ran); "unknown" when the jar records none.
     */
    static String builtFrom(BuildInfo jar, String head) {
        if (jar == null || jar.commit().equals("unknown")) {
            return "unknown (the jar records no source commit)";
        }
        String commit = jar.commit().substring(0, Math.min(7, jar.commit().length()))
                + (jar.modified().equals("true") ? "+modified" : "");
        if (head != null && !head.isBlank() && !head.equals(jar.commit())) {
            commit += " (the checkout is now at " + head.substring(0, Math.min(7, head.length())) + ")";
        }
        return commit;
    }

    /** From the options when --shapes is given, else everything found in the results. */
    static Expected expected(String[] args, List<Measurement> all) {
        String shapes = option(args, "--shapes=");
        if (shapes == null) {
            return Expected.from(all);
        }
        String models = option(args, "--models=");
        String peer = option(args, "--peer-shape=");
        List<Integer> many = models == null ? null : Arrays.stream(models.split(",")).map(Integer::parseInt).toList();
        String csv = option(args, "--csv=");
        return new Expected(new ArrayList<>(List.of(shapes.split(","))), many, flag(args, "--cuda"),
                List.of(peer == null ? Expected.defaultPeerShape() : peer),
                List.of(csv == null ? Expected.defaultCsvFile() : csv), true);
    }

    /** The --threads value: null when absent; a whole number from 1 to 1,024 (as run.sh's THREADS), else the usage error. */
    static Integer threads(String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches("[1-9][0-9]{0,3}") || Integer.parseInt(value) > 1024) {
            System.err.println("Report: --threads must be a whole number from 1 to 1024, got '" + value + "'");
            System.exit(2);
        }
        return Integer.parseInt(value);
    }

    private static String option(String[] args, String prefix) {
        String value = null;
        for (int i = 4; i < args.length; i++) {
            if (args[i].startsWith(prefix)) {
                value = args[i].substring(prefix.length());
            }
        }
        return value;
    }

    private static boolean flag(String[] args, String name) {
        return Arrays.stream(args, Math.min(4, args.length), args.length).anyMatch(name::equals);
    }

    private static String machine() {
        String cpu = CpuDescription.ofThisMachine().map(d -> ", " + d).orElse("");
        return Runtime.getRuntime().availableProcessors() + " processors" + cpu + ", " + System.getProperty("os.arch")
                + ", " + System.getProperty("os.name") + " (a shared machine)";
    }
}
